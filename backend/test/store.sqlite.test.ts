import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { afterAll, expect, it } from 'vitest';
import { SqliteStore } from '../src/adapters/sqlite/sqlite-store.ts';
import { MIGRATIONS } from '../src/adapters/sqlite/migrations.ts';
import { fieldExpr, whereClause } from '../src/adapters/sqlite/sql.ts';
import { storeContract } from './store-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'donatello-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeContract('sqlite', async () => new SqliteStore(join(dir, 'contract.db')), {
  writerEnv: () => ({ STORE: 'sqlite', SQLITE_PATH: join(dir, 'contract.db') }),
});

it('applies migrations once, however often the store is opened', async () => {
  const file = join(dir, 'migrations.db');
  const first = new SqliteStore(file);
  expect(first.appliedMigrations).toEqual(MIGRATIONS.map((m) => m.version));
  await first.close();
  const second = new SqliteStore(file);
  expect(second.appliedMigrations).toEqual([]);
  await second.close();
});

it("reads one person's generations newest first through the owner index, without sorting", async () => {
  const file = join(dir, 'plan.db');
  await new SqliteStore(file).close();
  const db = new DatabaseSync(file);
  try {
    // The statement SqliteStore.query writes for the gallery, /history and "Find image".
    const params: SQLInputValue[] = ['generations', 'tenant'];
    const where = whereClause(
      [
        { field: 'owner.oid', op: '=', value: 'oid' },
        { field: 'deletedAt', op: '=', value: null },
        { field: 'request.prompt', op: 'contains', value: 'koala' },
      ],
      params,
    );
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT pk, id, version, body FROM docs WHERE coll = ? AND pk = ? AND
         ${where.join(' AND ')} ORDER BY ${fieldExpr('createdKey')} DESC LIMIT ?`,
      )
      .all(...params, 100)
      .map((r) => String((r as { detail: unknown }).detail))
      .join('\n');
    expect(plan).toContain('docs_by_owner_created');
    expect(plan).not.toMatch(/TEMP B-TREE/);
  } finally {
    db.close();
  }
});

it('commits with synchronous = FULL in WAL mode on the connection that writes', async () => {
  const store = new SqliteStore(join(dir, 'durability.db'));
  try {
    expect(await store.writerSettings()).toEqual({ synchronous: 2, journalMode: 'wal' });
  } finally {
    await store.close();
  }
});

it('groups writes that arrive together into one transaction; a failed one leaves the rest committed', async () => {
  const store = new SqliteStore(join(dir, 'group.db'));
  try {
    await store.create('budgets', 'p', 'bad', { label: 'x' });
    const before = store.writeStats;
    const results = await Promise.allSettled([
      ...Array.from({ length: 20 }, (_, i) => store.create('meta', 'p', `a-${i}`, { i })),
      store.increment('budgets', 'p', 'bad', { label: 1 }),
      ...Array.from({ length: 20 }, (_, i) => store.create('meta', 'p', `b-${i}`, { i })),
    ]);
    const after = store.writeStats;
    expect(after.batches - before.batches).toBe(1);
    expect(after.largestBatch).toBeGreaterThanOrEqual(41);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(await store.count('meta', { pk: 'p' })).toBe(40);
  } finally {
    await store.close();
  }
});

it('a transaction is all or nothing, whichever of its writes fails', async () => {
  const store = new SqliteStore(join(dir, 'transact.db'));
  try {
    await store.create('jobs', 'p', 'taken', { n: 1 });
    const r = await store.transact('jobs', 'p', [
      { op: 'create', id: 'first', data: { n: 1 } },
      { op: 'create', id: 'second', data: { n: 2 } },
      { op: 'create', id: 'taken', data: { n: 3 } },
    ]);
    expect(r).toEqual({ ok: false, failed: 2 });
    expect(await store.count('jobs', { pk: 'p' })).toBe(1);
  } finally {
    await store.close();
  }
});

it('refuses writes once closed, and answers every write made before closing', async () => {
  const store = new SqliteStore(join(dir, 'closing.db'));
  const pending = Array.from({ length: 50 }, (_, i) => store.create('meta', 'p', `c-${i}`, { i }));
  await store.close();
  expect((await Promise.all(pending)).every((d) => d !== null)).toBe(true);
  await expect(store.create('meta', 'p', 'late', {})).rejects.toThrow(/closed/);
  const reopened = new SqliteStore(join(dir, 'closing.db'));
  expect(await reopened.count('meta', { pk: 'p' })).toBe(50);
  await reopened.close();
});

it('finds queued and running generations through the status index, not by reading every generation', async () => {
  const file = join(dir, 'status-plan.db');
  await new SqliteStore(file).close();
  const db = new DatabaseSync(file);
  try {
    // The statement SqliteStore.query writes for the job sweeper (generations/worker.ts).
    const params: SQLInputValue[] = ['generations'];
    const where = whereClause(
      [
        { field: 'status', op: '=', value: 'queued' },
        { field: 'createdAt', op: '<', value: '2026-01-01T00:00:00.000Z' },
      ],
      params,
    );
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT pk, id, version, body FROM docs WHERE coll = ? AND ${where.join(' AND ')}
         ORDER BY id ASC LIMIT ?`,
      )
      .all(...params, 21)
      .map((r) => String((r as { detail: unknown }).detail))
      .join('\n');
    expect(plan).toContain('docs_by_status');
  } finally {
    db.close();
  }
});
