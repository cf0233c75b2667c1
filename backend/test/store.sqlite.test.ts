import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { afterAll, expect, it } from 'vitest';
import { SqliteStore } from '../src/adapters/sqlite/sqlite-store.ts';
import { MIGRATIONS } from '../src/adapters/sqlite/migrations.ts';
import { storeContract } from './store-contract.ts';
import { startTestHost } from './support/host.ts';

const dir = mkdtempSync(join(tmpdir(), 'donatello-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeContract('sqlite', async () => new SqliteStore(join(dir, 'contract.db')), { serialises: true });

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
  // The statements the store really builds for the gallery, /history and "Find image": the host runs the
  // requests, a listener on its database records each query with its parameters, and SQLite explains them.
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
    const alice = await host.token('alice');
    expect((await host.call('GET', '/api/v1/generations', { token: alice })).status).toBe(200);
    expect((await host.call('GET', '/api/v1/generations?q=koala', { token: alice })).status).toBe(200);
    const gallery = seen.filter((q) => q.params[0] === 'generations');
    expect(gallery).toHaveLength(2);
    expect(gallery[1]!.params).toContain('koala'); // the search really is in the second one
    const reader = new DatabaseSync(join(host.dataDir, 'donatello.db'), { readOnly: true });
    try {
      for (const { sql, params } of gallery) {
        const plan = reader
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all(...params)
          .map((r) => String((r as { detail: unknown }).detail))
          .join('\n');
        expect(plan, sql).toContain('docs_by_owner_created');
        expect(plan, sql).not.toMatch(/TEMP B-TREE/);
      }
    } finally {
      reader.close();
    }
  } finally {
    await host.stop();
  }
});
