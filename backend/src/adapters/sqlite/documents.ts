// Rows of the docs table as the store port's documents. What must not break: a document a query returns
// behaves like a plain one (`data` is an own, enumerable, assignable property), even though its body is parsed
// only when `data` is first read.
import type { DocData, Scalar, Versioned } from '../../ports/store.ts';
import { readPath } from '../../ports/store.ts';
import type { Row } from './write-ops.ts';

/** A query's row: the ordering field's value as SQLite reads it (`json_extract`), beside the body. */
export type OrderedRow = Row & { ord: unknown };

export function toDoc<T extends DocData>(row: Row): Versioned<T> {
  return { id: row.id, pk: row.pk, version: row.version, data: JSON.parse(row.body) as T };
}

/**
 * A query's document, its body parsed when `data` is first read. A caller that keeps what it derives from a
 * document by version (the gallery's views) never parses the bodies it already knows; anyone else sees an
 * ordinary document (spread, JSON and structured clone copy `data`), parsed once.
 *
 * A class with one shared accessor, not an object literal with `get data()`: a literal defines a fresh getter
 * and setter pair (two closures) on every document, which cost about 3 µs each in the host, 50 µs of a 20-item
 * gallery page; the body and the parsed value are private fields, so nothing else (spread, keys, equality in
 * tests) sees them.
 */
class LazyDocument<T extends DocData> {
  id: string;
  pk: string;
  version: string;
  #body: string;
  #data: T | undefined;
  static readonly #dataProperty: PropertyDescriptor = {
    get(this: LazyDocument<DocData>) {
      return (this.#data ??= JSON.parse(this.#body) as DocData);
    },
    set(this: LazyDocument<DocData>, value: DocData) {
      this.#data = value;
    },
    enumerable: true,
    configurable: true,
  };
  constructor(row: Row) {
    this.id = row.id;
    this.pk = row.pk;
    this.version = row.version;
    this.#body = row.body;
    // An own, enumerable, assignable property, as on a plain document.
    Object.defineProperty(this, 'data', LazyDocument.#dataProperty);
  }
}

export function lazyDoc<T extends DocData>(row: Row): Versioned<T> {
  return new LazyDocument<T>(row) as unknown as Versioned<T>;
}

/**
 * The value the next page's cursor starts after. SQLite's own reading of the field when it is a JSON string
 * (then it is exactly the parsed value, and the index usually holds it); booleans come back as 0/1 and objects
 * as JSON text, so for anything else the value is read from the parsed body.
 */
export function orderValue(row: OrderedRow, doc: Versioned, field: string): Scalar {
  if (field === 'id') return doc.id;
  if (typeof row.ord === 'string' && !/^[[{]/.test(row.ord)) return row.ord;
  return readPath(doc.data, field);
}
