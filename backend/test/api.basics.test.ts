// The host as a client sees it: health, me, problem+json for every failure, headers, seeding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '@donatello/contracts';
import { startTestHost, type TestHost, type TestResponse } from './support/host.ts';

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => {
  await host.stop();
});

function expectProblem(res: TestResponse, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: `${PROBLEM_BASE}${code}`, status, code });
  expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
  expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/); // no stack traces
}

describe('health', () => {
  it('reports status, version and adapters without signing in', async () => {
    const res = await host.call('GET', '/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      mode: 'test',
      adapters: { store: 'sqlite', blobs: 'fs', identity: ['dev'] },
      checks: { store: 'ok', blobs: 'ok' },
    });
  });
});

describe('me', () => {
  it('shows alice with her role and department', async () => {
    const res = await host.call('GET', '/api/v1/me', { token: await host.token('alice') });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      displayName: 'Alice Nguyen',
      role: 'standard_user',
      departmentId: 'marketing',
    });
    expect(res.body.department).toEqual({ id: 'marketing', name: 'Marketing' });
    expect(res.body.roles).toEqual(['standard_user']);
  });

  it('shows erin, a super admin with no department', async () => {
    const res = await host.call('GET', '/api/v1/me', { token: await host.token('erin') });
    expect(res.body.user.role).toBe('super_admin');
    expect(res.body.department).toBeNull();
  });

  it('refuses an unknown dev user', async () => {
    expectProblem(await host.call('POST', '/dev/token', { body: { user: 'mallory' } }), 404, 'not-found');
  });
});

describe('every failure is problem+json', () => {
  it('unknown route', async () => {
    expectProblem(await host.call('GET', '/api/v1/nothing-here'), 401, 'unauthorized');
    const token = await host.token('alice');
    expectProblem(await host.call('GET', '/api/v1/nothing-here', { token }), 404, 'not-found');
    expectProblem(await host.call('GET', '/not-api'), 404, 'not-found');
  });

  it('bad JSON', async () => {
    const res = await host.call('POST', '/dev/token', {
      rawBody: '{"user": ',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(res, 400, 'invalid-json');
  });

  it('body too large', async () => {
    const res = await host.call('POST', '/dev/token', { body: { user: 'x'.repeat(200_000) } });
    expectProblem(res, 413, 'payload-too-large');
  });

  it('a body that is not JSON', async () => {
    const res = await host.call('POST', '/dev/token', {
      rawBody: 'user=alice',
      headers: { 'content-type': 'text/plain' },
    });
    expectProblem(res, 415, 'unsupported-media-type');
  });

  it('validation, naming the fields', async () => {
    const token = await host.token('carol');
    const res = await host.call('POST', '/api/v1/departments', {
      token,
      body: { id: 'Bad Id', name: '', budget: { limitAud: '1.23456', mode: 'maybe' } },
    });
    expectProblem(res, 400, 'validation-failed');
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['body.budget.limitAud', 'body.budget.mode', 'body.id', 'body.name']);
  });

  it('a bad cursor', async () => {
    const token = await host.token('carol');
    expectProblem(await host.call('GET', '/api/v1/users?cursor=zzz', { token }), 400, 'validation-failed');
  });
});

describe('headers', () => {
  it('sets security headers and a CSP that lets only Teams and Microsoft 365 frame the pages', async () => {
    const res = await host.call('GET', '/api/v1/health');
    const csp = res.headers.get('content-security-policy') ?? '';
    const ancestors = /frame-ancestors ([^;]+)/.exec(csp)?.[1]?.split(' ');
    expect(ancestors).toEqual([
      "'self'",
      'https://teams.microsoft.com',
      'https://*.teams.microsoft.com',
      'https://*.cloud.microsoft',
      'https://*.microsoft365.com',
      'https://*.office.com',
      'https://outlook.office.com',
      'https://outlook.office365.com',
    ]);
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('keeps a well-formed incoming request id and replaces a bad one', async () => {
    const kept = await host.call('GET', '/api/v1/health', { headers: { 'x-request-id': 'trace-12345678' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-12345678');
    const replaced = await host.call('GET', '/api/v1/health', {
      headers: { 'x-request-id': 'bad id\twith junk' },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
