// The whole host on the Azure adapters: Cosmos DB (test server) for the store, Blob Storage (Azurite) for blobs.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { startTestHost, type TestHost } from './support/host.ts';

let host: TestHost;
beforeAll(async () => {
  const { endpoint, key } = inject('cosmos');
  host = await startTestHost({
    STORE: 'cosmos',
    COSMOS_ENDPOINT: endpoint,
    COSMOS_KEY: key,
    COSMOS_DATABASE: `host-${randomUUID()}`,
    COSMOS_ALLOW_SELF_SIGNED: 'true',
    BLOBS: 'azure',
    AZURE_STORAGE_CONNECTION_STRING: inject('azuriteConnectionString'),
    BLOB_CONTAINER: `host-${randomUUID().slice(0, 8)}`,
  });
});
afterAll(async () => {
  await host?.stop();
});

it('reports the Azure adapters as healthy', async () => {
  const res = await host.call('GET', '/api/v1/health');
  expect(res.body).toMatchObject({ status: 'ok', adapters: { store: 'cosmos', blobs: 'azure' } });
});

it('seeds, signs in and administers departments and users on Cosmos DB', async () => {
  const alice = await host.token('alice');
  const me = await host.call('GET', '/api/v1/me', { token: alice });
  expect(me.body.department).toEqual({ id: 'marketing', name: 'Marketing' });
  const carol = await host.token('carol');
  const list = await host.call('GET', '/api/v1/departments', { token: carol });
  expect(list.body.items.map((d: { id: string }) => d.id)).toEqual(['engineering', 'finance', 'marketing']);
  const patched = await host.call('PATCH', '/api/v1/departments/finance', {
    token: carol,
    body: { budget: { limitAud: '2.5' } },
  });
  expect(patched.body.budget.limitAud).toBe('2.5000');
  const users = await host.call('GET', '/api/v1/users?departmentId=marketing', { token: carol });
  expect(users.body.items).toHaveLength(2);
  const tenant = me.body.user.tenantId as string;
  expect(await host.audit.verify(tenant)).toMatchObject({ ok: true });
});
