// Append-only, hash-chained audit trail (DESIGN §5). One chain per tenant (partition `tenantId`); record ids
// are zero-padded sequence numbers. An append creates records N+1… with all-or-none create-if-absent, so two
// writers in any number of processes can never both write N+1: the loser re-reads the head and tries again.
// The chain cannot fork and no record is lost. If the append fails, the caller's operation fails (fail-closed).
// After each append the head anchor (audit/anchor.ts) moves forward before the caller hears back, so verify()
// also catches a chain whose newest records were deleted.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { MAX_TRANSACT, type Condition, type DocumentStore, type Page } from '../ports/store.ts';
import type { AuditEventView } from '@donatello/contracts';
import { canonicalJson } from '../domain/canonical-json.ts';
import { advanceAnchor, anchorBreak, anchoredSeqs, checkAhead, readAnchor } from './anchor.ts';
import { cleanEvent } from './caller-text.ts';
import { recordAuditEvent } from '../telemetry/metrics.ts';

/** What happened, by whom, to what: the shape the API shows (contracts) is the shape that is hashed. */
export type AuditEvent = AuditEventView;

export interface AuditRecord extends Record<string, unknown> {
  seq: number;
  at: string;
  event: AuditEvent;
  prevHash: string;
  hash: string;
}

/**
 * Fail-closed auditing of a change already written: when the append fails, the change is undone (by
 * compare-and-set against the version just written) and the operation fails. No change stays unaudited.
 */
export async function auditOrUndo(
  audit: AuditTrail,
  event: AuditEvent,
  undo: () => Promise<unknown>,
): Promise<void> {
  try {
    await audit.append(event);
  } catch (err) {
    try {
      await undo();
    } catch (undoErr) {
      throw new AggregateError([err, undoErr], 'audit append failed and the change could not be undone', {
        cause: undoErr,
      });
    }
    throw err;
  }
}

export const GENESIS_HASH = '0'.repeat(64);
const seqId = (seq: number) => String(seq).padStart(12, '0');

export function hashRecord(prevHash: string, body: { seq: number; at: string; event: AuditEvent }): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(body)).digest('hex');
}

interface Waiting {
  event: AuditEvent;
  resolve: (r: AuditRecord) => void;
  reject: (err: unknown) => void;
}

export class AuditTrail {
  /**
   * The head this process last wrote or saw, per tenant: it saves a read per append. Correctness never depends
   * on it: a stale head only means the create finds its slot taken and walks forward.
   */
  private readonly heads = new Map<string, { seq: number; hash: string }>();
  /**
   * Appends of one tenant wait here instead of racing each other for the same slot. While one group is being
   * written the next one gathers, and each group becomes consecutive records written in one atomic step plus
   * one anchor move: under load a tenant's chain grows by many records per store round trip.
   */
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly store: DocumentStore;
  private readonly log: Logger;
  private readonly now: () => Date;
  constructor(store: DocumentStore, log: Logger, now: () => Date = () => new Date()) {
    this.store = store;
    this.log = log;
    this.now = now;
  }

  /** Resolves once the record is durable and the head anchor covers it; rejects when it could not be written. */
  append(raw: AuditEvent): Promise<AuditRecord> {
    // Caller-chosen text is cleaned and length-limited before it is hashed in (audit/caller-text.ts).
    const event = cleanEvent(raw);
    const tenant = event.tenantId;
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(tenant);
      if (queue) {
        queue.push({ event, resolve, reject });
        return;
      }
      this.waiting.set(tenant, [{ event, resolve, reject }]);
      void this.drain(tenant);
    });
  }

  /** Writes the tenant's waiting appends group by group until none is left. Never rejects. */
  private async drain(tenant: string): Promise<void> {
    for (;;) {
      const queue = this.waiting.get(tenant);
      if (!queue || queue.length === 0) {
        this.waiting.delete(tenant);
        return;
      }
      const group = queue.splice(0, MAX_TRANSACT);
      try {
        const records = await this.appendGroup(
          tenant,
          group.map((w) => w.event),
        );
        group.forEach((w, i) => w.resolve(records[i]!));
      } catch (err) {
        if (group.length === 1) group[0]!.reject(err);
        // Nothing of the group was written. One event that cannot be stored must not fail its neighbours:
        // each goes again on its own.
        else
          for (const w of group)
            await this.appendGroup(tenant, [w.event]).then((r) => w.resolve(r[0]!), w.reject);
      }
    }
  }

  private async appendGroup(tenant: string, events: AuditEvent[]): Promise<AuditRecord[]> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const head = await this.head(tenant);
      const records: AuditRecord[] = [];
      let prev = head ?? { seq: 0, hash: GENESIS_HASH };
      for (const event of events) {
        const seq = prev.seq + 1;
        const at = this.now().toISOString();
        const record: AuditRecord = {
          seq,
          at,
          event,
          prevHash: prev.hash,
          hash: hashRecord(prev.hash, { seq, at, event }),
        };
        records.push(record);
        prev = record;
      }
      // All or none: another process holding any of these slots means our head was stale.
      const created = await this.store.transact(
        'audit',
        tenant,
        records.map((r) => ({ op: 'create' as const, id: seqId(r.seq), data: r })),
      );
      if (created.ok) {
        const last = records.at(-1)!;
        this.heads.set(tenant, { seq: last.seq, hash: last.hash });
        await this.moveAnchor(tenant, last);
        for (const r of records) recordAuditEvent(r.event);
        return records;
      }
      // Another process wrote these slots: learn the real head, then try again.
      await this.catchUp(tenant, records[0]!.seq);
      if (attempt > 2) await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 * attempt)));
    }
    this.log.error({ tenant, actions: events.map((e) => e.action) }, 'audit append did not settle');
    throw new Error('audit append did not settle after 200 attempts');
  }

  /** Walks forward from a taken slot by point reads (no query) to the newest record. */
  private async catchUp(tenant: string, takenSeq: number): Promise<void> {
    let seq = takenSeq;
    let doc = await this.store.get<AuditRecord>('audit', tenant, seqId(seq));
    if (!doc) {
      this.heads.delete(tenant);
      return;
    }
    for (;;) {
      const next = await this.store.get<AuditRecord>('audit', tenant, seqId(seq + 1));
      if (!next) break;
      doc = next;
      seq++;
    }
    this.heads.set(tenant, { seq: doc.data.seq, hash: doc.data.hash });
  }

  private async head(tenant: string): Promise<{ seq: number; hash: string } | null> {
    const known = this.heads.get(tenant);
    if (known) return known;
    const page = await this.store.query<AuditRecord>('audit', {
      pk: tenant,
      orderBy: { field: 'seq', direction: 'desc' },
      limit: 1,
    });
    const top = page.items[0]?.data;
    return top ? { seq: top.seq, hash: top.hash } : null;
  }

  /**
   * The records are already durable when this runs. A failure here is logged, not thrown: throwing would make
   * the callers undo changes whose audit records exist. A lagging anchor only delays truncation detection
   * (verify accepts a chain longer than the anchor), and the next append moves it on.
   */
  private async moveAnchor(tenant: string, record: AuditRecord): Promise<void> {
    try {
      if (await advanceAnchor(this.store, tenant, record)) return;
      const hashAt = async (seq: number) =>
        (await this.store.get<AuditRecord>('audit', tenant, seqId(seq)))?.data.hash ?? null;
      if (await checkAhead(this.store, tenant, record.seq, hashAt)) {
        this.log.error({ tenant, seq: record.seq }, 'audit records below the head anchor were deleted');
      }
    } catch (err) {
      this.log.error({ err, tenant, seq: record.seq }, 'audit head anchor not moved');
    }
  }

  /** The newest sequence number of a tenant's chain (0 when empty). */
  async headSeq(tenant: string): Promise<number> {
    const page = await this.store.query<AuditRecord>('audit', {
      pk: tenant,
      orderBy: { field: 'seq', direction: 'desc' },
      limit: 1,
    });
    return page.items[0]?.data.seq ?? 0;
  }

  /** One page of a tenant's records matching `where`, ordered by sequence. */
  async page(
    tenant: string,
    where: Condition[],
    opts: { cursor: string | null; limit: number; direction: 'asc' | 'desc' },
  ): Promise<Page<AuditRecord>> {
    return this.store.query<AuditRecord>('audit', {
      pk: tenant,
      where,
      orderBy: { field: 'seq', direction: opts.direction },
      limit: opts.limit,
      cursor: opts.cursor,
    });
  }

  async count(tenant: string, where: Condition[]): Promise<number> {
    return this.store.count('audit', { pk: tenant, where });
  }

  /**
   * Walks the chain from the start and names the first record that does not fit, then checks the chain
   * against its head anchor (see audit/anchor.ts), which catches deleted newest records.
   */
  async verify(tenant: string): Promise<ChainCheck> {
    // Read the anchor first: every record it names was written before it, so the walk below must see them.
    const anchor = await readAnchor(this.store, tenant);
    const wanted = new Set(anchoredSeqs(anchor));
    const seen = new Map<number, { hash: string; prevHash: string }>();
    let prevHash = GENESIS_HASH;
    let expected = 1;
    let cursor: string | null = null;
    do {
      const page: Page<AuditRecord> = await this.store.query<AuditRecord>('audit', {
        pk: tenant,
        orderBy: { field: 'seq', direction: 'asc' },
        limit: 200,
        cursor,
      });
      for (const doc of page.items) {
        const r = doc.data;
        const ok =
          doc.id === seqId(expected) &&
          r.seq === expected &&
          r.prevHash === prevHash &&
          r.hash === hashRecord(prevHash, { seq: r.seq, at: r.at, event: r.event });
        if (!ok) return { ok: false, checked: expected - 1, headHash: prevHash, firstBrokenSeq: expected };
        if (wanted.has(r.seq)) seen.set(r.seq, { hash: r.hash, prevHash: r.prevHash });
        prevHash = r.hash;
        expected++;
      }
      cursor = page.nextCursor;
    } while (cursor);
    const broken = anchorBreak(anchor, expected - 1, seen);
    if (broken === null) return { ok: true, checked: expected - 1, headHash: prevHash };
    const headHash = seen.get(broken)?.prevHash ?? prevHash;
    return { ok: false, checked: broken - 1, headHash, firstBrokenSeq: broken };
  }
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  headHash: string;
  firstBrokenSeq?: number;
}
