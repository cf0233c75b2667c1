// One behavioural contract for every DocumentStore adapter (DESIGN §8). Each adapter's test file calls
// storeContract with a factory; the same cases, concurrency included, must pass on all of them.
// The "concurrent" cases issue every call at once. Against the Cosmos DB test server they really race (each
// call is its own HTTP request); against SQLite one writer connection (a worker thread) runs them one after another, so
// there they prove the guards and conditions, and the real race between processes sharing one SQLite file is
// carried by concurrency.test.ts and crash.test.ts. Test names say which it is.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentStore, Page } from '../src/ports/store.ts';
import { transactionAndBatchCases } from './store-contract-writes.ts';

export interface ContractOptions {
  /** The adapter runs calls issued at once one after another (one writer connection takes them in turn). */
  serialises?: boolean;
  /** The environment under which support/store-writer.ts opens the same store as `open` (another process). */
  writerEnv: () => Record<string, string>;
}

export function storeContract(
  name: string,
  open: () => Promise<DocumentStore>,
  options: ContractOptions,
): void {
  /** How the "concurrent" cases are named: honest about what the adapter does with calls issued at once. */
  const racing = (what: string) =>
    options.serialises
      ? `${what}, issued at once (one writer connection takes them in turn; concurrency.test.ts races processes)`
      : `${what}, racing`;
  describe(`DocumentStore contract: ${name}`, () => {
    let store: DocumentStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });
    const pk = () => `pk-${randomUUID()}`;
    // Ids of patched documents are unique across partitions too: the Cosmos test server evaluates a patch's
    // condition against every document with that id, in any partition (real Cosmos DB does not).

    it('returns null for a missing document', async () => {
      expect(await store.get('meta', pk(), 'nope')).toBeNull();
    });

    it('creates once and round-trips JSON data', async () => {
      const p = pk();
      const data = {
        name: 'Marketing',
        n: 42,
        big: 9_007_199_254_740_991,
        on: true,
        none: null,
        nested: { a: [1, 'x'] },
      };
      const created = await store.create('departments', p, 'marketing', data);
      expect(created?.data).toEqual(data);
      expect(created?.version).toBeTruthy();
      expect(await store.create('departments', p, 'marketing', { name: 'Other' })).toBeNull();
      const got = await store.get('departments', p, 'marketing');
      expect(got).toEqual({ id: 'marketing', pk: p, version: created!.version, data });
    });

    it('keeps partitions apart: the same id in two partitions is two documents', async () => {
      const [a, b] = [pk(), pk()];
      expect(await store.create('users', a, 'same', { v: 1 })).not.toBeNull();
      expect(await store.create('users', b, 'same', { v: 2 })).not.toBeNull();
      expect((await store.get('users', a, 'same'))?.data).toEqual({ v: 1 });
      expect((await store.get('users', b, 'same'))?.data).toEqual({ v: 2 });
    });

    it('replaces only the version it was given (compare-and-set)', async () => {
      const p = pk();
      const v1 = (await store.create('meta', p, 'doc', { n: 1 }))!;
      const v2 = await store.replace('meta', p, 'doc', { n: 2 }, v1.version);
      expect(v2?.data).toEqual({ n: 2 });
      expect(v2!.version).not.toBe(v1.version);
      expect(await store.replace('meta', p, 'doc', { n: 3 }, v1.version)).toBeNull();
      expect((await store.get('meta', p, 'doc'))?.data).toEqual({ n: 2 });
      expect(await store.replace('meta', p, 'missing', { n: 1 }, v1.version)).toBeNull();
    });

    it('upserts unconditionally', async () => {
      const p = pk();
      await store.upsert('conversations', p, 'c', { ref: 'a' });
      const second = await store.upsert('conversations', p, 'c', { ref: 'b' });
      expect(second.data).toEqual({ ref: 'b' });
      expect((await store.get('conversations', p, 'c'))?.data).toEqual({ ref: 'b' });
    });

    it('increments several fields in one step and reports missing documents', async () => {
      const p = pk();
      const b = randomUUID();
      await store.create('budgets', p, b, { spent: 0, reserved: 10, cap: 100, label: 'x' });
      const r = await store.increment('budgets', p, b, { spent: 7, reserved: -10 });
      expect(r.ok && r.doc.data).toEqual({ spent: 7, reserved: 0, cap: 100, label: 'x' });
      expect(await store.increment('budgets', p, 'none', { spent: 1 })).toEqual({
        ok: false,
        reason: 'missing',
      });
      const fresh = await store.increment('budgets', p, b, { extra: 5 });
      expect(fresh.ok && fresh.doc.data.extra).toBe(5);
    });

    it('applies an increment only when its guards hold afterwards', async () => {
      const p = pk();
      const b = randomUUID();
      await store.create('budgets', p, b, { spent: 60, reserved: 30, cap: 100 });
      const sum = { fields: ['spent', 'reserved'], atMost: { field: 'cap' } };
      expect((await store.increment('budgets', p, b, { reserved: 10 }, [sum])).ok).toBe(true);
      expect(await store.increment('budgets', p, b, { reserved: 1 }, [sum])).toEqual({
        ok: false,
        reason: 'guard',
      });
      const release = { fields: ['reserved'], atLeast: 0 };
      expect(await store.increment('budgets', p, b, { reserved: -41 }, [release])).toEqual({
        ok: false,
        reason: 'guard',
      });
      expect((await store.increment('budgets', p, b, { reserved: -40 }, [release])).ok).toBe(true);
      expect(
        (await store.increment('budgets', p, b, { spent: 40 }, [{ fields: ['spent'], atMost: 100 }])).ok,
      ).toBe(true);
      expect((await store.get('budgets', p, b))?.data).toEqual({ spent: 100, reserved: 0, cap: 100 });
      // Field names that are also query-language keywords still work.
      const k = randomUUID();
      await store.create('budgets', p, k, { value: 0, limit: 2 });
      const keyword = [{ fields: ['value'], atMost: { field: 'limit' } }];
      expect((await store.increment('budgets', p, k, { value: 2 }, keyword)).ok).toBe(true);
      expect(await store.increment('budgets', p, k, { value: 1 }, keyword)).toEqual({
        ok: false,
        reason: 'guard',
      });
    });

    it('updates counters, sets and removes paths in one step, under existence conditions', async () => {
      const p = pk();
      const b = randomUUID();
      const r1 = randomUUID();
      await store.create('budgets', p, b, { spent: 0, reserved: 0, res: {}, alerted: {} });
      const reserve = await store.update(
        'budgets',
        p,
        b,
        {
          incr: { reserved: 500 },
          set: { [`res.${r1}`]: { amount: 500, until: '2026-11-22T03:00:00.000Z' } },
        },
        { absent: [`res.${r1}`] },
      );
      expect(reserve.ok && reserve.doc.data).toEqual({
        spent: 0,
        reserved: 500,
        res: { [r1]: { amount: 500, until: '2026-11-22T03:00:00.000Z' } },
        alerted: {},
      });
      // The same reservation twice: refused by the absent condition.
      expect(
        (await store.update('budgets', p, b, { incr: { reserved: 500 } }, { absent: [`res.${r1}`] })).ok,
      ).toBe(false);
      const commit = await store.update(
        'budgets',
        p,
        b,
        { incr: { reserved: -500, spent: 420 }, remove: [`res.${r1}`], set: { 'alerted.80': true } },
        { exists: [`res.${r1}`] },
      );
      expect(commit.ok && commit.doc.data).toEqual({
        spent: 420,
        reserved: 0,
        res: {},
        alerted: { '80': true },
      });
      expect(
        await store.update('budgets', p, b, { remove: [`res.${r1}`] }, { exists: [`res.${r1}`] }),
      ).toEqual({
        ok: false,
        reason: 'guard',
      });
      expect(await store.update('budgets', p, randomUUID(), { incr: { spent: 1 } })).toEqual({
        ok: false,
        reason: 'missing',
      });
      await expect(store.update('budgets', p, b, { set: { 'Bad Path': 1 } })).rejects.toThrow(/bad path/);
      await expect(store.update('budgets', p, b, {})).rejects.toThrow(/operations/);
    });

    it(racing('50 commits of one reservation apply exactly once'), async () => {
      const p = pk();
      const b = randomUUID();
      const r = randomUUID();
      await store.create('budgets', p, b, { spent: 0, reserved: 100, res: { [r]: { amount: 100 } } });
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          store.update(
            'budgets',
            p,
            b,
            { incr: { reserved: -100, spent: 80 }, remove: [`res.${r}`] },
            { exists: [`res.${r}`] },
          ),
        ),
      );
      expect(results.filter((x) => x.ok)).toHaveLength(1);
      expect((await store.get('budgets', p, b))?.data).toEqual({ spent: 80, reserved: 0, res: {} });
    });

    it('refuses reserved names, bad counter fields and bad keys before touching storage', async () => {
      const p = pk();
      await expect(store.create('meta', p, 'x', { id: 'y' })).rejects.toThrow(/reserved/);
      await expect(store.create('meta', p, 'x', { _etag: 'y' })).rejects.toThrow(/reserved/);
      await expect(store.create('meta', p, 'a/b', {})).rejects.toThrow(/bad id/);
      await expect(store.increment('meta', p, 'x', { Spent: 1 })).rejects.toThrow(/counter field/);
      await expect(store.increment('meta', p, 'x', { spent: 0.5 })).rejects.toThrow(/integers/);
      await expect(
        store.query('meta', { where: [{ field: "a') OR 1=1 --", op: '=', value: 1 }] }),
      ).rejects.toThrow(/bad field/);
    });

    it('deletes, optionally only a given version', async () => {
      const p = pk();
      const d = (await store.create('jobs', p, 'j', { n: 1 }))!;
      await store.replace('jobs', p, 'j', { n: 2 }, d.version);
      expect(await store.delete('jobs', p, 'j', d.version)).toBe(false);
      expect(await store.delete('jobs', p, 'j')).toBe(true);
      expect(await store.delete('jobs', p, 'j')).toBe(false);
      expect(await store.get('jobs', p, 'j')).toBeNull();
    });

    it('queries with filters, ordering and cursor paging', async () => {
      const p = pk();
      for (let i = 0; i < 7; i++) {
        await store.create('generations', p, `g${i}`, {
          seq: i,
          status: i === 6 ? null : i % 2 ? 'failed' : 'succeeded',
          prompt: i === 3 ? 'A Koala presenting' : `prompt ${i}`,
          owner: { oid: i < 5 ? 'alice' : 'bob' },
          deletedAt: i === 6 ? '2026-01-01' : null,
        });
      }
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<{ seq: number }> = await store.query<{ seq: number }>('generations', {
          pk: p,
          orderBy: { field: 'seq', direction: 'desc' },
          limit: 3,
          cursor,
        });
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((d) => d.data.seq));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0]);

      const ids = async (where: Parameters<DocumentStore['query']>[1]['where']) =>
        (await store.query('generations', { pk: p, where, limit: 50 })).items.map((d) => d.id).sort();
      expect(await ids([{ field: 'status', op: '=', value: 'failed' }])).toEqual(['g1', 'g3', 'g5']);
      expect(await ids([{ field: 'status', op: '=', value: null }])).toEqual(['g6']);
      expect(await ids([{ field: 'seq', op: '>=', value: 5 }])).toEqual(['g5', 'g6']);
      expect(await ids([{ field: 'owner.oid', op: '=', value: 'bob' }])).toEqual(['g5', 'g6']);
      expect(await ids([{ field: 'prompt', op: 'contains', value: 'koala' }])).toEqual(['g3']);
      expect(await ids([{ field: 'deletedAt', op: '=', value: null }])).toHaveLength(6);
      expect(await ids([{ field: 'deletedAt', op: '!=', value: null }])).toEqual(['g6']);
      expect(await ids([{ field: 'status', op: '!=', value: 'failed' }])).toEqual(['g0', 'g2', 'g4', 'g6']);
      expect(await store.count('generations', { pk: p, where: [{ field: 'seq', op: '<', value: 2 }] })).toBe(
        2,
      );
      await expect(store.query('generations', { pk: p, cursor: 'not-a-cursor' })).rejects.toThrow(/cursor/);
    });

    it('a query or count within a partition never sees another partition', async () => {
      const [a, b] = [pk(), pk()];
      for (const p of [a, b]) {
        for (let i = 0; i < 3; i++) await store.create('jobs', p, `${p}-${i}`, { kind: 'render', n: i });
      }
      const page = await store.query('jobs', { pk: a, where: [{ field: 'kind', op: '=', value: 'render' }] });
      expect(page.items.map((d) => d.pk)).toEqual([a, a, a]);
      expect(await store.count('jobs', { pk: b })).toBe(3);
    });

    it('queries across partitions when no partition is given', async () => {
      const tag = randomUUID();
      await store.create('approvals', pk(), 'a1', { tag, n: 1 });
      await store.create('approvals', pk(), 'a2', { tag, n: 2 });
      const page = await store.query('approvals', { where: [{ field: 'tag', op: '=', value: tag }] });
      expect(page.items.map((d) => d.id).sort()).toEqual(['a1', 'a2']);
    });

    it(racing('200 guarded increments against a bound of 100 succeed exactly 100 times'), async () => {
      const p = pk();
      const b = randomUUID();
      await store.create('budgets', p, b, { used: 0, cap: 100 });
      const results = await Promise.all(
        Array.from({ length: 200 }, () =>
          store.increment('budgets', p, b, { used: 1 }, [{ fields: ['used'], atMost: { field: 'cap' } }]),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(100);
      expect(results.filter((r) => !r.ok && r.reason === 'guard')).toHaveLength(100);
      expect((await store.get('budgets', p, b))?.data.used).toBe(100);
    });

    it(racing('50 create-if-absent calls with one key create exactly one record'), async () => {
      const p = pk();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.create('idempotency', p, 'key', { winner: i })),
      );
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect((await store.get('idempotency', p, 'key'))?.data).toEqual(winners[0]!.data);
      expect(await store.count('idempotency', { pk: p })).toBe(1);
    });

    it(racing('compare-and-set: 20 replaces of one version, one wins'), async () => {
      const p = pk();
      const d = (await store.create('approvals', p, 'ap', { status: 'pending' }))!;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.replace('approvals', p, 'ap', { status: `decided-${i}` }, d.version),
        ),
      );
      const wins = results.filter((r) => r !== null);
      expect(wins).toHaveLength(1);
      expect((await store.get('approvals', p, 'ap'))?.data).toEqual(wins[0]!.data);
    });

    transactionAndBatchCases(() => store, pk, options);
  });
}
