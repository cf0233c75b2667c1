import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { afterAll, expect, it } from 'vitest';
import { SqliteStore } from '../src/adapters/sqlite/sqlite-store.ts';
import { MIGRATIONS } from '../src/adapters/sqlite/migrations.ts';
import { collectionIs, whereClause } from '../src/adapters/sqlite/sql.ts';
import { storeContract } from './store-contract.ts';
import { startTestHost } from './support/host.ts';

const dir = mkdtempSync(join(tmpdir(), 'donatello-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeContract('sqlite', async () => new SqliteStore(join(dir, 'contract.db')), {
  serialises: true,
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

it('keeps every document, version and index when the indexes become partial and the documents move to a rowid table (migrations 5 and 6)', async () => {
  // A database as the releases before migration 5 left it, with documents in it.
  const file = join(dir, 'rowid.db');
  const old = new DatabaseSync(file);
  old.exec(`CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  for (const m of MIGRATIONS.filter((x) => x.version < 5)) {
    old.exec(m.sql);
    old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, 'then');
  }
  const insert = old.prepare('INSERT INTO docs (coll, pk, id, version, body) VALUES (?, ?, ?, ?, ?)');
  for (let i = 0; i < 30; i++) {
    const body = {
      owner: { oid: 'o1' },
      createdKey: `k${String(i).padStart(2, '0')}`,
      deletedAt: null,
      n: i,
    };
    insert.run('generations', 't1', `g${i}`, `v${i}`, JSON.stringify(body));
  }
  insert.run('users', 't1', 'o1', 'vu', JSON.stringify({ role: 'org_admin' }));
  old.close();

  const store = new SqliteStore(file);
  try {
    expect(store.appliedMigrations).toEqual([5, 6]);
    expect(await store.get('users', 't1', 'o1')).toEqual({
      id: 'o1',
      pk: 't1',
      version: 'vu',
      data: { role: 'org_admin' },
    });
    const page = await store.query<{ n: number }>('generations', {
      pk: 't1',
      where: [
        { field: 'owner.oid', op: '=', value: 'o1' },
        { field: 'deletedAt', op: '=', value: null },
      ],
      orderBy: { field: 'createdKey', direction: 'desc' },
      limit: 20,
    });
    expect(page.items.map((d) => [d.id, d.version, d.data.n])).toEqual(
      Array.from({ length: 20 }, (_, k) => [`g${29 - k}`, `v${29 - k}`, 29 - k]),
    );
    // The key still refuses a second document with the same coll, pk and id.
    expect(await store.create('users', 't1', 'o1', { role: 'x' })).toBeNull();
  } finally {
    await store.close();
  }
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const schema = db.prepare("SELECT name, sql FROM sqlite_schema WHERE tbl_name = 'docs'").all() as {
      name: string;
      sql: string | null;
    }[];
    expect(schema.find((s) => s.name === 'docs')!.sql).not.toMatch(/WITHOUT ROWID/i);
    expect(schema.map((s) => s.name).sort()).toEqual(
      [
        'docs',
        'docs_by_id',
        'generations_by_owner_live',
        'generations_by_reuse_key',
        'generations_by_status',
        'approvals_by_status',
        'sqlite_autoindex_docs_1',
      ].sort(),
    );
  } finally {
    db.close();
  }
});

it('lists documents that behave like plain ones, whose bodies are parsed only when read', async () => {
  const store = new SqliteStore(join(dir, 'lazy.db'));
  try {
    await store.create('meta', 'p', 'a', { n: 1, nested: { s: 'x' } });
    const [doc] = (await store.query<{ n: number; nested: { s: string } }>('meta', { pk: 'p', limit: 5 }))
      .items;
    const plain = { id: 'a', pk: 'p', version: doc!.version, data: { n: 1, nested: { s: 'x' } } };
    expect(Object.keys(doc!)).toEqual(['id', 'pk', 'version', 'data']);
    expect({ ...doc }).toEqual(plain);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(plain);
    expect(structuredClone(doc)).toEqual(plain);
    expect(doc!.data).toBe(doc!.data); // parsed once
    doc!.data = { n: 2, nested: { s: 'y' } };
    expect({ ...doc }).toEqual({ ...plain, data: { n: 2, nested: { s: 'y' } } });
  } finally {
    await store.close();
  }
});

/** Runs `requests` on a real host and returns SQLite's plan for each generations query they made. */
async function generationQueryPlans(
  requests: (host: Awaited<ReturnType<typeof startTestHost>>, token: string) => Promise<void>,
): Promise<{ sql: string; params: SQLInputValue[]; plan: string }[]> {
  // The statements the store really builds: the host runs the requests, a listener on its database records
  // each query with its parameters, and SQLite explains them.
  const host = await startTestHost();
  const seen: { sql: string; params: SQLInputValue[] }[] = [];
  const db = (host.store as unknown as { db: DatabaseSync }).db;
  const prepare = db.prepare.bind(db);
  db.prepare = (sql: string) => {
    const statement = prepare(sql);
    const all = statement.all.bind(statement) as (...params: SQLInputValue[]) => unknown[];
    Object.assign(statement, {
      all: (...params: SQLInputValue[]) => (seen.push({ sql, params }), all(...params)),
    });
    return statement;
  };
  try {
    await requests(host, await host.token('alice'));
    const reader = new DatabaseSync(join(host.dataDir, 'donatello.db'), { readOnly: true });
    try {
      return seen
        .filter((q) => q.sql.includes(collectionIs('generations')))
        .map(({ sql, params }) => ({
          sql,
          params,
          plan: reader
            .prepare(`EXPLAIN QUERY PLAN ${sql}`)
            .all(...params)
            .map((r) => String((r as { detail: unknown }).detail))
            .join('\n'),
        }));
    } finally {
      reader.close();
    }
  } finally {
    await host.stop();
  }
}

it("reads one person's undeleted generations newest first through the owner index, without sorting", async () => {
  const gallery = await generationQueryPlans(async (host, token) => {
    expect((await host.call('GET', '/api/v1/generations', { token })).status).toBe(200);
    expect((await host.call('GET', '/api/v1/generations?q=koala', { token })).status).toBe(200);
  });
  expect(gallery).toHaveLength(2);
  expect(gallery[1]!.params).toContain('koala'); // the search really is in the second one
  for (const { sql, plan } of gallery) {
    // The index holds `deletedAt` too, so SQLite does not parse each candidate's body to test it.
    expect(plan, sql).toMatch(/generations_by_owner_live \(coll=\? AND pk=\? AND <expr>=\? AND <expr>=\?\)/);
    expect(plan, sql).not.toMatch(/TEMP B-TREE/);
  }
});

it("finds a quote's earlier result through the reuse index, not by reading the tenant's generations", async () => {
  const lookups = await generationQueryPlans(async (host, token) => {
    const quote = await host.call('POST', '/api/v1/estimates', { token, body: { prompt: 'a koala' } });
    expect(quote.status).toBe(200);
  });
  expect(lookups).toHaveLength(1);
  expect(lookups[0]!.plan).toContain('generations_by_reuse_key');
  expect(lookups[0]!.plan).not.toMatch(/TEMP B-TREE|PRIMARY KEY/);
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

it.each([
  // The statement SqliteStore.query writes for the job sweeper (generations/worker.ts)…
  { coll: 'generations', status: 'queued', field: 'createdAt', index: 'generations_by_status' },
  // …and for the approval sweeper (approvals/settle.ts).
  { coll: 'approvals', status: 'pending', field: 'expiresAt', index: 'approvals_by_status' },
] as const)(
  'finds $coll by status through $index, not by reading every document of the collection',
  async ({ coll, status, field, index }) => {
    const file = join(dir, `status-plan-${coll}.db`);
    await new SqliteStore(file).close();
    const db = new DatabaseSync(file);
    try {
      const params: SQLInputValue[] = [];
      const where = whereClause(
        [
          { field: 'status', op: '=', value: status },
          { field, op: '<', value: '2026-01-01T00:00:00.000Z' },
        ],
        params,
      );
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT pk, id, version, body FROM docs WHERE ${collectionIs(coll)} AND ${where.join(' AND ')}
           ORDER BY id ASC LIMIT ?`,
        )
        .all(...params, 21)
        .map((r) => String((r as { detail: unknown }).detail))
        .join('\n');
      expect(plan).toContain(index);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    } finally {
      db.close();
    }
  },
);

it('keeps documents of other collections out of the generation indexes (partial indexes)', async () => {
  const file = join(dir, 'partial.db');
  const store = new SqliteStore(file);
  try {
    await store.create('audit', 't', 'a1', { status: 'queued', owner: { oid: 'o' } });
    await store.create('generations', 't', 'g1', { status: 'queued', owner: { oid: 'o' }, createdKey: 'k' });
  } finally {
    await store.close();
  }
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    for (const index of ['generations_by_status', 'generations_by_owner_live', 'generations_by_reuse_key']) {
      const row = db
        .prepare(`SELECT count(*) AS n FROM docs INDEXED BY ${index} WHERE coll = 'generations'`)
        .get();
      expect((row as { n: number }).n, index).toBe(1);
    }
    const all = db.prepare('SELECT count(*) AS n FROM docs').get() as { n: number };
    expect(all.n).toBeGreaterThanOrEqual(2);
  } finally {
    db.close();
  }
});
