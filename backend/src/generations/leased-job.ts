// A claimed generation job (worker.ts): renews its lease on a timer and serialises its writes to the record,
// so the heartbeat and the job's own steps never trip each other's compare-and-set. A write that finds another
// instance's lease on the record stops all further writes: that instance owns the job now.
// Must not break: every write is a compare-and-set on the record; a delete in between is kept (applied onto the
// fresh copy), a takeover is not overwritten.
import type { DocumentStore, Versioned } from '../ports/store.ts';
import type { GenerationRecord } from './record.ts';

type Doc = Versioned<GenerationRecord>;

/** A claimed job: renews its lease on a timer and serialises its writes so neither trips the other's CAS. */
export class LeasedJob {
  current: Doc;
  private readonly store: DocumentStore;
  private readonly heartbeat: NodeJS.Timeout;
  private writes: Promise<unknown> = Promise.resolve();
  private lost = false;

  constructor(store: DocumentStore, doc: Doc, leaseUntil: () => string, everyMs: number) {
    this.store = store;
    this.current = doc;
    this.heartbeat = setInterval(() => {
      void this.write((cur) => ({ ...cur, lease: cur.lease ? { ...cur.lease, until: leaseUntil() } : null }));
    }, everyMs);
    this.heartbeat.unref();
  }

  stopHeartbeat(): void {
    clearInterval(this.heartbeat);
  }

  /** Whether a write found another instance's lease on the record. */
  get taken(): boolean {
    return this.lost;
  }

  /** Whether the stored record still names this job's lease (no other instance has taken it over). */
  async stillOwned(): Promise<boolean> {
    await this.writes;
    if (this.lost) return false;
    const fresh = await this.store.get<GenerationRecord>('generations', this.current.pk, this.current.id);
    const mine =
      fresh?.data.lease?.owner === this.current.data.lease?.owner && fresh?.data.status === 'running';
    if (!mine) this.lost = true;
    return mine;
  }

  /** Marks the record as storing images (gallery.ts then refuses a delete); `current` shows a delete that came first. */
  markStoring(): Promise<void> {
    return this.write((cur) => ({ ...cur, stage: 'storing' }));
  }

  finish(change: (cur: GenerationRecord) => GenerationRecord): Promise<void> {
    this.stopHeartbeat();
    const at = new Date().toISOString();
    return this.write((cur) => ({ ...change(cur), lease: null, finishedAt: at }));
  }

  private write(change: (cur: GenerationRecord) => GenerationRecord): Promise<void> {
    const next = this.writes.then(async () => {
      if (this.lost) return;
      for (let attempt = 0; attempt < 5; attempt++) {
        const updated = { ...change(this.current.data), updatedAt: new Date().toISOString() };
        const saved = await this.store.replace(
          'generations',
          this.current.pk,
          this.current.id,
          updated,
          this.current.version,
        );
        if (saved) {
          this.current = saved;
          return;
        }
        // Someone else wrote: a delete (keep going on the fresh copy) or a takeover (we lost the lease).
        const fresh = await this.store.get<GenerationRecord>('generations', this.current.pk, this.current.id);
        if (!fresh || fresh.data.lease?.owner !== this.current.data.lease?.owner) {
          this.lost = true;
          return;
        }
        this.current = fresh;
      }
    });
    this.writes = next.catch(() => undefined);
    return next;
  }
}
