// Production starts (issue #13) as an operating system process. Without its settings it refuses to start and
// names every missing one (exit 78). Configured like App Service (infra/modules/appservice.bicep) it starts with
// no key, secret or connection string: Cosmos DB, Blob Storage and the bot get their tokens from the managed
// identity endpoint, and the readiness probe shows both stores answer.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { CosmosStore } from '../src/adapters/cosmos/cosmos-store.ts';
import { selfSigned } from './fakes/image-host.ts';
import { MI_TENANT, startIdentityEndpoint, startRecordingProxy } from './fakes/managed-identity.ts';
import { startAzurite } from './support/servers.ts';
import { call, exitOf, startBackend } from './support/backend-process.ts';

const MAIN = resolve(import.meta.dirname, '../src/main.ts');
const dir = mkdtempSync(join(tmpdir(), 'donatello-prod-'));
const stops: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  rmSync(dir, { recursive: true, force: true });
});

function refused(env: Record<string, string>): Promise<{ code: number | null; err: string }> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dir, PORT: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return exitOf(child).then((code) => ({ code, err }));
}

const MI = '7a1e0000-0000-4000-8000-00000000a1d1';

describe('a production start', () => {
  it('without its settings fails, naming each one (exit 78)', async () => {
    const bare = await refused({ NODE_ENV: 'production' });
    expect(bare.code).toBe(78);
    for (const name of [
      'PUBLIC_BASE_URL',
      'ENTRA_CLIENT_ID',
      'BOT_ID',
      'BOT_PASSWORD',
      'TEAMS_APP_ID',
      'IMAGE_URL_SECRET',
      'LOCAL_PROVIDER',
    ]) {
      expect(bare.err).toMatch(new RegExp(`^  ${name}: `, 'm'));
    }
    // Keyless Azure storage without an endpoint or an identity.
    const azure = await refused({
      NODE_ENV: 'production',
      STORE: 'cosmos',
      BLOBS: 'azure',
      BOT_AUTH: 'managed-identity',
    });
    expect(azure.code).toBe(78);
    for (const name of [
      'COSMOS_ENDPOINT',
      'AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT_URL',
      'BOT_TENANT_ID',
    ]) {
      expect(azure.err).toContain(`  ${name}: `);
    }
    expect(azure.err).not.toMatch(/BOT_PASSWORD: required/);
  });

  it('configured like App Service, runs on the managed identity alone and is ready', async () => {
    const tls = await selfSigned();
    const caFile = join(dir, 'test-ca.pem');
    writeFileSync(caFile, tls.cert);
    const identity = await startIdentityEndpoint();
    stops.push(() => identity.stop());
    const azurite = await startAzurite({ oauth: tls });
    stops.push(() => azurite.stop());
    const cosmos = inject('cosmos');
    const proxy = await startRecordingProxy(cosmos.endpoint, true);
    stops.push(() => proxy.stop());
    const database = `prod-${randomUUID()}`;
    // What infra/modules/cosmos.bicep declares; the app cannot create it without a key.
    await (await CosmosStore.open({ ...cosmos, database, allowSelfSigned: true })).close();

    const backend = await startBackend(
      {
        NODE_ENV: 'production',
        DATA_DIR: dir,
        // App Service's managed identity endpoint, and trust for the local TLS servers.
        IDENTITY_ENDPOINT: identity.url,
        IDENTITY_HEADER: identity.header,
        NODE_EXTRA_CA_CERTS: caFile,
        AZURE_CLIENT_ID: MI,
        STORE: 'cosmos',
        COSMOS_ENDPOINT: proxy.url,
        COSMOS_DATABASE: database,
        BLOBS: 'azure',
        AZURE_STORAGE_ACCOUNT_URL: azurite.blobUrl,
        PUBLIC_BASE_URL: 'https://donatello.example.com',
        ENTRA_CLIENT_ID: '11111111-1111-4111-8111-111111111111',
        ENTRA_ALLOWED_TENANTS: MI_TENANT,
        BOT_AUTH: 'managed-identity',
        BOT_ID: MI,
        BOT_TENANT_ID: MI_TENANT,
        TEAMS_APP_ID: '55555555-5555-4555-8555-555555555555',
        IMAGE_URL_SECRET: 'x'.repeat(40),
        OPENAI_API_KEY: 'sk-not-called',
      },
      60_000,
    );
    stops.push(() => backend.kill());
    expect(backend.output()).not.toMatch(/Dev users/);

    expect((await call(backend.base, 'GET', '/api/v1/health/live')).status).toBe(200);
    const ready = await call(backend.base, 'GET', '/api/v1/health/ready');
    expect(ready.status, ready.text).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { store: 'ok', blobs: 'ok' } });

    // Every token came from the identity endpoint, for the managed identity, with App Service's secret header.
    const resources = new Set(identity.requests.map((r) => r.resource));
    expect(resources).toContain('https://storage.azure.com');
    expect([...resources].some((r) => r.startsWith('https://127.0.0.1:'))).toBe(true); // the Cosmos account
    expect(identity.requests.every((r) => r.clientId === MI && r.headerOk)).toBe(true);
    // Cosmos DB saw only those tokens, never a key signature.
    const issued = new Set(identity.requests.map((r) => r.token));
    expect(proxy.authorizations.length).toBeGreaterThan(0);
    for (const a of proxy.authorizations) {
      expect(issued.has(decodeURIComponent(a).replace(/^type=aad&ver=1\.0&sig=/, ''))).toBe(true);
    }
    expect(await backend.stop()).toBe(0);
  });
});
