// One behavioural contract for every BlobStore adapter (DESIGN §8).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '../src/ports/blobs.ts';

export function blobContract(name: string, open: () => Promise<BlobStore>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let blobs: BlobStore;
    beforeAll(async () => {
      blobs = await open();
    });
    afterAll(async () => {
      await blobs.close();
    });
    const key = (suffix = 'image.png') => `t/${randomUUID()}/${suffix}`;

    it('stores bytes with content type and metadata, and reads them back', async () => {
      const k = key();
      const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
      await blobs.put(k, bytes, {
        contentType: 'image/png',
        metadata: { generationid: 'g1', provider: 'local', aigenerated: 'true' },
      });
      const got = await blobs.get(k);
      expect(got?.bytes.equals(bytes)).toBe(true);
      expect(got?.contentType).toBe('image/png');
      expect(got?.metadata).toEqual({ generationid: 'g1', provider: 'local', aigenerated: 'true' });
      expect(await blobs.head(k)).toEqual({
        contentType: 'image/png',
        metadata: { generationid: 'g1', provider: 'local', aigenerated: 'true' },
        size: bytes.length,
      });
    });

    it('answers null for a missing blob and false for deleting one', async () => {
      const k = key();
      expect(await blobs.get(k)).toBeNull();
      expect(await blobs.head(k)).toBeNull();
      expect(await blobs.delete(k)).toBe(false);
    });

    it('replaces on a second put and deletes', async () => {
      const k = key('thumb.webp');
      await blobs.put(k, Buffer.from('first'), { contentType: 'image/webp' });
      await blobs.put(k, Buffer.from('second'), { contentType: 'image/webp' });
      expect((await blobs.get(k))?.bytes.toString()).toBe('second');
      expect(await blobs.delete(k)).toBe(true);
      expect(await blobs.get(k)).toBeNull();
    });

    it('refuses keys that could escape or confuse the store, and bad metadata', async () => {
      for (const bad of [
        '../etc/passwd',
        '/abs',
        'a/../../b.png',
        'UPPER/x.png',
        'a//b.png',
        '',
        'no-extension',
        'a.b/c.png',
        '.hidden.png',
      ]) {
        await expect(blobs.put(bad, Buffer.from('x'), { contentType: 'text/plain' })).rejects.toThrow(
          /bad blob key/,
        );
      }
      await expect(
        blobs.put(key(), Buffer.from('x'), { contentType: 'text/plain', metadata: { 'Bad-Key': 'v' } }),
      ).rejects.toThrow(/metadata/);
    });

    it('keeps 20 concurrent writes of different blobs intact', async () => {
      const keys = Array.from({ length: 20 }, () => key());
      await Promise.all(
        keys.map((k, i) => blobs.put(k, Buffer.alloc(1000, i), { contentType: 'image/png' })),
      );
      const read = await Promise.all(keys.map((k) => blobs.get(k)));
      read.forEach((b, i) => expect(b?.bytes.equals(Buffer.alloc(1000, i))).toBe(true));
    });

    it('creates only when absent: of 20 concurrent creates of one key exactly one wins, and it stays', async () => {
      const k = key('segment.jsonl');
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          blobs.create(k, Buffer.from(`writer ${i}`), {
            contentType: 'application/x-ndjson',
            metadata: { writer: String(i) },
          }),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      const got = await blobs.get(k);
      expect(got?.bytes.toString()).toBe(`writer ${winner}`);
      expect(got?.metadata).toEqual({ writer: String(winner) });
      expect(await blobs.create(k, Buffer.from('later'), { contentType: 'text/plain' })).toBe(false);
      expect((await blobs.get(k))?.bytes.toString()).toBe(`writer ${winner}`);
      await expect(blobs.create('../x.png', Buffer.from('x'), { contentType: 'text/plain' })).rejects.toThrow(
        /bad blob key/,
      );
    });

    it('lists keys under a prefix in order, and nothing else', async () => {
      const folder = `l/${randomUUID()}`;
      const names = ['000000000011.jsonl', '000000000001.jsonl', '000000000003.jsonl'];
      for (const n of names)
        await blobs.create(`${folder}/${n}`, Buffer.from(n), { contentType: 'text/plain' });
      await blobs.put(`${folder}-other/000000000001.jsonl`, Buffer.from('x'), { contentType: 'text/plain' });
      await blobs.put(`${folder}/sub/deeper.png`, Buffer.from('x'), { contentType: 'image/png' });
      expect(await blobs.list(`${folder}/`)).toEqual([
        `${folder}/000000000001.jsonl`,
        `${folder}/000000000003.jsonl`,
        `${folder}/000000000011.jsonl`,
        `${folder}/sub/deeper.png`,
      ]);
      expect(await blobs.list(`${folder}/0000000000`)).toHaveLength(3);
      expect(await blobs.list(`l/${randomUUID()}/`)).toEqual([]);
    });

    it('answers ping', async () => {
      await expect(blobs.ping()).resolves.toBeUndefined();
    });
  });
}
