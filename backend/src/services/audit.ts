// Append-only, hash-chained audit trail (DESIGN §5). One chain per tenant (partition `tenantId`); record ids
// are zero-padded sequence numbers. An append creates record N+1 with create-if-absent, so two writers in any
// number of processes can never both write N+1: the loser re-reads the head and tries again. The chain
// cannot fork and no record is lost. If the append fails, the caller's operation fails (fail-closed).
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { DocumentStore, Page } from '../ports/store.ts';
import { canonicalJson } from '../domain/canonical-json.ts';

export interface AuditEvent {
  tenantId: string;
  actor: { oid: string; tid: string } | { system: string };
  action: string;
  target: { type: string; id: string; departmentId?: string | null };
  outcome: 'success' | 'denied' | 'failure';
  before?: unknown;
  after?: unknown;
  details?: Record<string, unknown>;
  ip?: string;
  userAgent?: string;
  requestId?: string;
}

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

export class AuditTrail {
  /** Last sequence seen per tenant: a hint that saves a query; correctness never depends on it. */
  private readonly headHint = new Map<string, number>();
  private readonly store: DocumentStore;
  private readonly log: Logger;
  private readonly now: () => Date;
  constructor(store: DocumentStore, log: Logger, now: () => Date = () => new Date()) {
    this.store = store;
    this.log = log;
    this.now = now;
  }

  async append(event: AuditEvent): Promise<AuditRecord> {
    const tenant = event.tenantId;
    for (let attempt = 0; attempt < 200; attempt++) {
      const head = await this.head(tenant);
      const seq = (head?.seq ?? 0) + 1;
      const at = this.now().toISOString();
      const prevHash = head?.hash ?? GENESIS_HASH;
      const record: AuditRecord = {
        seq,
        at,
        event,
        prevHash,
        hash: hashRecord(prevHash, { seq, at, event }),
      };
      const created = await this.store.create('audit', tenant, seqId(seq), record);
      if (created) {
        this.headHint.set(tenant, seq);
        return record;
      }
      this.headHint.delete(tenant); // someone else wrote seq: re-read the head
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 * attempt)));
    }
    this.log.error({ tenant, action: event.action }, 'audit append did not settle');
    throw new Error('audit append did not settle after 200 attempts');
  }

  private async head(tenant: string): Promise<AuditRecord | null> {
    const hint = this.headHint.get(tenant);
    if (hint !== undefined) {
      const doc = await this.store.get<AuditRecord>('audit', tenant, seqId(hint));
      // Only trust the hint while it is still the head: the next slot must be free.
      if (doc && !(await this.store.get('audit', tenant, seqId(hint + 1)))) return doc.data;
    }
    const page = await this.store.query<AuditRecord>('audit', {
      pk: tenant,
      orderBy: { field: 'seq', direction: 'desc' },
      limit: 1,
    });
    return page.items[0]?.data ?? null;
  }

  /** Walks the chain from the start and names the first record that does not fit. */
  async verify(
    tenant: string,
  ): Promise<{ ok: boolean; checked: number; headHash: string; firstBrokenSeq?: number }> {
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
        prevHash = r.hash;
        expected++;
      }
      cursor = page.nextCursor;
    } while (cursor);
    return { ok: true, checked: expected - 1, headHash: prevHash };
  }
}
