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

/** Calls through the test host (which checks the answer against the document) and checks the status. */
async function expectStatus(
  status: number,
  method: string,
  path: string,
  opts: Parameters<TestHost['call']>[2] = {},
) {
  const res = await host.call(method, path, opts);
  expect(res.status, `${method} ${path}: ${res.text.slice(0, 300)}`).toBe(status);
  return res;
}

describe('public routes', () => {
  it('health, the document and the page', async () => {
    await expectStatus(200, 'GET', '/api/v1/health');
    const doc = await expectStatus(200, 'GET', '/api/v1/openapi.json');
    await expectStatus(304, 'GET', '/api/v1/openapi.json', {
      headers: { 'if-none-match': doc.headers.get('etag')! },
    });
    await expectStatus(200, 'GET', '/api/v1/docs');
  });
});

describe('me, users, departments', () => {
  it('me', async () => {
    await expectStatus(200, 'GET', '/api/v1/me', { token: t.alice });
    await expectStatus(401, 'GET', '/api/v1/me');
    await expectStatus(401, 'GET', '/api/v1/me', { token: 'not.a.token' });
    await expectStatus(401, 'GET', '/api/v1/me?access_token=x', { token: t.alice });
  });

  it('users', async () => {
    await expectStatus(200, 'GET', '/api/v1/users?limit=2', { token: t.carol });
    await expectStatus(403, 'GET', '/api/v1/users', { token: t.alice });
    await expectStatus(400, 'GET', '/api/v1/users?limit=0', { token: t.carol });
    await expectStatus(400, 'GET', '/api/v1/users?cursor=bogus', { token: t.carol });
    const dave = `/api/v1/users/${oid.dave}`;
    await expectStatus(200, 'PATCH', dave, { token: t.carol, body: { role: 'power_user' } });
    await expectStatus(403, 'PATCH', dave, { token: t.alice, body: { role: 'org_admin' } });
    await expectStatus(404, 'PATCH', `/api/v1/users/${MISSING}`, {
      token: t.carol,
      body: { role: 'power_user' },
    });
    await expectStatus(400, 'PATCH', dave, { token: t.carol, body: {} });
    await expectStatus(400, 'PATCH', dave, {
      token: t.carol,
      rawBody: '{"role":',
      headers: { 'content-type': 'application/json' },
    });
    await expectStatus(415, 'PATCH', dave, {
      token: t.carol,
      rawBody: 'role=x',
      headers: { 'content-type': 'text/plain' },
    });
    await expectStatus(413, 'PATCH', dave, { token: t.carol, body: { role: 'x'.repeat(200_000) } });
  });

  it('departments', async () => {
    await expectStatus(200, 'GET', '/api/v1/departments', { token: t.carol });
    await expectStatus(403, 'GET', '/api/v1/departments', { token: t.alice });
    const created = await expectStatus(201, 'POST', '/api/v1/departments', {
      token: t.carol,
      body: { id: 'sales', name: 'Sales', budget: { limitAud: '20', mode: 'soft' } },
    });
    expect(created.headers.get('location')).toBe('/api/v1/departments/sales');
    await expectStatus(409, 'POST', '/api/v1/departments', {
      token: t.carol,
      body: { id: 'sales', name: 'Sales', budget: { limitAud: '20', mode: 'soft' } },
    });
    await expectStatus(403, 'POST', '/api/v1/departments', {
      token: t.bob,
      body: { id: 'bobs', name: 'Bob', budget: { limitAud: '1', mode: 'hard' } },
    });
    await expectStatus(200, 'GET', '/api/v1/departments/marketing', { token: t.bob });
    await expectStatus(403, 'GET', '/api/v1/departments/finance', { token: t.bob });
    await expectStatus(404, 'GET', '/api/v1/departments/nowhere', { token: t.carol });
    await expectStatus(400, 'GET', '/api/v1/departments/NOT_A_SLUG', { token: t.carol });
    await expectStatus(200, 'PATCH', '/api/v1/departments/sales', {
      token: t.carol,
      body: { name: 'Sales AU' },
    });
    await expectStatus(403, 'PATCH', '/api/v1/departments/marketing', {
      token: t.bob,
      body: { name: 'Mine' },
    });
    await expectStatus(404, 'PATCH', '/api/v1/departments/nowhere', { token: t.carol, body: { name: 'x' } });
  });
});

describe('generations and images', () => {
  let generationId = '';
  let imageId = '';

  it('estimates', async () => {
    await expectStatus(200, 'POST', '/api/v1/estimates', {
      token: t.alice,
      body: { prompt: 'a koala', n: 2 },
    });
    await expectStatus(403, 'POST', '/api/v1/estimates', { token: t.erin, body: { prompt: 'a koala' } });
    await expectStatus(400, 'POST', '/api/v1/estimates', { token: t.alice, body: { prompt: '' } });
  });

  it('generations: finished, queued, refused', async () => {
    const done = await expectStatus(201, 'POST', '/api/v1/generations', {
      token: t.alice,
      body: { prompt: 'a koala presenting quarterly results', n: 2 },
      headers: { prefer: 'wait=30', 'idempotency-key': 'conformance-1' },
    });
    generationId = done.body.id;
    imageId = done.body.images[0].id;
    await expectStatus(409, 'POST', '/api/v1/generations', {
      token: t.alice,
      body: { prompt: 'something else' },
      headers: { 'idempotency-key': 'conformance-1' },
    });
    await expectStatus(202, 'POST', '/api/v1/generations', { token: t.alice, body: { prompt: 'a wombat' } });
    await expectStatus(422, 'POST', '/api/v1/generations', {
      token: t.alice,
      body: { prompt: 'poster for jane.citizen@example.com' },
    });
    await expectStatus(403, 'POST', '/api/v1/generations', { token: t.erin, body: { prompt: 'a koala' } });
    await expectStatus(400, 'POST', '/api/v1/generations', {
      token: t.alice,
      body: { prompt: 'a koala' },
      headers: { 'idempotency-key': 'has spaces' },
    });
    await expectStatus(200, 'PATCH', '/api/v1/departments/finance', {
      token: t.carol,
      body: { budget: { limitAud: '0.01' } },
    });
    await expectStatus(402, 'POST', '/api/v1/generations', { token: t.dave, body: { prompt: 'a ledger' } });
  });

  it('reads and lists', async () => {
    await expectStatus(200, 'GET', `/api/v1/generations/${generationId}`, { token: t.alice });
    await expectStatus(200, 'GET', `/api/v1/generations/${generationId}`, { token: t.bob });
    await expectStatus(404, 'GET', `/api/v1/generations/${MISSING}`, { token: t.alice });
    await expectStatus(400, 'GET', '/api/v1/generations/nope', { token: t.alice });
    await expectStatus(200, 'GET', '/api/v1/generations?scope=mine&limit=1', { token: t.alice });
    await expectStatus(200, 'GET', '/api/v1/generations?scope=department&q=koala', { token: t.bob });
    await expectStatus(403, 'GET', '/api/v1/generations?scope=all', { token: t.alice });
    await expectStatus(400, 'GET', '/api/v1/generations?limit=1000', { token: t.alice });
  });

  it('images, with and without a token', async () => {
    const full = await expectStatus(200, 'GET', `/api/v1/images/${imageId}`, { token: t.alice });
    expect(full.headers.get('content-type')).toBe('image/png');
    await expectStatus(304, 'GET', `/api/v1/images/${imageId}`, {
      token: t.alice,
      headers: { 'if-none-match': full.headers.get('etag')! },
    });
    const thumb = await expectStatus(200, 'GET', `/api/v1/images/${imageId}/thumbnail`, { token: t.alice });
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    await expectStatus(304, 'GET', `/api/v1/images/${imageId}/thumbnail`, {
      token: t.alice,
      headers: { 'if-none-match': thumb.headers.get('etag')! },
    });
    await expectStatus(404, 'GET', `/api/v1/images/${MISSING}_0`, { token: t.alice });
    await expectStatus(403, 'GET', `/api/v1/images/${imageId}`, { token: t.dave });

    const signer = ImageLinkSigner.load(host.config.imageLinks, join(host.dataDir, 'image-url-secret'));
    const tenant = host.config.identity.dev.tenantId;
    const signed = await expectStatus(200, 'GET', signer.path(tenant, imageId));
    await expectStatus(304, 'GET', signer.path(tenant, imageId), {
      headers: { 'if-none-match': signed.headers.get('etag')! },
    });
    await expectStatus(200, 'GET', signer.path(tenant, imageId, Date.now(), 'thumbnail'));
    await expectStatus(404, 'GET', signer.path(tenant, imageId).replace(/sig=[^&]+/, 'sig=forged'));
    await expectStatus(404, 'GET', `/api/v1/images/${imageId}/thumbnail/signed`);
  });

  it('deletes', async () => {
    await expectStatus(403, 'DELETE', `/api/v1/generations/${generationId}`, { token: t.dave });
    await expectStatus(204, 'DELETE', `/api/v1/generations/${generationId}`, { token: t.alice });
    await expectStatus(404, 'DELETE', `/api/v1/generations/${generationId}`, { token: t.alice });
  });

  it('rate limits with Retry-After', async () => {
    const limited = await startTestHost({ RATE_LIMITS: 'standard_user=1' });
    try {
      const alice = await limited.token('alice');
      expect(
        (await limited.call('POST', '/api/v1/generations', { token: alice, body: { prompt: 'one' } })).status,
      ).toBe(202);
      const res = await limited.call('POST', '/api/v1/generations', {
        token: alice,
        body: { prompt: 'two' },
      });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      let estimate = 200;
      for (let i = 0; i < 6 && estimate === 200; i++) {
        estimate = (
          await limited.call('POST', '/api/v1/estimates', { token: alice, body: { prompt: 'one' } })
        ).status;
      }
      expect(estimate).toBe(429);
    } finally {
      await limited.stop();
    }
  });
});

describe('approvals', () => {
  let approvalId = '';

  it('a soft-limit overage waits, is listed, read and decided once', async () => {
    await expectStatus(200, 'PATCH', '/api/v1/departments/marketing', {
      token: t.carol,
      body: { budget: { limitAud: '0.01' } },
    });
    const pending = await expectStatus(202, 'POST', '/api/v1/generations', {
      token: t.alice,
      body: { prompt: 'an overage' },
    });
    expect(pending.body.status).toBe('pending_approval');
    approvalId = pending.body.approval.id;
    await expectStatus(200, 'GET', '/api/v1/approvals?status=pending', { token: t.bob });
    await expectStatus(400, 'GET', '/api/v1/approvals?status=maybe', { token: t.bob });
    await expectStatus(200, 'GET', `/api/v1/approvals/${approvalId}`, { token: t.alice });
    await expectStatus(404, 'GET', `/api/v1/approvals/${MISSING}`, { token: t.bob });
    await expectStatus(400, 'GET', '/api/v1/approvals/nope', { token: t.bob });
    const path = `/api/v1/approvals/${approvalId}/decision`;
    await expectStatus(403, 'POST', path, { token: t.alice, body: { decision: 'approve' } });
    await expectStatus(400, 'POST', path, { token: t.bob, body: { decision: 'maybe' } });
    await expectStatus(200, 'POST', path, {
      token: t.bob,
      body: { decision: 'approve', comment: 'launch week' },
    });
    const again = await expectStatus(409, 'POST', path, { token: t.bob, body: { decision: 'reject' } });
    expect(again.body.code).toBe('already-decided');
    await expectStatus(404, 'POST', `/api/v1/approvals/${MISSING}/decision`, {
      token: t.bob,
      body: { decision: 'approve' },
    });
  });
});

describe('usage and audit', () => {
  it('usage and chargeback', async () => {
    await expectStatus(200, 'GET', '/api/v1/departments/marketing/usage?groupBy=user', { token: t.bob });
    await expectStatus(403, 'GET', '/api/v1/departments/marketing/usage', { token: t.alice });
    await expectStatus(404, 'GET', '/api/v1/departments/nowhere/usage', { token: t.carol });
    await expectStatus(
      400,
      'GET',
      '/api/v1/departments/marketing/usage?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
      { token: t.bob },
    );
    const csv = await expectStatus(200, 'GET', '/api/v1/departments/marketing/chargeback.csv', {
      token: t.bob,
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    await expectStatus(400, 'GET', '/api/v1/departments/marketing/chargeback.csv?period=2026-01-15', {
      token: t.bob,
    });
    await expectStatus(403, 'GET', '/api/v1/departments/marketing/chargeback.csv', { token: t.alice });
  });

  it('audit query, verify and export', async () => {
    await expectStatus(200, 'GET', '/api/v1/audit?limit=5', { token: t.carol });
    await expectStatus(200, 'GET', '/api/v1/audit?departmentId=marketing', { token: t.bob });
    await expectStatus(403, 'GET', '/api/v1/audit', { token: t.alice });
    await expectStatus(400, 'GET', '/api/v1/audit?colour=red', { token: t.carol });
    await expectStatus(200, 'GET', '/api/v1/audit/verify', { token: t.carol });
    await expectStatus(403, 'GET', '/api/v1/audit/verify', { token: t.alice });
    const jsonl = await expectStatus(200, 'GET', '/api/v1/audit/export', { token: t.carol });
    expect(jsonl.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const csv = await expectStatus(200, 'GET', '/api/v1/audit/export?format=csv', { token: t.carol });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    await expectStatus(400, 'GET', '/api/v1/audit/export?format=xml', { token: t.carol });
    await expectStatus(403, 'GET', '/api/v1/audit/export', { token: t.alice });
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
