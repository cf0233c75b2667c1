// `npm start` (scripts/start.ts) as a process: the backend and the Agents Playground together, the Playground's URL
// in the banner, its config generated from the seeded users, and both stopped by one signal.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { devObjectId } from '../src/dev/seed.ts';
import { exitOf } from './support/backend-process.ts';
import { freePort } from './support/servers.ts';
import { waitFor } from './support/timing.ts';
import { testFetch } from './support/http.ts';

const START = resolve(import.meta.dirname, '../../scripts/start.ts');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function launch(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'donatello-start-'));
  dirs.push(dir);
  const [port, playgroundPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [START], {
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: dir,
      PORT: String(port),
      PLAYGROUND_PORT: String(playgroundPort),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return { child, dir, port, playgroundPort, out: () => out };
}

function untilStopLine(p: { child: ChildProcess; out: () => string }): Promise<string> {
  return waitFor(
    () => {
      if (p.child.exitCode !== null) throw new Error(`start exited early:\n${p.out()}`);
      return p.out().includes('Stop with Ctrl+C.') && p.out();
    },
    { what: 'the banner', timeoutMs: 120_000, seen: p.out },
  );
}

describe('npm start', () => {
  it('runs the backend and the Agents Playground, prints both, and stops both on SIGTERM', async () => {
    const p = await launch({});
    const banner = await untilStopLine(p);
    expect(banner).toContain(`Health:      http://localhost:${p.port}/api/v1/health`);
    expect(banner).toContain(`API docs:    http://localhost:${p.port}/api/v1/docs`);
    expect(banner).toContain(`Teams (Agents Playground): http://localhost:${p.playgroundPort}`);
    expect(banner).toContain(`Tab:         http://localhost:${p.port}/tab/`);
    expect(banner).toContain(`Add-in:      http://localhost:${p.port}/addin/taskpane.html`);
    // The Playground line sits inside the banner, before its last line.
    expect(banner.indexOf('Agents Playground')).toBeLessThan(banner.indexOf('Stop with Ctrl+C.'));

    const { config } = (await (
      await testFetch(`http://127.0.0.1:${p.playgroundPort}/_internal/v1/config`)
    ).json()) as any;
    expect(config.currentUser.aadObjectId).toBe(devObjectId('alice'));
    const yml = readFileSync(join(p.dir, 'playground', '.m365agentsplayground.yml'), 'utf8');
    expect(yml).toContain(`aadObjectId: "${devObjectId('erin')}"`);

    p.child.kill('SIGTERM');
    expect(await exitOf(p.child)).toBe(0);
    // Both ports are free again: nothing was left running.
    for (const port of [p.port, p.playgroundPort])
      await expect(testFetch(`http://127.0.0.1:${port}/`)).rejects.toThrow(/ECONNREFUSED/); // nothing listens there any more
  });

  it('PLAYGROUND=off runs the backend alone', async () => {
    const p = await launch({ PLAYGROUND: 'off' });
    const banner = await untilStopLine(p);
    expect(banner).not.toContain('Agents Playground');
    expect(existsSync(join(p.dir, 'playground'))).toBe(false);
    await expect(testFetch(`http://127.0.0.1:${p.playgroundPort}/`)).rejects.toThrow(/ECONNREFUSED/); // nothing listens there any more
    p.child.kill('SIGTERM');
    expect(await exitOf(p.child)).toBe(0);
  });
});
