// Generation views as JSON text, remembered by the stored version they were rendered from. Most of a gallery
// page is finished generations that never change again, so a page is stitched from remembered text instead of
// parsing each record and serialising its view on every read (the SQLite store parses a listed record only
// when its data is read). What must not break: a view is reused only for the very version it was rendered
// from. Every write gives a document a new version, so a changed or deleted record is rendered afresh.
import type { Versioned } from '../ports/store.ts';
import { generationView, type GenerationRecord } from './record.ts';

/** About 1 KB each: a few megabytes at most, for the first pages of the people using the gallery. */
const DEFAULT_CAPACITY = 5_000;

export class GenerationViewCache {
  private readonly views = new Map<string, { version: string; json: string }>();
  private readonly capacity: number;
  constructor(capacity = DEFAULT_CAPACITY) {
    this.capacity = capacity;
  }

  /** `JSON.stringify(generationView(doc.id, doc.data))`, from memory when this version was seen before. */
  json(doc: Versioned<GenerationRecord>): string {
    const key = `${doc.pk}/${doc.id}`;
    const known = this.views.get(key);
    // Least recently used first: a hit moves to the end of the map's order.
    if (known) this.views.delete(key);
    if (known?.version === doc.version) {
      this.views.set(key, known);
      return known.json;
    }
    const json = JSON.stringify(generationView(doc.id, doc.data));
    if (this.views.size >= this.capacity) this.views.delete(this.views.keys().next().value!);
    this.views.set(key, { version: doc.version, json });
    return json;
  }
}
