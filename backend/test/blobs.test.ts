import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, expect, inject, it } from 'vitest';
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

it('the file system store writes into a folder removed behind its back', async () => {
  const root = join(dir, 'removed');
  const store = new FsBlobStore(root);
  await store.put('images/t/g/0.png', Buffer.from('first'), { contentType: 'image/png' });
  rmSync(join(root, 'images/t/g'), { recursive: true, force: true });
  await store.put('images/t/g/0.thumb.webp', Buffer.from('second'), { contentType: 'image/webp' });
  expect((await store.get('images/t/g/0.thumb.webp'))?.bytes.toString()).toBe('second');
  expect(await store.get('images/t/g/0.png')).toBeNull();
});
