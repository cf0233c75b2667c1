// The probes App Service and load balancers use (issue #13): live answers while the process runs; ready answers
// 200 only while the store and the blob store both answer, and 503 naming the one that does not otherwise.
import { describe, expect, it } from 'vitest';
import { startAzurite, startCosmos } from './support/servers.ts';
import { startTestHost } from './support/host.ts';

describe('health probes', () => {
  it('ready follows the store and the blob store; live stays up', async () => {
    const [cosmos, azurite] = await Promise.all([startCosmos(), startAzurite()]);
    const host = await startTestHost({
      STORE: 'cosmos',
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: cosmos.key,
      COSMOS_ALLOW_SELF_SIGNED: 'true',
      BLOBS: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AUDIT_EXPORT: 'off',
    });
    try {
      const live = await host.call('GET', '/api/v1/health/live');
      expect(live.status).toBe(200);
      expect(live.body).toEqual({ status: 'ok' });
      expect(live.headers.get('cache-control')).toBe('no-store');
      expect(await host.call('GET', '/api/v1/health/ready')).toMatchObject({
        status: 200,
        body: { status: 'ok', checks: { store: 'ok', blobs: 'ok' } },
      });

      await azurite.stop();
      expect(await host.call('GET', '/api/v1/health/ready')).toMatchObject({
        status: 503,
        body: { status: 'unavailable', checks: { store: 'ok', blobs: 'failed' } },
      });
      await cosmos.stop();
      expect(await host.call('GET', '/api/v1/health/ready')).toMatchObject({
        status: 503,
        body: { status: 'unavailable', checks: { store: 'failed', blobs: 'failed' } },
      });
      expect((await host.call('GET', '/api/v1/health/live')).status).toBe(200);
    } finally {
      await host.stop();
      await Promise.all([cosmos.stop(), azurite.stop()]);
    }
  });
});
