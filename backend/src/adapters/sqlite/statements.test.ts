// The store's queries are prepared once and then only run: SQLite must never re-prepare them because their
// bound values changed. A bare `?` compared to a column or an indexed expression, or a bound LIMIT, makes SQLite
// re-plan the statement on every run with new values (sql.ts, VALUE). An authorizer sees every compilation,
// so it counts re-preparations without timing anything.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor, pageLimit, type Collection, type Query } from '../../ports/store.ts';
import { SqliteStore } from './sqlite-store.ts';
import { countStatement, queryStatement } from './sql.ts';

const dir = mkdtempSync(join(tmpdir(), 'donatello-statements-'));
let db: DatabaseSync;
let compilations = 0;

beforeAll(async () => {
  const path = join(dir, 'store.db');
  const store = new SqliteStore(path); // every migration, so every index the queries may use
  for (let i = 0; i < 30; i++) {
    await store.create('generations', 't1', `g${i}`, {
      owner: { oid: `o${i % 3}` },
      deletedAt: null,
      createdKey: `2026-12-01T00:00:${String(i).padStart(2, '0')}Z|g${i}`,
      status: i % 2 ? 'succeeded' : 'queued',
      dedupeKey: `d${i % 5}`,
      request: { prompt: `koala ${i}` },
    });
  }
  await store.close();
  db = new DatabaseSync(path);
  db.setAuthorizer(() => {
    compilations++;
    return 0; // SQLITE_OK
  });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Compilations while the statement runs once per set of values, after its first preparation. */
function recompilations(sql: string, runs: SQLInputValue[][]): number {
  const statement = db.prepare(sql);
  const before = compilations;
  for (const params of runs) statement.all(...params);
  return compilations - before;
}

/** The same, for statements built from calls that differ only in their values: their text must be one. */
function recompilationsOfBuilt(built: { sql: string; params: SQLInputValue[] }[]): number {
  // The same text every time (a statement the cache can keep), run with different values.
  expect(new Set(built.map((b) => b.sql)).size).toBe(1);
  return recompilations(
    built[0]!.sql,
    built.map((b) => b.params),
  );
}

const QUERIES: [string, Collection, (i: number) => Query][] = [
  [
    "a gallery page (owner's, live, newest first)",
    'generations',
    (i) => ({
      pk: 't1',
      where: [
        { field: 'owner.oid', op: '=', value: `o${i % 3}` },
        { field: 'deletedAt', op: '=', value: null },
      ],
      orderBy: { field: 'createdKey', direction: 'desc' },
      limit: 20,
    }),
  ],
  [
    'the next gallery page, searching prompts',
    'generations',
    (i) => ({
      pk: 't1',
      where: [
        { field: 'owner.oid', op: '=', value: 'o1' },
        { field: 'deletedAt', op: '=', value: null },
        { field: 'request.prompt', op: 'contains', value: `koala ${i}` },
      ],
      orderBy: { field: 'createdKey', direction: 'desc' },
      limit: 20,
      cursor: encodeCursor(`2026-12-01T00:00:${20 + i}Z`),
    }),
  ],
  [
    "a sweeper's page by status",
    'generations',
    (i) => ({ where: [{ field: 'status', op: '=', value: i % 2 ? 'queued' : 'running' }], limit: 50 }),
  ],
  [
    'a reuse lookup (dedupe key, not failed)',
    'generations',
    (i) => ({
      pk: 't1',
      where: [
        { field: 'dedupeKey', op: '=', value: `d${i}` },
        { field: 'status', op: '!=', value: 'failed' },
      ],
      limit: 1,
    }),
  ],
  ['users of a tenant, by id', 'users', (i) => ({ pk: `t${i}`, limit: 100 })],
];

describe('SQLite statements are never re-prepared for new values', () => {
  it.each(QUERIES)('%s', (_label, coll, query) => {
    const built = [0, 1, 2, 3].map((i) => queryStatement(coll, query(i), pageLimit(query(i).limit)));
    expect(recompilationsOfBuilt(built)).toBe(0);
  });

  it('counts too', () => {
    const built = [0, 1, 2].map((i) =>
      countStatement('generations', { pk: 't1', where: [{ field: 'owner.oid', op: '=', value: `o${i}` }] }),
    );
    expect(recompilationsOfBuilt(built)).toBe(0);
  });

  it('the check can fail: the gallery query with bare placeholders and a bound LIMIT is re-prepared', () => {
    const { sql, params } = queryStatement('generations', QUERIES[0]![2](0), 20);
    const bare = sql.replaceAll('+?', '?').replace(/LIMIT \d+/, 'LIMIT ?');
    const runs = [0, 1, 2].map((i) => [...params.slice(0, -1), `o${i}`, 21]);
    expect(recompilations(bare, runs)).toBeGreaterThan(0);
  });
});
