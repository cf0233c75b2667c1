// The store port (DESIGN §8): a small document store with the atomic primitives every money and workflow rule
// is built on. Adapters: SQLite (embedded default) and Cosmos DB for NoSQL. One contract suite
// (backend/test/store-contract.ts) holds both to the same behaviour.

/** Every collection the product keeps. Adding one is a code change so each adapter can prepare for it. */
export const COLLECTIONS = [
  'departments',
  'users',
  'budgets',
  'generations',
  'approvals',
  'audit',
  'jobs',
  'idempotency',
  'conversations',
  'cards',
  'ratelimits',
  'meta',
] as const;
export type Collection = (typeof COLLECTIONS)[number];

/** Fields are plain JSON. `id` and `pk` live beside the data, never inside it. */
export type DocData = Record<string, unknown>;

export interface Versioned<T extends DocData = DocData> {
  id: string;
  /** Partition key: documents that change together share one. */
  pk: string;
  /** Opaque; changes on every write. Pass it back to `replace` for compare-and-set. */
  version: string;
  data: T;
}

/**
 * A bound checked atomically with an increment, on the values after the increment:
 * `sum(fields) <= atMost` and/or `sum(fields) >= atLeast`. `atMost` may name another numeric field of the same
 * document. Counter and guard fields are lowercase identifiers (`spent`, `reserved`, `cap`) so that every
 * adapter can evaluate them the same way.
 */
export interface Guard {
  fields: string[];
  atMost?: number | { field: string };
  atLeast?: number;
}

/**
 * A change applied to one document in one atomic step: add to counters, set values at paths, remove paths.
 * Paths are dotted lowercase segments (`res.5f0c…`, `alerted.80`).
 */
export interface Change {
  incr?: Record<string, number>;
  set?: Record<string, unknown>;
  remove?: string[];
}

/** Conditions checked atomically with a change: guards on counters, paths that must or must not exist. */
export interface Precondition {
  guards?: Guard[];
  exists?: string[];
  absent?: string[];
}

/** One write of a `transact`. */
export type TransactWrite<T extends DocData = DocData> =
  | { op: 'create'; id: string; data: T }
  | { op: 'replace'; id: string; data: T; ifVersion: string }
  | { op: 'delete'; id: string; ifVersion?: string };

/** What each write left (null for a delete), or the index of the first write whose condition failed. */
export type TransactResult<T extends DocData> =
  { ok: true; docs: (Versioned<T> | null)[] } | { ok: false; failed: number };

export type IncrementResult<T extends DocData> =
  { ok: true; doc: Versioned<T> } | { ok: false; reason: 'guard' | 'missing' };

export type Scalar = string | number | boolean | null;
export interface Condition {
  /** A top-level or dotted field name, such as `status` or `budget.mode`. */
  field: string;
  op: '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains';
  value: Scalar;
}

export interface Query {
  /** Restrict to one partition; omitted means a cross-partition query. */
  pk?: string;
  where?: Condition[];
  /** Order by one field whose values are unique within the result (defaults to `id`); the cursor keys on it. */
  orderBy?: { field: string; direction: 'asc' | 'desc' };
  limit?: number;
  cursor?: string | null;
}

export interface Page<T extends DocData> {
  items: Versioned<T>[];
  nextCursor: string | null;
}

export interface DocumentStore {
  readonly kind: 'sqlite' | 'cosmos';
  get<T extends DocData>(coll: Collection, pk: string, id: string): Promise<Versioned<T> | null>;
  /** Create-if-absent. Returns null when a document with this id already exists in the partition. */
  create<T extends DocData>(coll: Collection, pk: string, id: string, data: T): Promise<Versioned<T> | null>;
  /**
   * Applies several writes to one partition of one collection in one atomic step: all of them, or none when
   * any fails its condition (a create whose id is taken, a replace or delete whose document is missing or not
   * at `ifVersion`); then `failed` is the index of the first such write. 1 to MAX_TRANSACT writes (Cosmos DB:
   * one transactional batch). Put the write that may fail first: the Cosmos test server stops at a failed write
   * but does not undo the ones before it.
   */
  transact<T extends DocData>(
    coll: Collection,
    pk: string,
    writes: TransactWrite<T>[],
  ): Promise<TransactResult<T>>;
  /** Compare-and-set. Returns null when the document is missing or its version is not `ifVersion`. */
  replace<T extends DocData>(
    coll: Collection,
    pk: string,
    id: string,
    data: T,
    ifVersion: string,
  ): Promise<Versioned<T> | null>;
  /** Unconditional write; for data whose last writer may win (conversation references, caches). */
  upsert<T extends DocData>(coll: Collection, pk: string, id: string, data: T): Promise<Versioned<T>>;
  /** Adds `deltas` to numeric fields in one atomic step, only when every guard holds afterwards. */
  increment<T extends DocData>(
    coll: Collection,
    pk: string,
    id: string,
    deltas: Record<string, number>,
    guards?: Guard[],
  ): Promise<IncrementResult<T>>;
  /**
   * Applies `change` in one atomic step when every precondition holds (else `guard`). Cosmos DB allows at
   * most 10 operations in one change.
   */
  update<T extends DocData>(
    coll: Collection,
    pk: string,
    id: string,
    change: Change,
    when?: Precondition,
  ): Promise<IncrementResult<T>>;
  /** Deletes; with `ifVersion`, only that version. Returns whether something was deleted. */
  delete(coll: Collection, pk: string, id: string, ifVersion?: string): Promise<boolean>;
  query<T extends DocData>(coll: Collection, query: Query): Promise<Page<T>>;
  count(coll: Collection, query: Pick<Query, 'pk' | 'where'>): Promise<number>;
  /** Throws when the store cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const COUNTER_FIELD = /^[a-z][a-z0-9_]{0,62}$/;
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]{0,62}(\.[A-Za-z_][A-Za-z0-9_]{0,62}){0,4}$/;
const RESERVED = new Set(['id', 'pk']);

export class StoreUsageError extends Error {
  override name = 'StoreUsageError';
}

/** Shared checks so both adapters refuse the same bad calls before touching storage. */
export function checkCounterFields(deltas: Record<string, number>, guards: Guard[]): void {
  const names = [
    ...Object.keys(deltas),
    ...guards.flatMap((g) => [...g.fields, ...(typeof g.atMost === 'object' ? [g.atMost.field] : [])]),
  ];
  for (const n of names) {
    if (!COUNTER_FIELD.test(n) || RESERVED.has(n)) throw new StoreUsageError(`bad counter field "${n}"`);
  }
  for (const v of Object.values(deltas)) {
    if (!Number.isSafeInteger(v)) throw new StoreUsageError('increments are safe integers');
  }
  for (const g of guards) {
    if (g.fields.length === 0) throw new StoreUsageError('a guard needs fields');
    if (g.atMost === undefined && g.atLeast === undefined) throw new StoreUsageError('a guard needs a bound');
    for (const b of [g.atMost, g.atLeast]) {
      if (typeof b === 'number' && !Number.isSafeInteger(b)) throw new StoreUsageError('bounds are integers');
    }
  }
}

const PATH_SEGMENT = /^[a-z0-9_][a-z0-9_-]{0,63}$/;
export const MAX_CHANGE_OPS = 10;

/** Paths of `update`: lowercase segments (Cosmos DB patch paths and conditions), never `id` or `pk`. */
export function checkPath(path: string): string[] {
  const segs = path.split('.');
  if (segs.length > 4 || segs.some((s) => !PATH_SEGMENT.test(s)) || RESERVED.has(segs[0]!)) {
    throw new StoreUsageError(`bad path "${path}"`);
  }
  return segs;
}

export function checkChange(change: Change, when: Precondition = {}): void {
  checkCounterFields(change.incr ?? {}, when.guards ?? []);
  const paths = [...Object.keys(change.set ?? {}), ...(change.remove ?? [])];
  paths.forEach(checkPath);
  [...(when.exists ?? []), ...(when.absent ?? [])].forEach(checkPath);
  if (new Set(paths).size !== paths.length) throw new StoreUsageError('a path is changed twice');
  const ops = Object.keys(change.incr ?? {}).length + paths.length;
  if (ops === 0 || ops > MAX_CHANGE_OPS)
    throw new StoreUsageError(`a change has 1-${MAX_CHANGE_OPS} operations`);
}

export function checkFieldPath(field: string): void {
  if (!FIELD_PATH.test(field)) throw new StoreUsageError(`bad field "${field}"`);
}

export function checkData(data: DocData): void {
  for (const k of Object.keys(data)) {
    if (RESERVED.has(k) || k.startsWith('_')) throw new StoreUsageError(`"${k}" is reserved`);
  }
}

export function checkKey(pk: string, id: string): void {
  for (const [what, v] of [
    ['pk', pk],
    ['id', id],
  ] as const) {
    // Cosmos DB forbids / \ ? # in ids; keep every adapter to the same rule.
    if (v.length === 0 || v.length > 255 || /[/\\?#]/.test(v))
      throw new StoreUsageError(`bad ${what} "${v}"`);
  }
}

export const MAX_PAGE = 200;
/** Cosmos DB runs at most 100 operations in one transactional batch. */
export const MAX_TRANSACT = 100;

/** Shared checks of a `transact` call, so both adapters refuse the same bad calls. */
export function checkTransact(pk: string, writes: TransactWrite[]): void {
  if (writes.length === 0 || writes.length > MAX_TRANSACT)
    throw new StoreUsageError(`a transaction has 1-${MAX_TRANSACT} writes`);
  const ids = new Set<string>();
  for (const w of writes) {
    checkKey(pk, w.id);
    if (w.op !== 'delete') checkData(w.data);
    if (ids.has(w.id)) throw new StoreUsageError(`a transaction writes "${w.id}" twice`);
    ids.add(w.id);
  }
}

export function pageLimit(limit: number | undefined): number {
  const n = limit ?? 50;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw new StoreUsageError(`limit must be 1-${MAX_PAGE}`);
  return n;
}

/** Cursors are opaque to callers: the last order-by value, base64url JSON. */
export function encodeCursor(last: Scalar): string {
  return Buffer.from(JSON.stringify({ v: last })).toString('base64url');
}

export function decodeCursor(cursor: string): Scalar {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown };
    const v = parsed.v;
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) return v as Scalar;
  } catch {
    // fall through
  }
  throw new StoreUsageError('bad cursor');
}

/** Reads a dotted field path from plain data, for the adapters' cursors. */
export function readPath(data: DocData & { id?: string }, field: string): Scalar {
  let cur: unknown = data;
  for (const part of field.split('.')) {
    if (cur === null || typeof cur !== 'object') return null;
    cur = (cur as Record<string, unknown>)[part];
  }
  return (cur ?? null) as Scalar;
}
