import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { SqliteStore } from '../src/adapters/sqlite/sqlite-store.ts';
import { MIGRATIONS } from '../src/adapters/sqlite/migrations.ts';
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
