// Denied requests in the permanent audit trail, bounded (issue #10): each user's first `burst` denials in a
// window are recorded in full; the rest of that window are counted (shared by every instance through the store)
// and, once the window has ended, written as one `access.denied.repeated` record with the count and the actions
// tried. So a flood of forbidden requests leaves a handful of records, and still leaves a record: the count is in
// the tamper-evident chain, not dropped. Until its window is flushed (housekeeping, every HOUSEKEEPING_MS) the
// count lives in an ordinary document; that short gap is the price of a bounded chain.
// Must not break: a denial is either appended in full or counted before the request is answered (fail closed);
// a window's count is appended before its document goes.
import type { DocumentStore, Versioned } from '../ports/store.ts';
import type { AuditEvent, AuditTrail } from '../audit/trail.ts';

export interface DenialLogOptions {
  windowMs: number;
  burst: number;
}

/** A user's denials in one window (collection `meta`, partition `{tenant}:{oid}`). */
interface DenialWindow extends Record<string, unknown> {
  kind: 'denials';
  tenantId: string;
  oid: string;
  windowStart: string;
  windowEnd: string;
  /** The window's end in epoch ms, for the flush query. */
  endsat: number;
  /** Denials recorded in full (at most `burst`), and the ones counted instead. */
  full: number;
  collapsed: number;
  /** When a flush claimed it (epoch ms); 0 when nobody has. */
  flushat: number;
  /** Actions tried, as `generation_read` (dots are path separators in the store). */
  actions: Record<string, boolean>;
}

/** A flush that claimed a window and died is taken over after this long. */
const STALE_CLAIM_MS = 60_000;

export class DenialLog {
  private readonly store: DocumentStore;
  private readonly audit: AuditTrail;
  private readonly opts: DenialLogOptions;
  private readonly now: () => number;
  constructor(store: DocumentStore, audit: AuditTrail, opts: DenialLogOptions, now: () => number = Date.now) {
    this.store = store;
    this.audit = audit;
    this.opts = opts;
    this.now = now;
  }

  /** Records one denial by `oid`: in full while the window's burst lasts, counted after that. */
  async record(event: AuditEvent & { actor: { oid: string } }): Promise<void> {
    const at = this.now();
    const window = Math.floor(at / this.opts.windowMs);
    const pk = `${event.tenantId}:${event.actor.oid}`;
    const id = `denied:${event.actor.oid}:${window}`;
    for (let attempt = 0; attempt < 2; attempt++) {
      const full = await this.store.increment('meta', pk, id, { full: 1 }, [
        { fields: ['full'], atMost: this.opts.burst },
      ]);
      if (full.ok) {
        await this.audit.append(event);
        return;
      }
      if (full.reason === 'missing') {
        await this.open(event, pk, id, window);
        continue;
      }
      const counted = await this.store.update(
        'meta',
        pk,
        id,
        {
          incr: { collapsed: 1 },
          set: { [`actions.${event.action.replaceAll('.', '_')}`]: true },
        },
        {},
      );
      if (counted.ok) return;
    }
    throw new Error('the denial could not be recorded');
  }

  private async open(event: AuditEvent & { actor: { oid: string } }, pk: string, id: string, window: number) {
    const start = window * this.opts.windowMs;
    const end = start + this.opts.windowMs;
    const doc: DenialWindow = {
      kind: 'denials',
      tenantId: event.tenantId,
      oid: event.actor.oid,
      windowStart: new Date(start).toISOString(),
      windowEnd: new Date(end).toISOString(),
      endsat: end,
      full: 0,
      collapsed: 0,
      flushat: 0,
      actions: {},
    };
    await this.store.create('meta', pk, id, doc);
  }

  /** Writes the counted record of every ended window (a page per pass); returns how many were written. */
  async flush(): Promise<number> {
    const now = this.now();
    const ended = await this.store.query<DenialWindow>('meta', {
      where: [
        { field: 'kind', op: '=', value: 'denials' },
        { field: 'endsat', op: '<=', value: now },
      ],
      limit: 100,
    });
    let written = 0;
    for (const doc of ended.items) if (await this.flushOne(doc, now)) written++;
    return written;
  }

  private async flushOne(doc: Versioned<DenialWindow>, now: number): Promise<boolean> {
    if (doc.data.collapsed === 0) {
      await this.store.delete('meta', doc.pk, doc.id, doc.version);
      return false;
    }
    // One instance claims the window; a claim older than STALE_CLAIM_MS (its flusher died) may be taken over.
    const claimed = await this.store.update<DenialWindow>(
      'meta',
      doc.pk,
      doc.id,
      { set: { flushat: now } },
      { guards: [{ fields: ['flushat'], atMost: now - STALE_CLAIM_MS }] },
    );
    if (!claimed.ok) return false;
    const w = claimed.doc.data;
    const count = w.collapsed;
    await this.audit.append({
      tenantId: w.tenantId,
      actor: { oid: w.oid, tid: w.tenantId },
      action: 'access.denied.repeated',
      target: { type: 'user', id: w.oid },
      outcome: 'denied',
      details: {
        count,
        recordedInFull: w.full,
        actions: Object.keys(w.actions).sort(),
        windowStart: w.windowStart,
        windowEnd: w.windowEnd,
        window: doc.id,
      },
    });
    // A late denial (an instance whose clock is behind) changed it since: keep only what is not yet recorded.
    if (!(await this.store.delete('meta', doc.pk, doc.id, claimed.doc.version))) {
      await this.store.update('meta', doc.pk, doc.id, { incr: { collapsed: -count }, set: { flushat: 0 } });
    }
    return true;
  }
}
