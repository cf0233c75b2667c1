// Generation views as JSON text, remembered by the stored version they were rendered from. Most of a gallery
// page is finished generations that never change again, so a page is stitched from remembered text instead of
// parsing each record and serialising its view on every read (the SQLite store parses a listed record only
// when its data is read). What must not break: a view is reused only for the very version of the very record it
// was rendered from. Every write gives a document a new version, so a changed or deleted record is rendered
// afresh; the entry is found by version and then checked against the record's partition and id, so two
// records that happened to share a version string could not swap views.
import { hash } from 'node:crypto';
import type { Versioned } from '../ports/store.ts';
import { generationView, type GenerationRecord } from './record.ts';

/** About 1 KB each: a few megabytes at most, for the first pages of the people using the gallery. */
const DEFAULT_CAPACITY = 5_000;

/** A rendered view and the SHA-1 of its text (a gallery page's ETag is made from its items' digests). */
export interface RenderedView {
  json: string;
  digest: string;
}

interface View extends RenderedView {
  pk: string;
  id: string;
  /** Read since the eviction hand last passed it (second chance). */
  used: boolean;
}

export class GenerationViewCache {
  /** By version: a short key to hash, and a hit changes nothing in the map. */
  private readonly views = new Map<string, View>();
  private readonly capacity: number;
  constructor(capacity = DEFAULT_CAPACITY) {
    this.capacity = capacity;
  }

  /**
   * `JSON.stringify(generationView(doc.id, doc.data))` and its digest, from memory when this version was seen
   * before.
   */
  view(doc: Versioned<GenerationRecord>): RenderedView {
    const known = this.views.get(doc.version);
    if (known && known.id === doc.id && known.pk === doc.pk) {
      known.used = true;
      return known;
    }
    const json = JSON.stringify(generationView(doc.id, doc.data));
    const rendered = { json, digest: hash('sha1', json, 'base64') };
    if (!known) {
      this.makeRoom();
      this.views.set(doc.version, { pk: doc.pk, id: doc.id, ...rendered, used: false });
    }
    return rendered;
  }

  /**
   * Second-chance eviction (CLOCK), close to least recently used without touching the map on every hit: the
   * oldest entry goes unless it was read since it last came round, in which case it moves to the end. Versions
   * a record has left behind are never read again, so they go first.
   */
  private makeRoom(): void {
    while (this.views.size >= this.capacity) {
      const [version, view] = this.views.entries().next().value!;
      this.views.delete(version);
      if (view.used) {
        view.used = false;
        this.views.set(version, view);
      }
    }
  }
}
