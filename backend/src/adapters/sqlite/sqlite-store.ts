// Store adapter on node:sqlite (the embedded default). Every write is one SQL statement, so each primitive is
// atomic on its own; WAL and a busy timeout let several processes share one file safely.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import {
  checkChange,
  checkPath,
  checkData,
  checkKey,
  decodeCursor,
  encodeCursor,
  pageLimit,
  readPath,
  type Change,
  type Collection,
  type Precondition,
  type DocData,
  type DocumentStore,
  type Guard,
  type IncrementResult,
  type Page,
  type Query,
  type Versioned,
} from '../../ports/store.ts';
import { migrate } from './migrations.ts';
import { bind, fieldExpr, guardClause, whereClause } from './sql.ts';

interface Row {
  pk: string;
  id: string;
  version: string;
  body: string;
}

const newVersion = () => randomBytes(8).toString('hex');

/** `res.5f0c-…` -> `$."res"."5f0c-…"` (quoted keys: segments may contain hyphens). */
const jsonPath = (path: string) =>
  `$${checkPath(path)
    .map((s) => `."${s}"`)
    .join('')}`;

export class SqliteStore implements DocumentStore {
  readonly kind = 'sqlite' as const;
  private readonly db: DatabaseSync;
  readonly appliedMigrations: number[];

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseSync(path);
    this.db.exec('PRAGMA busy_timeout = 10000');
    this.db.exec('PRAGMA journal_mode = WAL');
    // FULL: a committed reservation or charge survives power loss, not only a process crash.
    this.db.exec('PRAGMA synchronous = FULL');
    this.db.exec('PRAGMA foreign_keys = ON');
    this.appliedMigrations = migrate(this.db);
  }

  private toDoc<T extends DocData>(row: Row): Versioned<T> {
    return { id: row.id, pk: row.pk, version: row.version, data: JSON.parse(row.body) as T };
  }

  async get<T extends DocData>(coll: Collection, pk: string, id: string): Promise<Versioned<T> | null> {
    checkKey(pk, id);
    const row = this.db
      .prepare('SELECT pk, id, version, body FROM docs WHERE coll = ? AND pk = ? AND id = ?')
      .get(coll, pk, id) as Row | undefined;
    return row ? this.toDoc<T>(row) : null;
  }

  async create<T extends DocData>(
    coll: Collection,
    pk: string,
    id: string,
    data: T,
  ): Promise<Versioned<T> | null> {
    checkKey(pk, id);
    checkData(data);
    const version = newVersion();
    const res = this.db
      .prepare('INSERT INTO docs (coll, pk, id, version, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(coll, pk, id, version, JSON.stringify(data));
    return Number(res.changes) === 1 ? { id, pk, version, data } : null;
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
    const version = newVersion();
    const res = this.db
      .prepare('UPDATE docs SET body = ?, version = ? WHERE coll = ? AND pk = ? AND id = ? AND version = ?')
      .run(JSON.stringify(data), version, coll, pk, id, ifVersion);
    return Number(res.changes) === 1 ? { id, pk, version, data } : null;
  }

  async upsert<T extends DocData>(coll: Collection, pk: string, id: string, data: T): Promise<Versioned<T>> {
    checkKey(pk, id);
    checkData(data);
    const version = newVersion();
    this.db
      .prepare(
        `INSERT INTO docs (coll, pk, id, version, body) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (coll, pk, id) DO UPDATE SET body = excluded.body, version = excluded.version`,
      )
      .run(coll, pk, id, version, JSON.stringify(data));
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
    // Every expression reads the row as it was; together they are one UPDATE, so one atomic step.
    const setParams: SQLInputValue[] = [];
    let body = 'body';
    for (const [f, d] of Object.entries(change.incr ?? {})) {
      setParams.push(d);
      body = `json_set(${body}, '${jsonPath(f)}', coalesce(json_extract(body, '${jsonPath(f)}'), 0) + ?)`;
    }
    for (const [p, v] of Object.entries(change.set ?? {})) {
      setParams.push(JSON.stringify(v));
      body = `json_set(${body}, '${jsonPath(p)}', json(?))`;
    }
    for (const p of change.remove ?? []) body = `json_remove(${body}, '${jsonPath(p)}')`;
    const whereParams: SQLInputValue[] = [coll, pk, id];
    const conds = [
      ...(when.guards ?? []).flatMap((g) => guardClause(g, change.incr ?? {}, whereParams)),
      ...(when.exists ?? []).map((p) => `json_type(body, '${jsonPath(p)}') IS NOT NULL`),
      ...(when.absent ?? []).map((p) => `json_type(body, '${jsonPath(p)}') IS NULL`),
    ];
    const sql = `UPDATE docs SET version = ?, body = ${body}
      WHERE coll = ? AND pk = ? AND id = ?${conds.map((c) => ` AND ${c}`).join('')}
      RETURNING pk, id, version, body`;
    const row = this.db.prepare(sql).get(newVersion(), ...setParams, ...whereParams) as Row | undefined;
    if (row) return { ok: true, doc: this.toDoc<T>(row) };
    const exists = this.db
      .prepare('SELECT 1 FROM docs WHERE coll = ? AND pk = ? AND id = ?')
      .get(coll, pk, id);
    return { ok: false, reason: exists ? 'guard' : 'missing' };
  }

  async delete(coll: Collection, pk: string, id: string, ifVersion?: string): Promise<boolean> {
    checkKey(pk, id);
    const res =
      ifVersion === undefined
        ? this.db.prepare('DELETE FROM docs WHERE coll = ? AND pk = ? AND id = ?').run(coll, pk, id)
        : this.db
            .prepare('DELETE FROM docs WHERE coll = ? AND pk = ? AND id = ? AND version = ?')
            .run(coll, pk, id, ifVersion);
    return Number(res.changes) === 1;
  }

  async query<T extends DocData>(coll: Collection, q: Query): Promise<Page<T>> {
    const limit = pageLimit(q.limit);
    const params: SQLInputValue[] = [coll];
    const conds = ['coll = ?'];
    if (q.pk !== undefined) {
      conds.push('pk = ?');
      params.push(q.pk);
    }
    conds.push(...whereClause(q.where ?? [], params));
    const order = q.orderBy ?? { field: 'id', direction: 'asc' as const };
    const orderExpr = fieldExpr(order.field);
    if (q.cursor) {
      conds.push(`${orderExpr} ${order.direction === 'asc' ? '>' : '<'} ?`);
      params.push(bind(decodeCursor(q.cursor)));
    }
    const sql = `SELECT pk, id, version, body FROM docs WHERE ${conds.join(' AND ')}
      ORDER BY ${orderExpr} ${order.direction === 'asc' ? 'ASC' : 'DESC'} LIMIT ?`;
    const rows = this.db.prepare(sql).all(...params, limit + 1) as unknown as Row[];
    const items = rows.slice(0, limit).map((r) => this.toDoc<T>(r));
    const last = items.at(-1);
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor(order.field === 'id' ? last.id : readPath(last.data, order.field))
        : null;
    return { items, nextCursor };
  }

  async count(coll: Collection, q: Pick<Query, 'pk' | 'where'>): Promise<number> {
    const params: SQLInputValue[] = [coll];
    const conds = ['coll = ?'];
    if (q.pk !== undefined) {
      conds.push('pk = ?');
      params.push(q.pk);
    }
    conds.push(...whereClause(q.where ?? [], params));
    const row = this.db
      .prepare(`SELECT count(*) AS n FROM docs WHERE ${conds.join(' AND ')}`)
      .get(...params) as {
      n: number;
    };
    return Number(row.n);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
    return;
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
    return;
  }
}
