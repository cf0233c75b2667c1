import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { FsBlobStore } from '../src/adapters/blobs/fs-blobs.ts';
import { AzureBlobStore } from '../src/adapters/blobs/azure-blobs.ts';
import { blobContract } from './blob-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'donatello-blobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

blobContract('file system', async () => new FsBlobStore(dir));
// Runs against Azurite, started by the global test setup.
blobContract('azure (Azurite)', async () =>
  AzureBlobStore.open(inject('azuriteConnectionString'), `contract-${randomUUID().slice(0, 8)}`),
);
