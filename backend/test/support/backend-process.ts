// Runs the real backend as a separate OS process (node backend/src/main.ts) and talks to it over HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const MAIN = resolve(import.meta.dirname, '../../src/main.ts');

export interface BackendProcess {
  child: ChildProcess;
  port: number;
  base: string;
  output(): string;
  /** SIGTERM and wait; SIGKILL after `graceMs`. */
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

export async function startBackend(env: Record<string, string>, timeoutMs = 30_000): Promise<BackendProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + timeoutMs;
  let port = 0;
  while (!port) {
    const m = /Health: +http:\/\/localhost:(\d+)\//.exec(out);
    if (m) port = Number(m[1]);
    else if (child.exitCode !== null) throw new Error(`backend exited early:\n${out}`);
    else if (Date.now() > deadline) throw new Error(`backend did not start:\n${out}`);
    else await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    output: () => out,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
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

export async function call(base: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
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
