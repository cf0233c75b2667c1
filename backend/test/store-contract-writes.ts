// The store contract's cases for what spans writes (DESIGN §8, issue #14): transactions in one partition, and
// writes that arrive together (the SQLite adapter commits them as one batch): a failed one leaves its neighbours
// committed, and a writer killed with SIGKILL has lost none of the writes it had acknowledged. Called by
// store-contract.ts inside its describe block, so every adapter runs them.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { DocumentStore } from '../src/ports/store.ts';
import type { ContractOptions } from './store-contract.ts';
import { killWriterAndCheck } from './support/store-kill.ts';

export function transactionAndBatchCases(
  current: () => DocumentStore,
  pk: () => string,
  options: ContractOptions,
): void {
  it('applies a transaction of creates, replaces and deletes in one partition all at once', async () => {
    const p = pk();
    const keep = (await current().create('jobs', p, 'keep', { n: 1 }))!;
    await current().create('jobs', p, 'gone', { n: 2 });
    const r = await current().transact('jobs', p, [
      { op: 'replace', id: 'keep', data: { n: 10 }, ifVersion: keep.version },
      { op: 'create', id: 'new-1', data: { n: 3 } },
      { op: 'create', id: 'new-2', data: { n: 4 } },
      { op: 'delete', id: 'gone' },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.docs.map((d) => d?.data ?? null)).toEqual([{ n: 10 }, { n: 3 }, { n: 4 }, null]);
    const fresh = await current().get('jobs', p, 'keep');
    expect(fresh).toEqual(r.docs[0]);
    expect((await current().get('jobs', p, 'new-2'))?.data).toEqual({ n: 4 });
    expect(await current().get('jobs', p, 'gone')).toBeNull();
    // The returned versions are the stored ones: a compare-and-set against them succeeds.
    expect(await current().replace('jobs', p, 'new-1', { n: 5 }, r.docs[1]!.version)).not.toBeNull();
  });

  it('a transaction whose first write fails its condition writes nothing and says which failed', async () => {
    const p = pk();
    const doc = (await current().create('jobs', p, 'counter', { n: 1 }))!;
    await current().replace('jobs', p, 'counter', { n: 2 }, doc.version);
    const stale = await current().transact('jobs', p, [
      { op: 'replace', id: 'counter', data: { n: 99 }, ifVersion: doc.version },
      { op: 'create', id: 'entry', data: { n: 1 } },
    ]);
    expect(stale).toEqual({ ok: false, failed: 0 });
    expect((await current().get('jobs', p, 'counter'))?.data).toEqual({ n: 2 });
    expect(await current().get('jobs', p, 'entry')).toBeNull();
    const taken = await current().transact('jobs', p, [
      { op: 'create', id: 'counter', data: { n: 7 } },
      { op: 'create', id: 'entry', data: { n: 1 } },
    ]);
    expect(taken).toEqual({ ok: false, failed: 0 });
    expect(await current().get('jobs', p, 'entry')).toBeNull();
    expect(await current().transact('jobs', p, [{ op: 'delete', id: 'missing' }])).toEqual({
      ok: false,
      failed: 0,
    });
    await expect(
      current().transact('jobs', p, [
        { op: 'create', id: 'twice', data: {} },
        { op: 'delete', id: 'twice' },
      ]),
    ).rejects.toThrow(/twice/);
    await expect(current().transact('jobs', p, [])).rejects.toThrow(/1-100/);
  });

  it('50 concurrent transactions on one version: exactly one applies', async () => {
    const p = pk();
    const doc = (await current().create('budgets', p, randomUUID(), { reserved: 0 }))!;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        current().transact('budgets', p, [
          { op: 'replace', id: doc.id, data: { reserved: i + 1 }, ifVersion: doc.version },
          { op: 'create', id: `entry-${i}`, data: { i } },
        ]),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await current().count('budgets', { pk: p })).toBe(2);
  });

  it('refuses to add to a value that is not a number, and changes nothing', async () => {
    const p = pk();
    const b = randomUUID();
    await current().create('budgets', p, b, { spent: 1, label: 'x' });
    await expect(current().increment('budgets', p, b, { spent: 1, label: 1 })).rejects.toThrow();
    expect((await current().get('budgets', p, b))?.data).toEqual({ spent: 1, label: 'x' });
  });

  it('a failed write among writes that arrive together leaves the others committed', async () => {
    const p = pk();
    const bad = randomUUID();
    const counter = randomUUID();
    await current().create('budgets', p, bad, { label: 'not a number' });
    await current().create('budgets', p, counter, { n: 0 });
    await current().create('meta', p, 'taken', { first: true });
    const version = (await current().get('meta', p, 'absent'))?.version ?? 'no-such-version';
    // Issued in one turn of the event loop: a grouping adapter puts them in one batch.
    const results = await Promise.allSettled([
      ...Array.from({ length: 10 }, (_, i) => current().create('meta', p, `before-${i}`, { i })),
      current().increment('budgets', p, bad, { label: 1 }),
      current().replace('meta', p, 'absent', { stale: true }, version),
      current().create('meta', p, 'taken', { duplicate: true }),
      ...Array.from({ length: 10 }, () => current().increment('budgets', p, counter, { n: 1 })),
      ...Array.from({ length: 10 }, (_, i) => current().create('meta', p, `after-${i}`, { i })),
    ]);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 'rejected')).toHaveLength(1);
    expect(results[10]!.status).toBe('rejected');
    expect(results.slice(11, 13).map((r) => (r.status === 'fulfilled' ? r.value : 'rejected'))).toEqual([
      null,
      null,
    ]);
    expect(await current().count('meta', { pk: p })).toBe(21);
    expect((await current().get('meta', p, 'taken'))?.data).toEqual({ first: true });
    expect((await current().get('meta', p, 'before-9'))?.data).toEqual({ i: 9 });
    expect((await current().get('meta', p, 'after-0'))?.data).toEqual({ i: 0 });
    expect((await current().get('budgets', p, counter))?.data).toEqual({ n: 10 });
    expect((await current().get('budgets', p, bad))?.data).toEqual({ label: 'not a number' });
  });

  it(
    'a writer process killed with SIGKILL loses no write it had acknowledged',
    { timeout: 120_000 },
    async () => {
      const p = pk();
      const { acked, child } = await killWriterAndCheck({ ...options.writerEnv(), WRITER_PK: p }, 300);
      expect(acked.length).toBeGreaterThanOrEqual(300);
      for (const n of acked) {
        expect((await current().get('meta', p, `w-${n}`))?.data, `acknowledged write ${n}`).toEqual({
          n,
          pad: 'x'.repeat(200),
        });
      }
      expect(child.signalCode).toBe('SIGKILL');
    },
  );
}
