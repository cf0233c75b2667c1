// Builds a web surface the backend serves (the Teams tab under /tab/, the Office add-in under /addin/) with Vite,
// only when its inputs changed since the last build: its own sources, the shared web package, the contracts, its
// pages and Vite config, and the lockfile. A stamp of the inputs (path, size, mtime) sits beside the output, so a
// deleted file counts as a change too. Parallel callers (test files in several processes, npm start) wait for one
// build instead of racing on the same directory.
// Must not break: a stale build is never served as current; the stamp is written only after Vite succeeded.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = resolve(import.meta.dirname, '..');

export interface WebSurface {
  /** For messages: "the tab", "the add-in". */
  name: string;
  /** The workspace folder, holding vite.config.ts. */
  dir: string;
  /** Folders whose files are inputs (tests excluded), relative to the repository. */
  inputDirs: string[];
  /** Single files that are inputs. */
  inputFiles: string[];
}

export const SURFACES = {
  tab: {
    name: 'the tab',
    dir: 'tab',
    inputDirs: ['tab/src', 'web/src', 'contracts/src'],
    inputFiles: ['tab/index.html', 'tab/auth.html', 'tab/vite.config.ts', 'package-lock.json'],
  },
  addin: {
    name: 'the Office add-in',
    dir: 'office-addin',
    inputDirs: ['office-addin/src', 'office-addin/public', 'web/src', 'contracts/src'],
    inputFiles: [
      'office-addin/taskpane.html',
      'office-addin/auth.html',
      'office-addin/vite.config.ts',
      'package-lock.json',
    ],
  },
} satisfies Record<string, WebSurface>;

/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 5 * 60_000;

export const distOf = (s: WebSurface) => join(ROOT, s.dir, 'dist');
const stampOf = (s: WebSurface) => join(distOf(s), 'build-stamp.json');

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (!/\.test\.tsx?$/.test(entry.name)) yield path;
  }
}

/** A fingerprint of every input: changes when a file is added, removed, resized or touched. */
export function inputsStamp(s: WebSurface): string {
  const hash = createHash('sha256');
  const paths = [
    ...s.inputDirs.flatMap((d) => [...files(join(ROOT, d))]),
    ...s.inputFiles.map((f) => join(ROOT, f)),
  ].sort();
  for (const p of paths) {
    const st = statSync(p);
    hash.update(`${relative(ROOT, p)}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

export function isStale(s: WebSurface, entryPage: string): boolean {
  if (!existsSync(join(distOf(s), entryPage)) || !existsSync(stampOf(s))) return true;
  try {
    return (JSON.parse(readFileSync(stampOf(s), 'utf8')) as { inputs?: string }).inputs !== inputsStamp(s);
  } catch {
    return true;
  }
}

async function lock(s: WebSurface): Promise<() => void> {
  const path = join(ROOT, s.dir, '.build.lock');
  for (;;) {
    try {
      mkdirSync(path);
      return () => rmSync(path, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(path).mtimeMs > STALE_LOCK_MS)
          rmSync(path, { recursive: true, force: true });
      } catch {
        // gone between the two calls: try again
      }
      await sleep(200);
    }
  }
}

/** Builds the surface if it is stale (or always, with `force`); answers whether it built. */
export async function buildSurface(
  s: WebSurface,
  entryPage: string,
  opts: { force?: boolean; quiet?: boolean } = {},
): Promise<boolean> {
  if (!opts.force && !isStale(s, entryPage)) return false;
  const release = await lock(s);
  try {
    // Another process may have built it while this one waited.
    if (!opts.force && !isStale(s, entryPage)) return false;
    const inputs = inputsStamp(s);
    const { build } = await import('vite');
    await build({ configFile: join(ROOT, s.dir, 'vite.config.ts'), logLevel: opts.quiet ? 'error' : 'info' });
    writeFileSync(stampOf(s), JSON.stringify({ inputs, builtAt: new Date().toISOString() }));
    return true;
  } finally {
    release();
  }
}
