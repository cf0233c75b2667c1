// Boots the real host (composition root) on port 0 with a throwaway data directory, and talks to it over HTTP.
// Every /api/v1 answer it gets is held to the OpenAPI document the host serves (support/conformance.ts): a
// status, header or body the document does not describe fails the test that saw it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { startHost, type Host, type HostOptions } from '../../src/main.ts';
import { conformanceFor, type Conformance } from './conformance.ts';

export interface TestHost extends Host {
  dataDir: string;
  /** The checker every answer from `call` goes through. */
  conformance: Conformance;
  token(user: string): Promise<string>;
  call(method: string, path: string, opts?: CallOptions): Promise<TestResponse>;
  stop(): Promise<void>;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export async function startTestHost(
  env: Record<string, string> = {},
  dataDir?: string,
  options: HostOptions = {},
): Promise<TestHost> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'donatello-host-'));
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'silent', ...env });
  const host = await startHost(config, pino({ level: 'silent' }), options);
  const base = `http://127.0.0.1:${host.port}`;
  const conformance = await conformanceFor(base);

  const call = async (method: string, path: string, opts: CallOptions = {}): Promise<TestResponse> => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.rawBody;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    const answer = { status: res.status, headers: res.headers, body: parsed, text };
    if (path.startsWith('/api/v1/')) conformance.assert(method, path, answer, { body: opts.body });
    return answer;
  };

  const token = async (user: string) => {
    const res = await call('POST', '/dev/token', { body: { user } });
    if (res.status !== 200) throw new Error(`no dev token for ${user}: ${res.status} ${res.text}`);
    return res.body.accessToken as string;
  };

  return {
    ...host,
    dataDir: dir,
    conformance,
    token,
    call,
    stop: async () => {
      await host.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
