// The request log through a real Express app and HTTP: one line per request with the id the caller was answered
// with, the path without its query, the status and the user once signed in; 5xx at error; the error handler's
// own line carries the same id and user; a caller's well-formed X-Request-Id is kept, a malformed one replaced.
import { once } from 'node:events';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { Router } from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from './app.ts';

interface Line {
  level: number;
  msg: string;
  requestId?: string;
  user?: string;
  req?: { id: string; method: string; url: string };
  res?: { statusCode: number };
  responseTime?: number;
}

const lines: Line[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(JSON.parse(chunk.toString('utf8')) as Line);
    done();
  },
});
let server: Server;
let base = '';

beforeAll(async () => {
  const routes = Router();
  routes.get('/api/v1/ok', (_req, res) => {
    res.json({ ok: true });
  });
  routes.get('/api/v1/broken', () => {
    throw new Error('the store fell over');
  });
  const app = createHttpApp({
    log: pino({ level: 'info' }, sink),
    bodyLimit: '1kb',
    trustProxy: [],
    publicRoutes: [],
    // Signed in as carol whenever a bearer token is sent (the real sign-in has its own tests).
    authenticate: (req, res, next) => {
      if (req.headers.authorization) {
        res.locals.actor = { user: { tenantId: 'tid-1', objectId: 'oid-carol' } };
      }
      next();
    },
    apiRoutes: [routes],
  });
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The lines logged for one request id, once its completion line is in. */
async function linesFor(id: string): Promise<Line[]> {
  for (;;) {
    const mine = lines.filter((l) => l.requestId === id);
    if (mine.some((l) => l.msg.startsWith('request '))) return mine;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('request log', () => {
  it('logs a signed-in request once, on completion, with its id, path, status and user', async () => {
    const res = await fetch(`${base}/api/v1/ok?secret=1`, { headers: { authorization: 'Bearer x' } });
    expect(res.status).toBe(200);
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const mine = await linesFor(id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      user: 'tid-1:oid-carol',
      req: { id, method: 'GET', url: '/api/v1/ok' },
      res: { statusCode: 200 },
    });
    expect(mine[0]!.responseTime).toBeGreaterThanOrEqual(0);
  });

  it('logs a failure at error, and the error handler line carries the same id and the user', async () => {
    const res = await fetch(`${base}/api/v1/broken`, {
      headers: { authorization: 'Bearer x', 'x-request-id': 'trace-0123456789' },
    });
    expect(res.status).toBe(500);
    expect(res.headers.get('x-request-id')).toBe('trace-0123456789');
    const mine = await linesFor('trace-0123456789');
    expect(mine.map((l) => [l.level, l.msg, l.user])).toEqual([
      [50, 'unhandled error', 'tid-1:oid-carol'],
      [50, 'request completed', 'tid-1:oid-carol'],
    ]);
  });

  it('replaces a malformed request id, and logs an anonymous request without a user', async () => {
    const res = await fetch(`${base}/api/v1/ok`, { headers: { 'x-request-id': 'short' } });
    const id = res.headers.get('x-request-id')!;
    expect(id).not.toBe('short');
    const [line] = await linesFor(id);
    expect(line).toMatchObject({ msg: 'request completed', res: { statusCode: 200 } });
    expect(line).not.toHaveProperty('user');
  });
});
