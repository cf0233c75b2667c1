// Translation of the store port's conditions into Cosmos DB SQL. Property access uses brackets
// (c["limit"]) so a field that is also a keyword still works; values always travel as parameters.
import type { SqlParameter } from '@azure/cosmos';
import {
  checkFieldPath,
  checkPath,
  type Condition,
  type Guard,
  type Precondition,
} from '../../ports/store.ts';

export function cosmosField(field: string): string {
  if (field !== 'id' && field !== 'pk') checkFieldPath(field);
  return `c${field
    .split('.')
    .map((p) => `["${p}"]`)
    .join('')}`;
}

export function cosmosWhere(conditions: Condition[], params: SqlParameter[]): string[] {
  return conditions.map((c) => {
    const expr = cosmosField(c.field);
    if (c.value === null) {
      if (c.op === '=') return `(NOT IS_DEFINED(${expr}) OR IS_NULL(${expr}))`;
      if (c.op === '!=') return `(IS_DEFINED(${expr}) AND NOT IS_NULL(${expr}))`;
    }
    const name = `@p${params.length}`;
    params.push({ name, value: c.value });
    if (c.op === 'contains') return `CONTAINS(LOWER(${expr}), LOWER(${name}))`;
    if (c.op === '!=') return `(NOT IS_DEFINED(${expr}) OR IS_NULL(${expr}) OR ${expr} != ${name})`;
    return `${expr} ${c.op} ${name}`;
  });
}

/**
 * The guard as a conditional-patch predicate. Patch predicates cannot take parameters, so the bounds are
 * inlined; they are checked safe integers and the field names checked lowercase identifiers.
 */
export function cosmosGuard(guards: Guard[], deltas: Record<string, number>): string | undefined {
  const parts = guards.flatMap((g) => {
    const sum = g.fields.map(cosmosField).join(' + ');
    const add = g.fields.reduce((acc, f) => acc + (deltas[f] ?? 0), 0);
    const out: string[] = [];
    if (g.atMost !== undefined) {
      const bound = typeof g.atMost === 'number' ? String(g.atMost) : cosmosField(g.atMost.field);
      out.push(`(${sum} + (${add})) <= ${bound}`);
    }
    if (g.atLeast !== undefined) out.push(`(${sum} + (${add})) >= ${g.atLeast}`);
    return out;
  });
  return parts.length > 0 ? `FROM c WHERE ${parts.join(' AND ')}` : undefined;
}

/** `res.5f0c-…` -> `/res/5f0c-…` (a JSON Patch path). */
export function patchPath(path: string): string {
  return `/${checkPath(path).join('/')}`;
}

/** `res.5f0c-…` -> `c["res"]["5f0c-…"]`. */
function conditionPath(path: string): string {
  return `c${checkPath(path)
    .map((s) => `["${s}"]`)
    .join('')}`;
}

/** Guards plus existence checks as one patch predicate (values inlined: they are checked integers and paths). */
export function cosmosCondition(when: Precondition, deltas: Record<string, number>): string | undefined {
  const guard = cosmosGuard(when.guards ?? [], deltas);
  const parts = [
    ...(guard ? [guard.replace(/^FROM c WHERE /, '')] : []),
    ...(when.exists ?? []).map((p) => `IS_DEFINED(${conditionPath(p)})`),
    ...(when.absent ?? []).map((p) => `NOT IS_DEFINED(${conditionPath(p)})`),
  ];
  return parts.length > 0 ? `FROM c WHERE ${parts.join(' AND ')}` : undefined;
}
