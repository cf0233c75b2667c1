// Every /api/v1 operation answered for real, its success and the failures a client meets most, each answer held
// to the served OpenAPI document by the test host (support/conformance.ts). The last test fails when an
// operation in the document got no successful answer here, so a new route needs a call in this file too.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageLinkSigner } from '../src/identity/image-links.ts';
import { startTestHost, type TestHost } from './support/host.ts';

let host: TestHost;
const t: Record<string, string> = {};
const oid: Record<string, string> = {};
const MISSING = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  host = await startTestHost({
    RATE_LIMITS: 'standard_user=1000,power_user=1000,dept_manager=1000,org_admin=1000',
  });
  for (const u of ['alice', 'bob', 'dave', 'carol', 'erin']) t[u] = await host.token(u);
  for (const u of (await host.call('GET', '/dev/users')).body.users) oid[u.name] = u.objectId;
});
afterAll(async () => {
  await host.stop();
});

/** Calls as `user` through the test host (which checks the answer against the document); expects `status`. */
async function at(
  status: number,
  method: string,
  path: string,
  user?: string,
  opts: Parameters<TestHost['call']>[2] = {},
) {
  const res = await host.call(method, path, { ...(user ? { token: t[user] } : {}), ...opts });
  expect(res.status, `${method} ${path}: ${res.text.slice(0, 300)}`).toBe(status);
  return res;
}

describe('public routes', () => {
  it('health, the document and the page', async () => {
    await at(200, 'GET', '/api/v1/health');
    await at(200, 'GET', '/api/v1/health/live');
    await at(200, 'GET', '/api/v1/health/ready');
    await at(200, 'GET', '/api/v1/client-config');
    const doc = await at(200, 'GET', '/api/v1/openapi.json');
    await at(304, 'GET', '/api/v1/openapi.json', undefined, {
      headers: { 'if-none-match': doc.headers.get('etag')! },
    });
    await at(200, 'GET', '/api/v1/docs');
  });
});

describe('me, users, departments', () => {
  it('me', async () => {
    await at(200, 'GET', '/api/v1/me', 'alice');
    await at(200, 'GET', '/api/v1/models', 'alice');
    await at(401, 'GET', '/api/v1/me');
    await at(401, 'GET', '/api/v1/me', undefined, { token: 'not.a.token' });
    await at(401, 'GET', '/api/v1/me?access_token=x', 'alice');
  });

  it('users', async () => {
    await at(200, 'GET', '/api/v1/users?limit=2', 'carol');
    await at(403, 'GET', '/api/v1/users', 'alice');
    await at(400, 'GET', '/api/v1/users?limit=0', 'carol');
    await at(400, 'GET', '/api/v1/users?cursor=bogus', 'carol');
    const dave = `/api/v1/users/${oid.dave}`;
    await at(200, 'PATCH', dave, 'carol', { body: { role: 'power_user' } });
    await at(403, 'PATCH', dave, 'alice', { body: { role: 'org_admin' } });
    await at(404, 'PATCH', `/api/v1/users/${MISSING}`, 'carol', { body: { role: 'power_user' } });
    await at(400, 'PATCH', dave, 'carol', { body: {} });
    await at(400, 'PATCH', dave, 'carol', {
      rawBody: '{"role":',
      headers: { 'content-type': 'application/json' },
    });
    await at(415, 'PATCH', dave, 'carol', { rawBody: 'role=x', headers: { 'content-type': 'text/plain' } });
    await at(413, 'PATCH', dave, 'carol', { body: { role: 'x'.repeat(200_000) } });
  });

  it('departments', async () => {
    await at(200, 'GET', '/api/v1/departments', 'carol');
    await at(403, 'GET', '/api/v1/departments', 'alice');
    const created = await at(201, 'POST', '/api/v1/departments', 'carol', {
      body: { id: 'sales', name: 'Sales', budget: { limitAud: '20', mode: 'soft' } },
    });
    expect(created.headers.get('location')).toBe('/api/v1/departments/sales');
    await at(409, 'POST', '/api/v1/departments', 'carol', {
      body: { id: 'sales', name: 'Sales', budget: { limitAud: '20', mode: 'soft' } },
    });
    await at(403, 'POST', '/api/v1/departments', 'bob', {
      body: { id: 'bobs', name: 'Bob', budget: { limitAud: '1', mode: 'hard' } },
    });
    await at(200, 'GET', '/api/v1/departments/marketing', 'bob');
    await at(403, 'GET', '/api/v1/departments/finance', 'bob');
    await at(404, 'GET', '/api/v1/departments/nowhere', 'carol');
    await at(400, 'GET', '/api/v1/departments/NOT_A_SLUG', 'carol');
    await at(200, 'PATCH', '/api/v1/departments/sales', 'carol', { body: { name: 'Sales AU' } });
    await at(403, 'PATCH', '/api/v1/departments/marketing', 'bob', { body: { name: 'Mine' } });
    await at(404, 'PATCH', '/api/v1/departments/nowhere', 'carol', { body: { name: 'x' } });
  });
});

describe('generations and images', () => {
  let generationId = '';
  let imageId = '';

  it('estimates', async () => {
    await at(200, 'POST', '/api/v1/estimates', 'alice', { body: { prompt: 'a koala', n: 2 } });
    await at(403, 'POST', '/api/v1/estimates', 'erin', { body: { prompt: 'a koala' } });
    await at(400, 'POST', '/api/v1/estimates', 'alice', { body: { prompt: '' } });
  });

  it('generations: finished, queued, refused', async () => {
    const done = await at(201, 'POST', '/api/v1/generations', 'alice', {
      body: { prompt: 'a koala presenting quarterly results', n: 2 },
      headers: { prefer: 'wait=30', 'idempotency-key': 'conformance-1' },
    });
    generationId = done.body.id;
    imageId = done.body.images[0].id;
    await at(409, 'POST', '/api/v1/generations', 'alice', {
      body: { prompt: 'something else' },
      headers: { 'idempotency-key': 'conformance-1' },
    });
    await at(202, 'POST', '/api/v1/generations', 'alice', { body: { prompt: 'a wombat' } });
    await at(422, 'POST', '/api/v1/generations', 'alice', {
      body: { prompt: 'poster for jane.citizen@example.com' },
    });
    await at(403, 'POST', '/api/v1/generations', 'erin', { body: { prompt: 'a koala' } });
    await at(400, 'POST', '/api/v1/generations', 'alice', {
      body: { prompt: 'a koala' },
      headers: { 'idempotency-key': 'has spaces' },
    });
    await at(200, 'PATCH', '/api/v1/departments/finance', 'carol', {
      body: { budget: { limitAud: '0.01' } },
    });
    await at(402, 'POST', '/api/v1/generations', 'dave', { body: { prompt: 'a ledger' } });
  });

  it('reads and lists', async () => {
    await at(200, 'GET', `/api/v1/generations/${generationId}`, 'alice');
    await at(200, 'GET', `/api/v1/generations/${generationId}`, 'bob');
    await at(404, 'GET', `/api/v1/generations/${MISSING}`, 'alice');
    await at(400, 'GET', '/api/v1/generations/nope', 'alice');
    await at(200, 'GET', '/api/v1/generations?scope=mine&limit=1', 'alice');
    await at(200, 'GET', '/api/v1/generations?scope=department&q=koala', 'bob');
    await at(200, 'GET', '/api/v1/generations?scope=mine&status=succeeded', 'alice');
    await at(400, 'GET', '/api/v1/generations?status=finished', 'alice');
    await at(403, 'GET', '/api/v1/generations?scope=all', 'alice');
    await at(400, 'GET', '/api/v1/generations?limit=1000', 'alice');
  });

  it('images, with and without a token', async () => {
    const full = await at(200, 'GET', `/api/v1/images/${imageId}`, 'alice');
    expect(full.headers.get('content-type')).toBe('image/png');
    await at(304, 'GET', `/api/v1/images/${imageId}`, 'alice', {
      headers: { 'if-none-match': full.headers.get('etag')! },
    });
    const thumb = await at(200, 'GET', `/api/v1/images/${imageId}/thumbnail`, 'alice');
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    await at(304, 'GET', `/api/v1/images/${imageId}/thumbnail`, 'alice', {
      headers: { 'if-none-match': thumb.headers.get('etag')! },
    });
    await at(404, 'GET', `/api/v1/images/${MISSING}_0`, 'alice');
    await at(403, 'GET', `/api/v1/images/${imageId}`, 'dave');

    const signer = ImageLinkSigner.load(host.config.imageLinks, join(host.dataDir, 'image-url-secret'));
    const tenant = host.config.identity.dev.tenantId;
    const signed = await at(200, 'GET', signer.path(tenant, imageId));
    await at(304, 'GET', signer.path(tenant, imageId), undefined, {
      headers: { 'if-none-match': signed.headers.get('etag')! },
    });
    await at(200, 'GET', signer.path(tenant, imageId, Date.now(), 'thumbnail'));
    await at(404, 'GET', signer.path(tenant, imageId).replace(/sig=[^&]+/, 'sig=forged'));
    await at(404, 'GET', `/api/v1/images/${imageId}/thumbnail/signed`);
  });

  it('deletes', async () => {
    await at(403, 'DELETE', `/api/v1/generations/${generationId}`, 'dave');
    await at(204, 'DELETE', `/api/v1/generations/${generationId}`, 'alice');
    await at(404, 'DELETE', `/api/v1/generations/${generationId}`, 'alice');
  });
});

describe('approvals', () => {
  let approvalId = '';

  it('a soft-limit overage waits, is listed, read and decided once', async () => {
    await at(200, 'PATCH', '/api/v1/departments/marketing', 'carol', {
      body: { budget: { limitAud: '0.01' } },
    });
    const pending = await at(202, 'POST', '/api/v1/generations', 'alice', { body: { prompt: 'an overage' } });
    expect(pending.body.status).toBe('pending_approval');
    approvalId = pending.body.approval.id;
    await at(200, 'GET', '/api/v1/approvals?status=pending', 'bob');
    await at(400, 'GET', '/api/v1/approvals?status=maybe', 'bob');
    await at(200, 'GET', `/api/v1/approvals/${approvalId}`, 'alice');
    await at(404, 'GET', `/api/v1/approvals/${MISSING}`, 'bob');
    await at(400, 'GET', '/api/v1/approvals/nope', 'bob');
    const path = `/api/v1/approvals/${approvalId}/decision`;
    await at(403, 'POST', path, 'alice', { body: { decision: 'approve' } });
    await at(400, 'POST', path, 'bob', { body: { decision: 'maybe' } });
    await at(200, 'POST', path, 'bob', { body: { decision: 'approve', comment: 'launch week' } });
    const again = await at(409, 'POST', path, 'bob', { body: { decision: 'reject' } });
    expect(again.body.code).toBe('already-decided');
    await at(404, 'POST', `/api/v1/approvals/${MISSING}/decision`, 'bob', { body: { decision: 'approve' } });
  });
});

describe('usage and audit', () => {
  it('usage and chargeback', async () => {
    await at(200, 'GET', '/api/v1/departments/marketing/usage?groupBy=user', 'bob');
    await at(403, 'GET', '/api/v1/departments/marketing/usage', 'alice');
    await at(404, 'GET', '/api/v1/departments/nowhere/usage', 'carol');
    await at(
      400,
      'GET',
      '/api/v1/departments/marketing/usage?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
      'bob',
    );
    const csv = await at(200, 'GET', '/api/v1/departments/marketing/chargeback.csv', 'bob', {});
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    await at(400, 'GET', '/api/v1/departments/marketing/chargeback.csv?period=2026-01-15', 'bob', {});
    await at(403, 'GET', '/api/v1/departments/marketing/chargeback.csv', 'alice');
  });

  it('audit query, verify and export', async () => {
    await at(200, 'GET', '/api/v1/audit?limit=5', 'carol');
    await at(200, 'GET', '/api/v1/audit?departmentId=marketing', 'bob');
    await at(403, 'GET', '/api/v1/audit', 'alice');
    await at(400, 'GET', '/api/v1/audit?colour=red', 'carol');
    await at(200, 'GET', '/api/v1/audit/verify', 'carol');
    await at(403, 'GET', '/api/v1/audit/verify', 'alice');
    const jsonl = await at(200, 'GET', '/api/v1/audit/export', 'carol');
    expect(jsonl.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const csv = await at(200, 'GET', '/api/v1/audit/export?format=csv', 'carol');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    await at(400, 'GET', '/api/v1/audit/export?format=xml', 'carol');
    await at(403, 'GET', '/api/v1/audit/export', 'alice');
  });
});

describe('coverage', () => {
  it('answered every documented operation successfully at least once', async () => {
    const doc = (await host.call('GET', '/api/v1/openapi.json')).body;
    const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const unanswered = operations.filter(
      (op) => ![...(host.conformance.seen.get(op) ?? [])].some((s) => s < 300),
    );
    expect(unanswered, `No successful answer checked for:\n  ${unanswered.join('\n  ')}`).toEqual([]);
    const pairs = [...host.conformance.seen.values()].reduce((n, s) => n + s.size, 0);
    expect(pairs).toBeGreaterThan(operations.length * 2);
  });
});
