// Translation of the store port's conditions and orderings into SQLite expressions over the JSON body.
import type { SQLInputValue } from 'node:sqlite';
import { checkFieldPath, type Condition, type Guard, type Scalar } from '../../ports/store.ts';

export function fieldExpr(field: string): string {
  if (field === 'id' || field === 'pk') return field;
  checkFieldPath(field);
  return `json_extract(body, '$.${field}')`;
}

export function bind(v: Scalar): SQLInputValue {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

export function whereClause(conditions: Condition[], params: SQLInputValue[]): string[] {
  return conditions.map((c) => {
    const expr = fieldExpr(c.field);
    if (c.value === null) {
      if (c.op === '=') return `${expr} IS NULL`;
      if (c.op === '!=') return `${expr} IS NOT NULL`;
    }
    if (c.op === 'contains') {
      params.push(String(c.value));
      return `instr(lower(${expr}), lower(?)) > 0`;
    }
    params.push(bind(c.value));
    return c.op === '!=' ? `(${expr} IS NULL OR ${expr} != ?)` : `${expr} ${c.op} ?`;
  });
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
