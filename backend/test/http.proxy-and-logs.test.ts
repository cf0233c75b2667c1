// Two promises of docs/security.md, through the API: the client IP in audit records comes from
// X-Forwarded-For only as `trust proxy` allows (the first address that is not a trusted proxy, reading from
// the right, so a client cannot name its own IP), and no token reaches the logs, even at the most verbose level.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, devToken, startBackend, type BackendProcess } from './support/backend-process.ts';
import { startTestHost, type TestHost } from './support/host.ts';

describe('the client IP in audit records', () => {
  let host: TestHost;
  let alice: string;
  beforeAll(async () => {
    host = await startTestHost();
    alice = await host.token('alice');
  });
  afterAll(async () => host?.stop());

  /** Alice asks for the audit trail (a denial, audited with her IP) with these forwarding headers. */
  async function deniedFrom(forwardedFor: string | null): Promise<string | undefined> {
    const marker = `proxy-test-${Math.random().toString(36).slice(2)}`;
    const res = await host.call('GET', '/api/v1/audit', {
      token: alice,
      headers: { 'user-agent': marker, ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    });
    expect(res.status).toBe(403);
    const records = await host.store.query<{ event: { ip?: string; userAgent?: string; outcome: string } }>(
      'audit',
      { where: [{ field: 'event.userAgent', op: '=', value: marker }], limit: 5 },
    );
    expect(records.items).toHaveLength(1);
    expect(records.items[0]!.data.event.outcome).toBe('denied');
    return records.items[0]!.data.event.ip;
  }

  it('without a proxy header: the peer address (this test, on loopback)', async () => {
    expect(await deniedFrom(null)).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
  });

  it('through a trusted proxy (the loopback peer): the address it forwarded', async () => {
    expect(await deniedFrom('203.0.113.9')).toBe('203.0.113.9');
  });

  it('through a chain of trusted proxies (private addresses): the first address before them', async () => {
    expect(await deniedFrom('203.0.113.9, 10.1.2.3, 192.168.7.7')).toBe('203.0.113.9');
  });

  it('an address a client wrote in front of the chain is not believed', async () => {
    // 198.51.100.7 is not a trusted proxy, so it is the client; whatever it claims before it is ignored.
    expect(await deniedFrom('203.0.113.9, 198.51.100.7')).toBe('198.51.100.7');
  });
});

describe('tokens never reach the logs', () => {
  let backend: BackendProcess;
  const dir = mkdtempSync(join(tmpdir(), 'donatello-logs-'));
  beforeAll(async () => {
    backend = await startBackend({ DATA_DIR: dir, LOG_LEVEL: 'trace' });
  });
  afterAll(async () => {
    await backend?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('issued, used, refused, put in a query string or tampered with: none is written out', async () => {
    const token = await devToken(backend.base, 'alice');
    expect((await call(backend.base, 'GET', '/api/v1/me', token)).status).toBe(200);
    const me = await call(backend.base, 'GET', `/api/v1/me?access_token=${token}`);
    expect(me.status).toBe(401);
    const [header, payload, signature] = token.split('.');
    const tampered = `${header}.${payload}.${signature!.slice(0, -4)}AAAA`;
    expect((await call(backend.base, 'GET', '/api/v1/me', tampered)).status).toBe(401);
    expect((await call(backend.base, 'GET', '/api/v1/generations', token)).status).toBe(200);
    await backend.stop();

    const out = backend.output();
    // The control: these requests were logged (one line each, with the path and status).
    const lines = out.split('\n').filter((l) => l.includes('"url":"/api/v1/me"'));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(out).toContain('"statusCode":401');
    for (const secret of [token, signature!, payload!, tampered.split('.')[2]!])
      expect(out).not.toContain(secret);
  });
});
