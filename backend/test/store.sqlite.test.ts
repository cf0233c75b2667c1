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

storeContract('sqlite', async () => new SqliteStore(join(dir, 'contract.db')));

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
