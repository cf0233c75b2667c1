// Runs the real backend as a separate OS process (node backend/src/main.ts) and talks to it over HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { Agent } from 'undici';
import { testFetch } from './http.ts';
import { scaled, waitFor } from './timing.ts';

const MAIN = resolve(import.meta.dirname, '../../src/main.ts');

export interface BackendProcess {
  child: ChildProcess;
  port: number;
  base: string;
  output(): string;
  /** SIGTERM and wait; SIGKILL after `graceMs` (scaled). */
  stop(graceMs?: number): Promise<number | null>;
  kill(): Promise<void>;
}

export function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((r) =>
    child.exitCode !== null || child.signalCode !== null
      ? r(child.exitCode)
      : child.once('exit', (c) => r(c)),
  );
}

export async function startBackend(env: Record<string, string>, timeoutMs = 60_000): Promise<BackendProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const port = await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`backend exited early:\n${out}`);
      const m = /Health: +http:\/\/localhost:(\d+)\//.exec(out);
      return m ? Number(m[1]) : undefined;
    },
    { what: 'the backend to print its banner', timeoutMs, seen: () => out },
  ).catch((err: unknown) => {
    child.kill('SIGKILL');
    throw err;
  });
  return {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    output: () => out,
    async stop(graceMs = 20_000) {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), scaled(graceMs));
      const code = await exitOf(child);
      clearTimeout(t);
      return code;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exitOf(child);
    },
  };
}

export async function call(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  agent?: Agent,
) {
  const url = `${base}${path}`;
  const init = {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  };
  const res = await testFetch(url, init, agent);
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, body: json, text };
}

export async function devToken(base: string, user: string): Promise<string> {
  const res = await call(base, 'POST', '/dev/token', undefined, { user });
  if (res.status !== 200) throw new Error(`no token for ${user}: ${res.text}`);
  return res.body.accessToken as string;
}
