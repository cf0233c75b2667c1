// Store adapter on node:sqlite (the embedded default). Each primitive is one SQL statement, so it is atomic
// on its own; WAL and a busy timeout let several processes share one file safely. Reads run on this thread's
// own connection; writes go to a writer thread (writer.ts) that commits the writes arriving together in one
// transaction (group commit, write-queue.ts). What a reader must not break: a write resolves only after the
// transaction holding it has committed with `synchronous = FULL`, so every acknowledged write is durable.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import {
  checkChange,
  checkData,
  checkKey,
  encodeCursor,
  checkTransact,
  pageLimit,
  type Change,
  type Collection,
  type Precondition,
  type DocData,
  type DocumentStore,
  type Guard,
  type IncrementResult,
  type Page,
  type Query,
  type TransactResult,
  type TransactWrite,
  type Versioned,
} from '../../ports/store.ts';
import { lazyDoc, orderValue, toDoc, type OrderedRow } from './documents.ts';
import { migrate } from './migrations.ts';
import { countStatement, queryStatement, updateStatement } from './sql.ts';
import type { Row, Step, WriteOp, WriteResult } from './write-ops.ts';
import { WriteQueue, type WriteStats } from './write-queue.ts';

const INSERT = 'INSERT INTO docs (coll, pk, id, version, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING';
const EXISTS = 'SELECT 1 FROM docs WHERE coll = ? AND pk = ? AND id = ?';
const REPLACE = 'UPDATE docs SET body = ?, version = ? WHERE coll = ? AND pk = ? AND id = ? AND version = ?';
const DELETE = 'DELETE FROM docs WHERE coll = ? AND pk = ? AND id = ?';
const MAX_STATEMENTS = 200;

const changes = (r: WriteResult) => ('changes' in r ? r.changes : 0);

export class SqliteStore implements DocumentStore {
  readonly kind = 'sqlite' as const;
  /** This thread's connection: reads and migrations only. */
  private readonly db: DatabaseSync;
  private readonly writes: WriteQueue;
  private readonly statements = new Map<string, StatementSync>();
  /** Versions are unique without a random draw per write: a random prefix per store, then a counter. */
  private readonly versionPrefix = randomBytes(6).toString('hex');
  private versionCounter = 0;
  readonly appliedMigrations: number[];

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseSync(path);
    this.db.exec('PRAGMA busy_timeout = 10000');
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec('PRAGMA synchronous = FULL');
    this.db.exec('PRAGMA foreign_keys = ON');
    this.appliedMigrations = migrate(this.db);
    this.writes = new WriteQueue(path);
  }

  /** How the writes were grouped so far (for benchmarks and tests). */
  get writeStats(): WriteStats {
    return { ...this.writes.stats };
  }

  /** The writer connection's durability settings: `synchronous` 2 is FULL. */
  writerSettings(): Promise<{ synchronous: number; journalMode: string }> {
    return this.writes.settings();
  }

  private newVersion(): string {
    return `${this.versionPrefix}${(++this.versionCounter).toString(36)}`;
  }

  private prepared(sql: string): StatementSync {
    let s = this.statements.get(sql);
    if (!s) {
      if (!this.db.isOpen) throw new Error('the store is closed');
      if (this.statements.size >= MAX_STATEMENTS) this.statements.clear();
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  async get<T extends DocData>(coll: Collection, pk: string, id: string): Promise<Versioned<T> | null> {
    checkKey(pk, id);
    const row = this.prepared(
      'SELECT pk, id, version, body FROM docs WHERE coll = ? AND pk = ? AND id = ?',
    ).get(coll, pk, id) as Row | undefined;
    return row ? toDoc<T>(row) : null;
  }

  async create<T extends DocData>(
    coll: Collection,
    pk: string,
    id: string,
    data: T,
  ): Promise<Versioned<T> | null> {
    checkKey(pk, id);
    checkData(data);
    const version = this.newVersion();
    const r = await this.writes.write({
      kind: 'changes',
      sql: INSERT,
      params: [coll, pk, id, version, JSON.stringify(data)],
    });
    return changes(r) === 1 ? { id, pk, version, data } : null;
  }

  async transact<T extends DocData>(
    coll: Collection,
    pk: string,
    writes: TransactWrite<T>[],
  ): Promise<TransactResult<T>> {
    checkTransact(pk, writes);
    const steps: Step[] = [];
    const docs = writes.map((w) => {
      if (w.op === 'delete') {
        steps.push(
          w.ifVersion === undefined
            ? { sql: DELETE, params: [coll, pk, w.id] }
            : { sql: `${DELETE} AND version = ?`, params: [coll, pk, w.id, w.ifVersion] },
        );
        return null;
      }
      const version = this.newVersion();
      const body = JSON.stringify(w.data);
      steps.push(
        w.op === 'create'
          ? { sql: INSERT, params: [coll, pk, w.id, version, body] }
          : { sql: REPLACE, params: [body, version, coll, pk, w.id, w.ifVersion] },
      );
      return { id: w.id, pk, version, data: w.data };
    });
    const r = await this.writes.write({ kind: 'all', steps });
    if (!('all' in r)) throw new Error('unexpected answer from the SQLite writer');
    return r.all ? { ok: true, docs } : { ok: false, failed: r.failed };
  }

  async replace<T extends DocData>(
    coll: Collection,
    pk: string,
    id: string,
    data: T,
    ifVersion: string,
  ): Promise<Versioned<T> | null> {
    checkKey(pk, id);
    checkData(data);
    const version = this.newVersion();
    const r = await this.writes.write({
      kind: 'changes',
      sql: REPLACE,
      params: [JSON.stringify(data), version, coll, pk, id, ifVersion],
    });
    return changes(r) === 1 ? { id, pk, version, data } : null;
  }

  async upsert<T extends DocData>(coll: Collection, pk: string, id: string, data: T): Promise<Versioned<T>> {
    checkKey(pk, id);
    checkData(data);
    const version = this.newVersion();
    await this.writes.write({
      kind: 'changes',
      sql: `INSERT INTO docs (coll, pk, id, version, body) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (coll, pk, id) DO UPDATE SET body = excluded.body, version = excluded.version`,
      params: [coll, pk, id, version, JSON.stringify(data)],
    });
    return { id, pk, version, data };
  }

  async increment<T extends DocData>(
    coll: Collection,
    pk: string,
    id: string,
    deltas: Record<string, number>,
    guards: Guard[] = [],
  ): Promise<IncrementResult<T>> {
    return this.update<T>(coll, pk, id, { incr: deltas }, { guards });
  }

  async update<T extends DocData>(
    coll: Collection,
    pk: string,
    id: string,
    change: Change,
    when: Precondition = {},
  ): Promise<IncrementResult<T>> {
    checkKey(pk, id);
    checkChange(change, when);
    const op: WriteOp = {
      kind: 'update',
      ...updateStatement({ coll, pk, id }, this.newVersion(), change, when),
      exists: { sql: EXISTS, params: [coll, pk, id] },
    };
    const r = await this.writes.write(op);
    if (!('row' in r)) throw new Error('unexpected answer from the SQLite writer');
    if (r.row) return { ok: true, doc: toDoc<T>(r.row) };
    return { ok: false, reason: r.exists ? 'guard' : 'missing' };
  }

  async delete(coll: Collection, pk: string, id: string, ifVersion?: string): Promise<boolean> {
    checkKey(pk, id);
    const r = await this.writes.write(
      ifVersion === undefined
        ? { kind: 'changes', sql: DELETE, params: [coll, pk, id] }
        : { kind: 'changes', sql: `${DELETE} AND version = ?`, params: [coll, pk, id, ifVersion] },
    );
    return changes(r) === 1;
  }

  async query<T extends DocData>(coll: Collection, q: Query): Promise<Page<T>> {
    const limit = pageLimit(q.limit);
    const { sql, params, orderField } = queryStatement(coll, q, limit);
    const rows = this.prepared(sql).all(...params) as unknown as OrderedRow[];
    const items = rows.slice(0, limit).map((r) => lazyDoc<T>(r));
    const last = items.at(-1);
    const nextCursor =
      rows.length > limit && last ? encodeCursor(orderValue(rows[limit - 1]!, last, orderField)) : null;
    return { items, nextCursor };
  }

  async count(coll: Collection, q: Pick<Query, 'pk' | 'where'>): Promise<number> {
    const { sql, params } = countStatement(coll, q);
    const row = this.prepared(sql).get(...params) as { n: number };
    return Number(row.n);
  }

  async ping(): Promise<void> {
    this.prepared('SELECT 1').get();
    if (!this.writes.isOpen) throw new Error('the SQLite writer is not running');
  }

  async close(): Promise<void> {
    await this.writes.close();
    this.statements.clear();
    if (this.db.isOpen) this.db.close();
  }
}
