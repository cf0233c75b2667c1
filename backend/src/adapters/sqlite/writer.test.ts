// The writer thread's batches, at the level of its messages: a write that fails part-way leaves nothing of itself
// and its neighbours commit. The writer relies on SQLite's statement atomicity for single statements (no
// savepoint each) and on a savepoint for multi-statement writes; these cases would catch either going wrong.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from './sqlite-store.ts';
import { WriteQueue } from './write-queue.ts';
import type { Step } from './write-ops.ts';

const dir = mkdtempSync(join(tmpdir(), 'donatello-writer-'));
const path = join(dir, 'store.db');
let store: SqliteStore;
let queue: WriteQueue;

beforeAll(() => {
  store = new SqliteStore(path); // creates the schema
  queue = new WriteQueue(path);
});
afterAll(async () => {
  await queue.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (...ids: string[]): Step => ({
  sql: `INSERT INTO docs (coll, pk, id, version, body) VALUES ${ids.map(() => "('meta', 'w', ?, '1', '{}')").join(', ')}`,
  params: ids,
});
const exists = async (id: string) => (await store.get('meta', 'w', id)) !== null;

describe('SQLite writer batches', () => {
  it('a statement that fails after changing a row leaves nothing; its neighbours commit', async () => {
    await queue.write({ kind: 'changes', ...insert('taken') });
    const results = await Promise.allSettled([
      queue.write({ kind: 'changes', ...insert('before') }),
      // Inserts `partial`, then hits the primary key of `taken`: the statement fails as a whole.
      queue.write({ kind: 'changes', ...insert('partial', 'taken') }),
      queue.write({ kind: 'changes', ...insert('after') }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(await exists('partial')).toBe(false);
    expect(await exists('before')).toBe(true);
    expect(await exists('after')).toBe(true);
  });

  it('a multi-statement write whose later statement fails or changes nothing leaves none of its statements', async () => {
    const results = await Promise.allSettled([
      queue.write({ kind: 'all', steps: [insert('all-1'), insert('taken')] }),
      queue.write({
        kind: 'all',
        steps: [
          insert('all-2'),
          { sql: "DELETE FROM docs WHERE coll = 'meta' AND pk = 'w' AND id = ?", params: ['absent'] },
        ],
      }),
      queue.write({ kind: 'all', steps: [insert('all-3'), insert('all-4')] }),
    ]);
    expect(results[0]?.status).toBe('rejected');
    expect(results[1]).toEqual({ status: 'fulfilled', value: { all: false, failed: 1 } });
    expect(results[2]).toEqual({ status: 'fulfilled', value: { all: true } });
    expect(await exists('all-1')).toBe(false);
    expect(await exists('all-2')).toBe(false);
    expect(await exists('all-3')).toBe(true);
    expect(await exists('all-4')).toBe(true);
  });
});
