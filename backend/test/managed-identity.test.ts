// The keyless paths (issue #13) through the Azure SDKs' credential seam: Blob Storage against Azurite over HTTPS
// with bearer-token checking (a token for the wrong audience is refused), Cosmos DB against the test server
// through a proxy that shows every request carried the credential's token and no account key, and the bot
// taking its Bot Framework token from App Service's managed identity endpoint as a UserAssignedMSI bot.
import { randomUUID } from 'node:crypto';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AzureBlobStore } from '../src/adapters/blobs/azure-blobs.ts';
import { CosmosStore } from '../src/adapters/cosmos/cosmos-store.ts';
import { selfSigned } from './fakes/image-host.ts';
import {
  FakeCredential,
  MI_TENANT,
  startIdentityEndpoint,
  startRecordingProxy,
  type IdentityEndpoint,
  type RecordingProxy,
} from './fakes/managed-identity.ts';
import { startAzurite } from './support/servers.ts';
import { startTestHost } from './support/host.ts';

beforeAll(async () => {
  // Trust the test certificate (Azurite's and the proxy's) the way NODE_EXTRA_CA_CERTS would: the SDKs send
  // bearer tokens over TLS only.
  setDefaultCACertificates([...getCACertificates('default'), (await selfSigned()).cert]);
});

describe('Blob Storage with Entra ID (Azurite checking bearer tokens)', () => {
  let azurite: Awaited<ReturnType<typeof startAzurite>>;
  beforeAll(async () => {
    azurite = await startAzurite({ oauth: await selfSigned() });
  });
  afterAll(async () => azurite?.stop());

  it('reads and writes with the token of the storage audience', async () => {
    const credential = new FakeCredential();
    const blobs = await AzureBlobStore.openWithCredential(
      azurite.blobUrl,
      credential,
      `mi-${randomUUID().slice(0, 8)}`,
    );
    await blobs.put('a/b.png', Buffer.from('png bytes'), {
      contentType: 'image/png',
      metadata: { provider: 'local' },
    });
    expect((await blobs.get('a/b.png'))?.bytes.toString()).toBe('png bytes');
    expect(
      await blobs.create('seg/000000000001.jsonl', Buffer.from('x\n'), {
        contentType: 'application/x-ndjson',
      }),
    ).toBe(true);
    expect(await blobs.list('seg/')).toEqual(['seg/000000000001.jsonl']);
    await blobs.ping();
    expect(new Set(credential.scopes)).toEqual(new Set(['https://storage.azure.com/.default']));
  });

  it('is refused with a token meant for another service', async () => {
    const wrong = new FakeCredential(() => 'https://management.azure.com');
    await expect(
      AzureBlobStore.openWithCredential(azurite.blobUrl, wrong, `mi-${randomUUID().slice(0, 8)}`),
    ).rejects.toMatchObject({ statusCode: 403, code: 'AuthenticationFailed' });
  });
});

describe('Cosmos DB with Entra ID', () => {
  let proxy: RecordingProxy;
  beforeAll(async () => {
    proxy = await startRecordingProxy(inject('cosmos').endpoint, true);
  });
  afterAll(async () => proxy?.stop());

  it("sends the credential's token on every request, never a key signature", async () => {
    const { endpoint, key } = inject('cosmos');
    const database = `mi-${randomUUID()}`;
    // The Bicep template creates the database and containers; here the key-based adapter stands in for it.
    await (await CosmosStore.open({ endpoint, key, database, allowSelfSigned: true })).close();
    const credential = new FakeCredential();
    const store = await CosmosStore.open({ endpoint: proxy.url, credential, database });
    try {
      expect(
        await store.create('departments', 't1', 'marketing', { name: 'Marketing', spent: 0 }),
      ).not.toBeNull();
      const moved = await store.update(
        'departments',
        't1',
        'marketing',
        { incr: { spent: 5 } },
        {
          guards: [{ fields: ['spent'], atMost: 10 }],
        },
      );
      expect(moved).toMatchObject({ ok: true, doc: { data: { spent: 5 } } });
      await store.ping();
    } finally {
      await store.close();
    }
    expect(proxy.authorizations.length).toBeGreaterThan(3);
    for (const auth of proxy.authorizations) {
      const decoded = decodeURIComponent(auth);
      expect(decoded).toMatch(/^type=aad&ver=1\.0&sig=/);
      expect(credential.issued).toContain(decoded.replace(/^type=aad&ver=1\.0&sig=/, ''));
    }
    expect(credential.scopes.every((s) => s.endsWith('/.default'))).toBe(true);
  });

  it('names the containers a keyless start finds missing, instead of creating them', async () => {
    await expect(
      CosmosStore.open({
        endpoint: proxy.url,
        credential: new FakeCredential(),
        database: `missing-${randomUUID()}`,
      }),
    ).rejects.toThrow(
      /lacks the containers departments, users, budgets, .*meta: with Entra ID the app cannot create them/,
    );
  });
});

describe('the Teams bot as a UserAssignedMSI bot', () => {
  let identity: IdentityEndpoint;
  const BOT_ID = '7a1e0000-0000-4000-8000-00000000a1d1';
  beforeAll(async () => {
    identity = await startIdentityEndpoint();
    // What App Service sets for an app with a managed identity; MSAL (in the Teams SDK) reads them.
    process.env.IDENTITY_ENDPOINT = identity.url;
    process.env.IDENTITY_HEADER = identity.header;
  });
  afterAll(async () => {
    delete process.env.IDENTITY_ENDPOINT;
    delete process.env.IDENTITY_HEADER;
    await identity?.stop();
  });

  it('gets its Bot Framework token from the managed identity, as the identity, with no secret', async () => {
    const host = await startTestHost({
      BOT_AUTH: 'managed-identity',
      BOT_ID,
      BOT_TENANT_ID: MI_TENANT,
    });
    try {
      const token = await host.bot!.app.tokenProvider.getAppToken();
      expect(identity.requests).toHaveLength(1);
      const r = identity.requests[0]!;
      expect(r).toMatchObject({
        resource: 'https://api.botframework.com',
        clientId: BOT_ID,
        apiVersion: '2019-08-01',
        headerOk: true,
      });
      expect(token?.toString()).toBe(r.token);
      // Inbound activities still need a Bot Framework token.
      const res = await fetch(`${host.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          text: 'hi',
          serviceUrl: 'https://smba.trafficmanager.net/au/',
        }),
      });
      expect(res.status).toBe(401);
    } finally {
      await host.stop();
    }
  });
});
