// Images need the bearer token, so an <img> cannot fetch them itself: they are fetched as blobs and shown through
// object URLs. This cache shares one fetch per image, aborts fetches nobody waits for any more (a gallery scrolled
// past), and keeps at most `capacity` object URLs alive, revoking the least recently used that nobody shows.
import type { ApiClient } from '../api/client.ts';

interface Entry {
  promise: Promise<string>;
  objectUrl: string | null;
  refs: number;
  controller: AbortController;
}

export interface ImageLease {
  /** Resolves with an object URL valid while the lease is held. */
  url: Promise<string>;
  release(): void;
}

export class ImageCache {
  private readonly api: ApiClient;
  private readonly capacity: number;
  private readonly entries = new Map<string, Entry>();

  constructor(api: ApiClient, capacity = 400) {
    this.api = api;
    this.capacity = capacity;
  }

  acquire(path: string): ImageLease {
    let entry = this.entries.get(path);
    if (entry) {
      this.entries.delete(path); // most recently used goes last
    } else {
      const controller = new AbortController();
      const created: Entry = { promise: Promise.resolve(''), objectUrl: null, refs: 0, controller };
      created.promise = this.api.imageBlob(path, controller.signal).then((blob) => {
        created.objectUrl = URL.createObjectURL(blob);
        return created.objectUrl;
      });
      created.promise.catch(() => {
        if (this.entries.get(path) === created) this.entries.delete(path);
      });
      entry = created;
    }
    this.entries.set(path, entry);
    entry.refs++;
    const held = entry;
    let released = false;
    return {
      url: held.promise,
      release: () => {
        if (released) return;
        released = true;
        held.refs--;
        if (held.refs === 0 && held.objectUrl === null) {
          held.controller.abort();
          if (this.entries.get(path) === held) this.entries.delete(path);
        }
        this.evict();
      },
    };
  }

  private evict(): void {
    if (this.entries.size <= this.capacity) return;
    for (const [path, e] of this.entries) {
      if (this.entries.size <= this.capacity) break;
      if (e.refs > 0) continue;
      this.entries.delete(path);
      if (e.objectUrl) URL.revokeObjectURL(e.objectUrl);
    }
  }

  /** Revokes everything (sign-out, user switch). */
  clear(): void {
    for (const e of this.entries.values()) {
      e.controller.abort();
      if (e.objectUrl) URL.revokeObjectURL(e.objectUrl);
    }
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
