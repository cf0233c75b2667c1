// The document as served: without sign-in, equal to what the config generates, cacheable; the reference page and
// its assets from this server only; and the route walk: the Express router and the document list the same
// /api/v1 routes, so a route added without a description (or a description without a route) fails here.
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument, documentOptions } from '../src/openapi/document.ts';
import { startTestHost, type TestHost } from './support/host.ts';
import { compareRoutes, documentedRoutes, servedRoutes } from './support/route-walk.ts';

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => {
  await host.stop();
});

describe('GET /api/v1/openapi.json', () => {
  it('serves the generated document without sign-in, with an ETag', async () => {
    const res = await host.call('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument(documentOptions(host.config)))));
    expect(res.body.openapi).toBe('3.1.1');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    const again = await host.call('GET', '/api/v1/openapi.json', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('ignores a bearer token that does not verify (it needs none)', async () => {
    const res = await host.call('GET', '/api/v1/openapi.json', { token: 'not-a-token' });
    expect(res.status).toBe(200);
  });
});

describe('GET /api/v1/docs', () => {
  it('is a page whose scripts and styles all come from this server, with no inline script', async () => {
    const res = await host.call('GET', '/api/v1/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    const scripts = [...res.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBe(2);
    for (const [, attrs, inline] of scripts) {
      expect(attrs).toMatch(/src="\/api\/v1\/docs\/assets\//);
      expect((inline ?? '').trim()).toBe('');
    }
    const urls = [...res.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.every((u) => u.startsWith('/'))).toBe(true);
    for (const u of urls.filter((x) => x.startsWith('/api/v1/docs/assets/'))) {
      const asset = await fetch(`${host.url}${u}`);
      expect(asset.status, u).toBe(200);
      await asset.arrayBuffer();
    }
    // Development: the seeded users, for a dev token.
    expect(res.text).toContain('<option value="alice">Alice Nguyen (standard_user, marketing)</option>');
  });

  it('serves only the page parts it names', async () => {
    const js = await fetch(`${host.url}/api/v1/docs/assets/swagger-ui-bundle.js`);
    expect(js.headers.get('content-type')).toMatch(/^application\/javascript|^text\/javascript/);
    await js.arrayBuffer();
    for (const path of ['package.json', '..%2F..%2Fpackage.json', 'index.html', '']) {
      const res = await fetch(`${host.url}/api/v1/docs/assets/${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      await res.arrayBuffer();
    }
  });

  it('has no dev sign-in where the dev issuer is off', async () => {
    const entraOnly = await startTestHost({
      DEV_AUTH: 'false',
      ENTRA_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
      ENTRA_ALLOWED_TENANTS: '6b0c2d4e-0000-4000-8000-00000000da11',
    });
    try {
      const page = await entraOnly.call('GET', '/api/v1/docs');
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('dev-sign-in');
      const doc = (await entraOnly.call('GET', '/api/v1/openapi.json')).body;
      expect(Object.keys(doc.components.securitySchemes)).toEqual(['entra']);
    } finally {
      await entraOnly.stop();
    }
  });
});

describe('the route walk', () => {
  it('finds every /api/v1 route the server answers in the document, and every documented route on the server', async () => {
    const served = servedRoutes(host.app).filter((r) => r.path.startsWith('/api/v1/'));
    expect(served.length).toBeGreaterThanOrEqual(20);
    const doc = (await host.call('GET', '/api/v1/openapi.json')).body;
    const { undocumented, missing } = compareRoutes(served, documentedRoutes(doc));
    expect(
      undocumented,
      `The server answers routes the OpenAPI document lacks; describe each in backend/src/openapi/routes/:\n  ${undocumented.join('\n  ')}`,
    ).toEqual([]);
    expect(
      missing,
      `The OpenAPI document describes routes the server does not answer:\n  ${missing.join('\n  ')}`,
    ).toEqual([]);
  });

  it('reports a route missing from the document, and a described route the server lacks', () => {
    const app = express();
    const r = express.Router();
    r.get('/api/v1/things/:id', (_req, res) => res.end());
    r.post('/api/v1/things', (_req, res) => res.end());
    app.use(r);
    app.use(
      '/api/v1/nested',
      express.Router().delete('/:thingId', (_req, res) => res.end()),
    );
    const served = servedRoutes(app);
    expect(served.map((s) => `${s.method} ${s.path}`)).toEqual([
      'GET /api/v1/things/{id}',
      'POST /api/v1/things',
      'DELETE /api/v1/nested/{thingId}',
    ]);
    const { undocumented, missing } = compareRoutes(served, [
      { method: 'GET', path: '/api/v1/things/{thing}' },
      { method: 'PATCH', path: '/api/v1/things/{id}' },
    ]);
    expect(undocumented).toEqual([
      'POST /api/v1/things (Express /api/v1/things)',
      'DELETE /api/v1/nested/{thingId} (Express /api/v1/nested/:thingId)',
    ]);
    expect(missing).toEqual(['PATCH /api/v1/things/{id}']);
  });
});

describe('the conformance check', () => {
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    status,
    headers: new Headers({ 'x-request-id': 'req-00000001', ...headers }),
    body,
    text: body === undefined ? '' : JSON.stringify(body),
  });

  it('names the route and status the document does not list', () => {
    const problems = host.conformance.check(
      'POST',
      '/api/v1/approvals/9d1e7c3b-2f4a-4e6d-8b5c-1a0f3e7d9c21/decision',
      answer(410, { code: 'gone' }, { 'content-type': 'application/problem+json' }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^POST \/api\/v1\/approvals\/\{id\}\/decision answered 410 \(gone\), which the document does not list for it \(it lists 200, 400, 401, 403, 404, 409, 413, 415, 500\)/,
    );
  });

  it('refuses a body, a code, a media type or a missing header the document does not allow', () => {
    const c = host.conformance;
    const path = '/api/v1/departments/marketing';
    const json = { 'content-type': 'application/json' };
    expect(c.check('GET', path, answer(200, { id: 'marketing' }, json)).join()).toMatch(
      /GET \/api\/v1\/departments\/\{id\} answered 200 with a body the document's schema refuses:\n {2}\(body\) must have required property 'name'/,
    );
    const problem = { 'content-type': 'application/problem+json' };
    const conflict = { type: 'x', title: 'x', status: 409, code: 'already-exists' };
    expect(c.check('PATCH', path, answer(409, conflict, problem))).toEqual([
      'PATCH /api/v1/departments/{id} answered 409 with code already-exists, which the document does not list ' +
        "for 409 there (it lists conflict): add it to problems[409] in the route's spec in backend/src/openapi/routes/",
    ]);
    expect(c.check('GET', path, answer(200, { id: 'x' }, { 'content-type': 'text/plain' })).join()).toMatch(
      /answered 200 as text\/plain; the document says application\/json/,
    );
    const noId = { status: 204, headers: new Headers(), body: undefined, text: '' };
    expect(c.check('DELETE', '/api/v1/generations/0b6f4d2a-5c1e-4a7b-9d3f-2e8c7a1b6f40', noId)).toEqual([
      'DELETE /api/v1/generations/{id} answered 204 without the required X-Request-Id header',
    ]);
  });

  it('refuses an accepted request with a query parameter or body the document does not describe', () => {
    const c = host.conformance;
    const image = '/api/v1/images/0b6f4d2a-5c1e-4a7b-9d3f-2e8c7a1b6f40_0';
    const png = answer(200, undefined, {
      'content-type': 'image/png',
      etag: '"x"',
      'cache-control': 'private',
    });
    expect(c.check('GET', `${image}?size=small`, { ...png, text: 'PNG' })).toEqual([
      'GET /api/v1/images/{id} accepted the query parameter size, which the document does not list: ' +
        "add it to params.query in the route's spec in backend/src/openapi/routes/",
    ]);
    const refused = answer(
      400,
      { type: 'x', title: 'x', status: 400, code: 'validation-failed' },
      {
        'content-type': 'application/problem+json',
      },
    );
    expect(c.check('GET', `${image}?size=small`, refused)).toEqual([]);
    const created = answer(201, undefined, { location: '/api/v1/departments/sales' });
    const body = { id: 'sales', name: 'Sales', budget: { limitAud: '20', mode: 'soft' }, colour: 'red' };
    const problems = c.check(
      'POST',
      '/api/v1/departments',
      { ...created, headers: created.headers },
      { body },
    );
    expect(problems.join('\n')).toMatch(
      /POST \/api\/v1\/departments accepted a body the document's request schema refuses:\n {2}\(body\) must NOT have additional properties/,
    );
  });

  it('leaves paths the document does not describe to the route walk', () => {
    expect(host.conformance.check('GET', '/api/v1/nothing-here', answer(404, {}))).toEqual([]);
    expect(host.conformance.template('/api/v1/images/abc_0/thumbnail/signed?tid=x')).toBe(
      '/api/v1/images/{id}/thumbnail/signed',
    );
  });
});
