// Every bad token gets 401 problem+json and changes nothing (no user provisioned, no audit record).
// The host runs with Entra only (dev issuer off), against a local stand-in for the Entra authority.
import { createHmac, randomUUID } from 'node:crypto';
import { generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEntra, type FakeEntra } from './support/fake-entra.ts';
import { startTestHost, type TestHost } from './support/host.ts';

const TENANT = '11111111-1111-4111-8111-111111111111';
const OTHER_ALLOWED = '22222222-2222-4222-8222-222222222222';
const NOT_ALLOWED = '33333333-3333-4333-8333-333333333333';
const CLIENT_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
/** Teams on the web, which requests the token itself when nested app authentication is not available. */
const TEAMS_WEB = '5e3ce6c0-2b1f-4285-8d4b-75ee78787346';
const APP_ID_URI = `api://donatello.example.com/${CLIENT_ID}`;

let entra: FakeEntra;
let host: TestHost;
const now = () => Math.floor(Date.now() / 1000);

function claims(overrides: Record<string, unknown> = {}) {
  const base = {
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    aud: CLIENT_ID,
    // The tab and the add-in are the API's own app registration (nested app authentication).
    azp: CLIENT_ID,
    tid: TENANT,
    oid: randomUUID(),
    name: 'Test User',
    preferred_username: 'test@contoso.example',
    scp: 'access_as_user User.Read',
    ver: '2.0',
    iat: now() - 60,
    nbf: now() - 60,
    exp: now() + 3600,
  };
  const merged: Record<string, unknown> = { ...base, ...overrides };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  return merged;
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

beforeAll(async () => {
  entra = await startFakeEntra();
  host = await startTestHost({
    DEV_AUTH: 'false',
    ENTRA_CLIENT_ID: CLIENT_ID,
    ENTRA_APP_ID_URI: APP_ID_URI,
    ENTRA_ALLOWED_TENANTS: `${TENANT},${OTHER_ALLOWED}`,
    ENTRA_AUTHORITY_HOST: entra.authorityHost,
  });
});
afterAll(async () => {
  await host?.stop();
  await entra?.stop();
});

async function snapshot() {
  const [users, audit] = await Promise.all([host.store.count('users', {}), host.store.count('audit', {})]);
  return { users, audit };
}

describe('valid Entra tokens (the controls that prove the table can fail)', () => {
  it('accepts a token for the client id, provisions the user once, keyed by oid + tid', async () => {
    const oid = randomUUID();
    const token = await entra.sign(claims({ oid }));
    const first = await host.call('GET', '/api/v1/me', { token });
    expect(first.status).toBe(200);
    expect(first.body.user).toMatchObject({
      objectId: oid,
      tenantId: TENANT,
      role: 'standard_user',
      departmentId: null,
    });
    const before = await snapshot();
    expect((await host.call('GET', '/api/v1/me', { token })).status).toBe(200);
    expect(await snapshot()).toEqual(before);
  });

  it('accepts the api:// audience, the other allowed tenant, and expiry within the 5 minute skew', async () => {
    for (const c of [
      claims({ aud: APP_ID_URI }),
      claims({ iss: `https://login.microsoftonline.com/${OTHER_ALLOWED}/v2.0`, tid: OTHER_ALLOWED }),
      claims({ exp: now() - 120 }),
      // Teams' own client, for authentication.getAuthToken(): in the default allow-list.
      claims({ azp: TEAMS_WEB }),
      claims({ azp: CLIENT_ID.toUpperCase() }),
    ]) {
      expect((await host.call('GET', '/api/v1/me', { token: await entra.sign(c) })).status).toBe(200);
    }
  });

  it('does not expose the dev issuer routes', async () => {
    expect((await host.call('POST', '/dev/token', { body: { user: 'alice' } })).status).toBe(404);
    expect((await host.call('GET', '/dev/users')).status).toBe(404);
  });
});

type Case = { name: string; request: () => Promise<{ headers?: Record<string, string>; query?: string }> };
const bearer = (t: string) => ({ headers: { authorization: `Bearer ${t}` } });

const CASES: Case[] = [
  { name: 'no Authorization header', request: async () => ({}) },
  { name: 'empty bearer', request: async () => ({ headers: { authorization: 'Bearer ' } }) },
  {
    name: 'another scheme (Basic)',
    request: async () => ({ headers: { authorization: 'Basic YWxpY2U6cGFzcw==' } }),
  },
  { name: 'malformed token', request: async () => bearer('not.a.jwt') },
  { name: 'garbage segments', request: async () => bearer(`${b64({ alg: 'RS256' })}.@@@.###`) },
  {
    name: 'alg none',
    request: async () => bearer(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`),
  },
  {
    name: 'HS256 signed with the public key',
    request: async () => {
      const header = b64({ alg: 'HS256', typ: 'JWT', kid: 'test-key-1' });
      const body = b64(claims());
      const secret = JSON.stringify(entra.publicJwk);
      const sig = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
      return bearer(`${header}.${body}.${sig}`);
    },
  },
  {
    name: 'signed by an unknown key (unknown kid)',
    request: async () =>
      bearer(await entra.sign(claims(), { key: (await generateKeyPair('RS256')).privateKey, kid: 'rogue' })),
  },
  {
    name: 'signed by an unknown key under the known kid',
    request: async () =>
      bearer(await entra.sign(claims(), { key: (await generateKeyPair('RS256')).privateKey })),
  },
  {
    // The authority's own key and valid claims: only the algorithm is wrong (the control is in 'RS256 only').
    name: 'RS512 instead of RS256',
    request: async () =>
      bearer(await entra.sign(claims(), { key: await entra.keyFor('RS512'), alg: 'RS512' })),
  },
  {
    name: 'wrong issuer',
    request: async () => bearer(await entra.sign(claims({ iss: `https://evil.example.com/${TENANT}/v2.0` }))),
  },
  {
    name: "another tenant's issuer (tid and iss disagree)",
    request: async () =>
      bearer(await entra.sign(claims({ iss: `https://login.microsoftonline.com/${OTHER_ALLOWED}/v2.0` }))),
  },
  {
    name: 'tenant not allowed',
    request: async () =>
      bearer(
        await entra.sign(
          claims({ iss: `https://login.microsoftonline.com/${NOT_ALLOWED}/v2.0`, tid: NOT_ALLOWED }),
        ),
      ),
  },
  {
    name: 'v1 issuer form (sts.windows.net)',
    request: async () => bearer(await entra.sign(claims({ iss: `https://sts.windows.net/${TENANT}/` }))),
  },
  {
    name: 'wrong audience',
    request: async () => bearer(await entra.sign(claims({ aud: 'bbbbbbbb-0000-4000-8000-000000000000' }))),
  },
  {
    name: 'Microsoft Graph audience',
    request: async () => bearer(await entra.sign(claims({ aud: '00000003-0000-0000-c000-000000000000' }))),
  },
  { name: 'missing scope', request: async () => bearer(await entra.sign(claims({ scp: 'User.Read' }))) },
  {
    name: 'access_as_user only as part of another scope name',
    request: async () => bearer(await entra.sign(claims({ scp: 'access_as_user_admin User.Read' }))),
  },
  {
    name: 'requested by an app that is not allowed (azp)',
    request: async () => bearer(await entra.sign(claims({ azp: 'cccccccc-0000-4000-8000-000000000000' }))),
  },
  { name: 'no azp claim', request: async () => bearer(await entra.sign(claims({ azp: undefined }))) },
  {
    name: 'no scp claim (app-only token)',
    request: async () => bearer(await entra.sign(claims({ scp: undefined, roles: ['access_as_user'] }))),
  },
  {
    name: 'expired beyond the skew',
    request: async () => bearer(await entra.sign(claims({ exp: now() - 600 }))),
  },
  { name: 'not yet valid', request: async () => bearer(await entra.sign(claims({ nbf: now() + 600 }))) },
  { name: 'missing exp', request: async () => bearer(await entra.sign(claims({ exp: undefined }))) },
  { name: 'missing oid', request: async () => bearer(await entra.sign(claims({ oid: undefined }))) },
  {
    name: 'oid that is not a GUID',
    request: async () => bearer(await entra.sign(claims({ oid: 'alice@contoso.example' }))),
  },
  {
    name: 'token in the query string',
    request: async () => ({ query: `?access_token=${await entra.sign(claims())}` }),
  },
  {
    name: 'token in the query string beside a valid header',
    request: async () => {
      const t = await entra.sign(claims());
      return { ...bearer(t), query: `?access_token=${t}` };
    },
  },
  {
    name: 'tampered payload (claims changed after signing)',
    request: async () => {
      const [h, , s] = (await entra.sign(claims())).split('.');
      return bearer(`${h}.${b64(claims({ oid: randomUUID(), name: 'Mallory' }))}.${s}`);
    },
  },
];

describe('bad tokens', () => {
  it('the table has at least 15 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(15);
  });

  it.each(CASES)('$name: 401 problem+json, nothing changed', async ({ request }) => {
    const before = await snapshot();
    const { headers, query } = await request();
    const res = await host.call('GET', `/api/v1/me${query ?? ''}`, { ...(headers ? { headers } : {}) });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // RFC 6750: error="invalid_token" when credentials came, a bare challenge when none did.
    expect(res.headers.get('www-authenticate')).toBe(
      headers?.authorization ? 'Bearer error="invalid_token"' : 'Bearer',
    );
    expect(res.body).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(await snapshot()).toEqual(before);
  });
});

describe('authorized parties (ENTRA_ALLOWED_CLIENT_APPS)', () => {
  const TAB_APP = 'dddddddd-0000-4000-8000-000000000001';
  let strict: TestHost;
  beforeAll(async () => {
    strict = await startTestHost({
      DEV_AUTH: 'false',
      ENTRA_CLIENT_ID: CLIENT_ID,
      ENTRA_ALLOWED_TENANTS: TENANT,
      ENTRA_AUTHORITY_HOST: entra.authorityHost,
      ENTRA_ALLOWED_CLIENT_APPS: TAB_APP,
    });
  });
  afterAll(async () => {
    await strict?.stop();
  });

  it('accepts only the listed apps: the setting replaces the default list', async () => {
    const status = async (azp: string) =>
      (await strict.call('GET', '/api/v1/me', { token: await entra.sign(claims({ azp })) })).status;
    expect(await status(TAB_APP)).toBe(200);
    expect(await status(CLIENT_ID)).toBe(401);
    expect(await status(TEAMS_WEB)).toBe(401);
  });

  it('says why: the app is not allowed', async () => {
    const res = await strict.call('GET', '/api/v1/me', {
      token: await entra.sign(claims({ azp: TEAMS_WEB })),
    });
    expect(res.body.detail).toBe('The token was requested by an app that is not allowed');
  });
});

describe('key discovery', () => {
  it('fetches discovery once per tenant and caches the key set', async () => {
    const hits = entra.discoveryHits;
    for (let i = 0; i < 5; i++) await host.call('GET', '/api/v1/me', { token: await entra.sign(claims()) });
    expect(entra.discoveryHits).toBe(hits);
  });
});
