// What docs/security.md promises about Entra signing keys, through the API against local stand-ins for the
// authority: RS256 only (even for a token the authority's own key signed), keys only from the authority's
// own origin whatever its discovery document says, and a failed discovery that is not remembered.
import { randomUUID } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startFakeEntra, type FakeEntra } from './support/fake-entra.ts';
import { startTestHost, type TestHost } from './support/host.ts';

const TENANT = '44444444-4444-4444-8444-444444444444';
const CLIENT_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-ffffffffffff';

const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  while (running.length) await running.pop()!.stop();
});
afterAll(async () => {
  while (running.length) await running.pop()!.stop();
});

const claims = () => {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    aud: CLIENT_ID,
    // The API's own client id is on the authorized-party allow-list by default (ENTRA_ALLOWED_CLIENT_APPS).
    azp: CLIENT_ID,
    tid: TENANT,
    oid: randomUUID(),
    scp: 'access_as_user',
    ver: '2.0',
    iat: now - 60,
    nbf: now - 60,
    exp: now + 3600,
  };
};

/** A host that trusts only Entra, with `authority` standing in for login.microsoftonline.com. */
async function hostTrusting(authority: FakeEntra): Promise<TestHost> {
  const host = await startTestHost({
    DEV_AUTH: 'false',
    ENTRA_CLIENT_ID: CLIENT_ID,
    ENTRA_ALLOWED_TENANTS: TENANT,
    ENTRA_AUTHORITY_HOST: authority.authorityHost,
  });
  running.push(host);
  return host;
}

async function authority(options: Parameters<typeof startFakeEntra>[0] = {}): Promise<FakeEntra> {
  const fake = await startFakeEntra(options);
  running.push(fake);
  return fake;
}

describe('RS256 only', () => {
  it("refuses RS512 signed with the authority's own published key, and only for its algorithm", async () => {
    const entra = await authority();
    const host = await hostTrusting(entra);
    const token = await entra.sign(claims(), { key: await entra.keyFor('RS512'), alg: 'RS512' });
    // The control: signature, key, issuer, audience and times are all right, so the algorithm is all that
    // can make the host refuse it.
    const keys = createRemoteJWKSet(new URL(`${entra.authorityHost}/${TENANT}/discovery/v2.0/keys`));
    const { payload } = await jwtVerify(token, keys, { algorithms: ['RS512'], audience: CLIENT_ID });
    expect(payload.tid).toBe(TENANT);

    const res = await host.call('GET', '/api/v1/me', { token });
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('The token must be signed with RS256');
    const good = await host.call('GET', '/api/v1/me', { token: await entra.sign(claims()) });
    expect(good.status).toBe(200);
  });
});

describe('keys only from the authority', () => {
  it('ignores a jwks_uri on another origin: 401, and nothing is fetched from there', async () => {
    const elsewhere = await authority();
    const entra = await authority({
      jwksUri: (tid) => `${elsewhere.authorityHost}/${tid}/discovery/v2.0/keys`,
    });
    const host = await hostTrusting(entra);
    // Signed with the key the other origin publishes: accepted only if the host fetched keys from there.
    const token = await elsewhere.sign(claims());
    const res = await host.call('GET', '/api/v1/me', { token });
    expect(res.status).toBe(401);
    expect(entra.discoveryHits).toBe(1);
    expect(elsewhere.keyHits).toBe(0);
    expect(await host.store.count('users', {})).toBe(0);
  });
});

describe('a failed discovery is not cached', () => {
  it('the request during an outage gets 401; the next one discovers again and gets in', async () => {
    const entra = await authority();
    const host = await hostTrusting(entra);
    entra.failDiscovery = 1;
    const during = await host.call('GET', '/api/v1/me', { token: await entra.sign(claims()) });
    expect(during.status).toBe(401);
    expect(entra.discoveryHits).toBe(1);

    const after = await host.call('GET', '/api/v1/me', { token: await entra.sign(claims()) });
    expect(after.status).toBe(200);
    expect(entra.discoveryHits).toBe(2);
    // And a success is cached: the next request does not ask again.
    expect((await host.call('GET', '/api/v1/me', { token: await entra.sign(claims()) })).status).toBe(200);
    expect(entra.discoveryHits).toBe(2);
  });
});
