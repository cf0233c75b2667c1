// The gallery's remembered views (generations/view-cache.ts): a view is reused only for the version of the record
// it was rendered from, and the memory stays bounded while the views being read stay in it.
import { expect, it } from 'vitest';
import { hash } from 'node:crypto';
import { GenerationViewCache } from '../src/generations/view-cache.ts';
import { generationView, type GenerationRecord } from '../src/generations/record.ts';
import type { Versioned } from '../src/ports/store.ts';

function record(prompt: string): GenerationRecord {
  return {
    status: 'succeeded',
    request: { prompt, size: '1024x1024', quality: 'standard', n: 1, purpose: 'internal' },
    model: 'local-scene',
    provider: 'local',
    chain: [],
    estimateMicros: 20_000,
    costMicros: 20_000,
    owner: { oid: 'o1', name: 'Carol' },
    departmentId: 'engineering',
    images: [],
    safety: { decision: 'allow', findings: [] },
    error: null,
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:01.000Z',
    finishedAt: '2026-12-01T00:00:01.000Z',
  } as unknown as GenerationRecord;
}

/** A document whose data counts how often it was read, as the SQLite store's listed documents parse on read. */
function doc(pk: string, id: string, version: string, prompt: string) {
  const data = record(prompt);
  let reads = 0;
  const d = {
    id,
    pk,
    version,
    get data() {
      reads++;
      return data;
    },
  } as Versioned<GenerationRecord>;
  return { d, reads: () => reads };
}

const rendered = (id: string, prompt: string) => JSON.stringify(generationView(id, record(prompt)));

it('reuses a view only for the same version of the same record', () => {
  const cache = new GenerationViewCache();
  const first = doc('t1', 'g1', 'v1', 'a koala');
  expect(cache.view(first.d).json).toBe(rendered('g1', 'a koala'));
  const again = doc('t1', 'g1', 'v1', 'a koala');
  expect(cache.view(again.d).json).toBe(rendered('g1', 'a koala'));
  expect(again.reads()).toBe(0); // remembered: the record was not read
  // The digest a gallery page's ETag is made from is the view text's own.
  expect(cache.view(again.d).digest).toBe(hash('sha1', rendered('g1', 'a koala'), 'base64'));
  // The record changed: a new version is rendered afresh.
  const changed = doc('t1', 'g1', 'v2', 'a koala, edited');
  expect(cache.view(changed.d).json).toBe(rendered('g1', 'a koala, edited'));
  // Another record, or the same id in another tenant, with the same version string gets its own view.
  expect(cache.view(doc('t1', 'g2', 'v2', 'a wombat').d).json).toBe(rendered('g2', 'a wombat'));
  expect(cache.view(doc('t2', 'g1', 'v2', 'a quokka').d).json).toBe(rendered('g1', 'a quokka'));
  expect(cache.view(doc('t1', 'g1', 'v2', 'a koala, edited').d).json).toBe(rendered('g1', 'a koala, edited'));
});

it('stays within its capacity and keeps the views being read', () => {
  const cache = new GenerationViewCache(10);
  const hot = Array.from({ length: 5 }, (_, i) => doc('t1', `hot${i}`, `h${i}`, `hot ${i}`));
  // A stream of records read once each, while the hot ones are read again between them.
  for (let i = 0; i < 100; i++) {
    cache.view(hot[i % 5]!.d);
    cache.view(doc('t1', `cold${i}`, `c${i}`, `cold ${i}`).d);
  }
  expect((cache as unknown as { views: Map<string, unknown> }).views.size).toBeLessThanOrEqual(10);
  // Each hot record was rendered once, on its first read: never evicted while it was being read.
  expect(hot.map((h) => h.reads())).toEqual([1, 1, 1, 1, 1]);
});
