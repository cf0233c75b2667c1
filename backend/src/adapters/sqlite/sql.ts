// Translation of the store port's conditions and orderings into SQLite expressions over the JSON body.
import type { SQLInputValue } from 'node:sqlite';
import {
  COLLECTIONS,
  type Collection,
  checkFieldPath,
  checkPath,
  decodeCursor,
  type Query,
  type Change,
  type Condition,
  type Guard,
  type Precondition,
  type Scalar,
} from '../../ports/store.ts';

/**
 * `coll = 'generations'`: the collection as a literal, not a bound parameter, because SQLite uses a partial index
 * (migration 5) only when the query's own text implies the index's `WHERE coll = '…'`. Safe to inline: the name
 * is checked against the fixed list.
 */
export function collectionIs(coll: Collection): string {
  if (!COLLECTIONS.includes(coll)) throw new Error(`unknown collection ${String(coll)}`);
  return `coll = '${coll}'`;
}

export function fieldExpr(field: string): string {
  if (field === 'id' || field === 'pk') return field;
  checkFieldPath(field);
  return `json_extract(body, '$.${field}')`;
}

export function bind(v: Scalar): SQLInputValue {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

/**
 * A query's value placeholder: `+?`, never a bare `?`. With a bare `?` compared to an indexed expression, or
 * to a column of an index that also holds expressions, SQLite takes the parameter for one whose value may
 * change the plan and re-prepares the statement (parse, plan, code) on every run with new values: most of what
 * a gallery page's query cost. The unary plus changes neither the value nor how it compares (a parameter has
 * no affinity either way), and the index is still used. A bound `LIMIT` does the same, so a limit goes into
 * the SQL text as a checked integer (statements.test.ts).
 */
export const VALUE = '+?';

export function whereClause(conditions: Condition[], params: SQLInputValue[]): string[] {
  return conditions.map((c) => {
    const expr = fieldExpr(c.field);
    if (c.value === null) {
      if (c.op === '=') return `${expr} IS NULL`;
      if (c.op === '!=') return `${expr} IS NOT NULL`;
    }
    if (c.op === 'contains') {
      params.push(String(c.value));
      return `instr(lower(${expr}), lower(${VALUE})) > 0`;
    }
    params.push(bind(c.value));
    return c.op === '!=' ? `(${expr} IS NULL OR ${expr} != ${VALUE})` : `${expr} ${c.op} ${VALUE}`;
  });
}

/** The store port's `query` as one SELECT, asking for one row more than `limit` to know whether a page follows. */
export function queryStatement(
  coll: Collection,
  q: Query,
  limit: number,
): { sql: string; params: SQLInputValue[]; orderField: string } {
  const params: SQLInputValue[] = [];
  const conds = scope(coll, q, params);
  const order = q.orderBy ?? { field: 'id', direction: 'asc' as const };
  const orderExpr = fieldExpr(order.field);
  if (q.cursor) {
    conds.push(`${orderExpr} ${order.direction === 'asc' ? '>' : '<'} ${VALUE}`);
    params.push(bind(decodeCursor(q.cursor)));
  }
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`bad page limit ${limit}`);
  // The ordering value comes back as a column too, so the cursor need not parse the last body (documents.ts).
  const sql = `SELECT pk, id, version, body, ${orderExpr} AS ord FROM docs WHERE ${conds.join(' AND ')}
      ORDER BY ${orderExpr} ${order.direction === 'asc' ? 'ASC' : 'DESC'} LIMIT ${limit + 1}`;
  return { sql, params, orderField: order.field };
}

export function countStatement(
  coll: Collection,
  q: Pick<Query, 'pk' | 'where'>,
): { sql: string; params: SQLInputValue[] } {
  const params: SQLInputValue[] = [];
  const conds = scope(coll, q, params);
  return { sql: `SELECT count(*) AS n FROM docs WHERE ${conds.join(' AND ')}`, params };
}

/** The collection, the partition if given, and the conditions. */
function scope(coll: Collection, q: Pick<Query, 'pk' | 'where'>, params: SQLInputValue[]): string[] {
  const conds = [collectionIs(coll)];
  if (q.pk !== undefined) {
    conds.push(`pk = ${VALUE}`);
    params.push(q.pk);
  }
  conds.push(...whereClause(q.where ?? [], params));
  return conds;
}

/** `sum(fields after the increment) <= / >= bound`, as SQL over the row being updated. */
export function guardClause(g: Guard, deltas: Record<string, number>, params: SQLInputValue[]): string[] {
  const sum = g.fields.map(fieldExpr).join(' + ');
  const add = g.fields.reduce((acc, f) => acc + (deltas[f] ?? 0), 0);
  const out: string[] = [];
  if (g.atMost !== undefined) {
    if (typeof g.atMost === 'number') {
      params.push(add, g.atMost);
      out.push(`(${sum} + ?) <= ?`);
    } else {
      params.push(add);
      out.push(`(${sum} + ?) <= ${fieldExpr(g.atMost.field)}`);
    }
  }
  if (g.atLeast !== undefined) {
    params.push(add, g.atLeast);
    out.push(`(${sum} + ?) >= ?`);
  }
  return out;
}

/** `res.5f0c-…` -> `$."res"."5f0c-…"` (quoted keys: segments may contain hyphens). Bound as a parameter. */
export const jsonPath = (path: string) =>
  `$${checkPath(path)
    .map((s) => `."${s}"`)
    .join('')}`;

/**
 * The store port's `update` as one UPDATE … RETURNING. Every expression reads the row as it was, so the
 * change and its conditions are one atomic step. Paths travel as parameters: the SQL text depends only on
 * how many counters, paths and conditions there are, so the prepared statement is reused.
 */
export function updateStatement(
  key: { coll: string; pk: string; id: string },
  version: string,
  change: Change,
  when: Precondition,
): { sql: string; params: SQLInputValue[]; nonNumeric: { sql: string; params: SQLInputValue[] } | null } {
  const setParams: SQLInputValue[] = [];
  let body = 'body';
  for (const [f, d] of Object.entries(change.incr ?? {})) {
    const p = jsonPath(f);
    setParams.push(p, p, d);
    body = `json_set(${body}, ?, coalesce(json_extract(body, ?), 0) + ?)`;
  }
  for (const [p, v] of Object.entries(change.set ?? {})) {
    setParams.push(jsonPath(p), JSON.stringify(v));
    body = `json_set(${body}, ?, json(?))`;
  }
  for (const p of change.remove ?? []) {
    setParams.push(jsonPath(p));
    body = `json_remove(${body}, ?)`;
  }
  const whereParams: SQLInputValue[] = [key.coll, key.pk, key.id];
  const conds = (when.guards ?? []).flatMap((g) => guardClause(g, change.incr ?? {}, whereParams));
  // Like Cosmos DB, adding to a value that is not a number fails instead of silently replacing it.
  const counters = Object.keys(change.incr ?? {}).map(jsonPath);
  for (const p of counters) {
    whereParams.push(p);
    conds.push(NUMERIC_OR_ABSENT);
  }
  for (const p of when.exists ?? []) {
    whereParams.push(jsonPath(p));
    conds.push('json_type(body, ?) IS NOT NULL');
  }
  for (const p of when.absent ?? []) {
    whereParams.push(jsonPath(p));
    conds.push('json_type(body, ?) IS NULL');
  }
  const sql = `UPDATE docs SET version = ?, body = ${body}
    WHERE coll = ? AND pk = ? AND id = ?${conds.map((c) => ` AND ${c}`).join('')}
    RETURNING pk, id, version, body`;
  const nonNumeric =
    counters.length === 0
      ? null
      : {
          sql: `SELECT 1 FROM docs WHERE coll = ? AND pk = ? AND id = ? AND NOT (${counters.map(() => NUMERIC_OR_ABSENT).join(' AND ')})`,
          params: [key.coll, key.pk, key.id, ...counters],
        };
  return { sql, params: [version, ...setParams, ...whereParams], nonNumeric };
}

const NUMERIC_OR_ABSENT = "coalesce(json_type(body, ?), 'null') IN ('integer', 'real', 'null')";
