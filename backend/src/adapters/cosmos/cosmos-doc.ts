// How a stored Cosmos DB item maps to the store port's document: `id` and `pk` beside the data, the `_etag` as
// the version, and no system property (`_rid`, `_ts`, …) in the data.
import type { DocData, Versioned } from '../../ports/store.ts';

export type Resource = DocData & { id: string; pk: string; _etag?: string };

export function toDoc<T extends DocData>(r: Resource): Versioned<T> {
  const data: DocData = {};
  for (const [k, v] of Object.entries(r)) {
    if (k !== 'id' && k !== 'pk' && !k.startsWith('_')) data[k] = v;
  }
  return { id: r.id, pk: r.pk, version: r._etag ?? '', data: data as T };
}
