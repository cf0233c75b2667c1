// Builds the Teams tab (tab/dist, served by the backend under /tab/) when its inputs changed since the last build:
// the tab's and the shared web package's sources, the contracts, the Vite config and the lockfile. A stamp of the
// inputs (path, size, mtime) sits beside the output, so a deleted file counts as a change too. Parallel callers
// (test files in several processes, npm start) wait for one build instead of racing on the same directory.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = resolve(import.meta.dirname, '..');
export const TAB_DIST = join(ROOT, 'tab', 'dist');
const STAMP = join(TAB_DIST, 'build-stamp.json');
const LOCK = join(ROOT, 'tab', '.build.lock');
const INPUT_DIRS = ['tab/src', 'web/src', 'contracts/src'];
const INPUT_FILES = ['tab/index.html', 'tab/auth.html', 'tab/vite.config.ts', 'package-lock.json'];
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 5 * 60_000;

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (!/\.test\.tsx?$/.test(entry.name)) yield path;
  }
}

/** A fingerprint of every input: changes when a file is added, removed, resized or touched. */
export function inputsStamp(): string {
  const hash = createHash('sha256');
  const paths = [
    ...INPUT_DIRS.flatMap((d) => [...files(join(ROOT, d))]),
    ...INPUT_FILES.map((f) => join(ROOT, f)),
  ].sort();
  for (const p of paths) {
    const s = statSync(p);
    hash.update(`${relative(ROOT, p)}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

export function tabIsStale(): boolean {
  if (!existsSync(join(TAB_DIST, 'index.html')) || !existsSync(STAMP)) return true;
  try {
    return (JSON.parse(readFileSync(STAMP, 'utf8')) as { inputs?: string }).inputs !== inputsStamp();
  } catch {
    return true;
  }
}

async function lock(): Promise<() => void> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS)
          rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // gone between the two calls: try again
      }
      await sleep(200);
    }
  }
}

/** Builds the tab if it is stale (or always, with `force`); answers whether it built. */
export async function buildTab(opts: { force?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  if (!opts.force && !tabIsStale()) return false;
  const release = await lock();
  try {
    // Another process may have built it while this one waited.
    if (!opts.force && !tabIsStale()) return false;
    const inputs = inputsStamp();
    const { build } = await import('vite');
    await build({ configFile: join(ROOT, 'tab', 'vite.config.ts'), logLevel: opts.quiet ? 'error' : 'info' });
    writeFileSync(STAMP, JSON.stringify({ inputs, builtAt: new Date().toISOString() }));
    return true;
  } finally {
    release();
  }
}

if (import.meta.main) {
  const force = process.argv.includes('--force');
  const built = await buildTab({ force });
  if (!built) process.stdout.write('The tab is up to date (tab/dist). Use --force to build it anyway.\n');
}
