// The host as an operating system process: startup banner, refusal of bad config, graceful shutdown.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/timing.ts';
import { testFetch } from './support/http.ts';

const MAIN = resolve(import.meta.dirname, '../src/main.ts');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function launch(env: Record<string, string>): { child: ChildProcess; out: () => string; err: () => string } {
  const dir = mkdtempSync(join(tmpdir(), 'donatello-proc-'));
  dirs.push(dir);
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { child, out: () => out, err: () => err };
}

const until = <T>(fn: () => T | undefined, what: string): Promise<T> =>
  waitFor(fn, { what, timeoutMs: 60_000 });

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((r) =>
    child.exitCode !== null ? r(child.exitCode) : child.once('exit', (c) => r(c)),
  );

describe('the host process', () => {
  it('prints the URLs to open', async () => {
    const p = launch({});
    const port = await until(
      () => /Health: +http:\/\/localhost:(\d+)\/api\/v1\/health/.exec(p.out())?.[1],
      'banner',
    );
    expect(p.out()).toMatch(/Dev users: +http:\/\/localhost:\d+\/dev\/users/);
    const res = await testFetch(`http://127.0.0.1:${port}/api/v1/health`);
    expect(res.status).toBe(200);
    p.child.kill('SIGINT');
    expect(await exitOf(p.child)).toBe(0);
  });

  it('refuses to start with a bad setting, naming it (exit 78)', async () => {
    const p = launch({ STORE: 'cosmos', PORT: 'abc' });
    expect(await exitOf(p.child)).toBe(78);
    expect(p.err()).toMatch(/PORT/);
    const prod = launch({ NODE_ENV: 'production', DEV_AUTH: 'true' });
    expect(await exitOf(prod.child)).toBe(78);
    expect(prod.err()).toMatch(/DEV_AUTH: the dev issuer cannot run when NODE_ENV=production/);
  });

  it('on SIGTERM stops accepting, finishes the request in flight, then exits 0', async () => {
    const p = launch({ LOG_LEVEL: 'info' });
    const port = Number(await until(() => /localhost:(\d+)\/api\/v1\/health/.exec(p.out())?.[1], 'banner'));
    // A request whose body is still arriving when the signal comes. `Expect: 100-continue` makes the server
    // say when it has the request (it answers 100 once it has read the headers), so the signal is sent while
    // the request is certainly in flight, and the rest of the body only after the process has begun to stop.
    const body = JSON.stringify({ user: 'alice' });
    const inFlight = new Promise<{ status: number; text: string }>((resolveRes, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/dev/token',
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            expect: '100-continue',
          },
        },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolveRes({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.once('continue', () => {
        req.write(body.slice(0, 5));
        p.child.kill('SIGTERM');
        until(() => (p.out().includes('shutting down') ? true : undefined), 'the shutdown to begin').then(
          () => req.end(body.slice(5)),
          reject,
        );
      });
      req.flushHeaders();
    });
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).accessToken).toBeTruthy();
    expect(await exitOf(p.child)).toBe(0);
    await expect(testFetch(`http://127.0.0.1:${port}/api/v1/health`)).rejects.toThrow(/ECONNREFUSED/); // nothing listens there any more
  });
});
