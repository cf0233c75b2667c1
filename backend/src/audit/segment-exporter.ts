// The WORM audit export (DESIGN §5, issue #13): every interval, each tenant's new audit records are sealed into
// an append-only segment (segments.ts) in the archive: the `audit` container, whose versions are immutable for
// seven years on Azure, or a folder in the embedded mode. The rule this file keeps: the segments of a tenant
// form one continuous series, with no record twice and none skipped, however many processes export at once
// and wherever one of them stopped. Segments are named for their first record and written create-if-absent;
// each starts right after the segment before it, and a writer that loses a race reads the winner's segment
// and goes on from its end. A record that does not continue the chain is never sealed.
import type { Logger } from 'pino';
import type { BlobStore } from '../ports/blobs.ts';
import type { DocumentStore, Page } from '../ports/store.ts';
import { anchoredTenants } from './anchor.ts';
import { advanceExportCursor, readExportCursor, type ExportCursor } from './export-cursor.ts';
import {
  SEGMENT_CONTENT_TYPE,
  SEGMENT_FORMAT,
  decodeSegment,
  encodeSegment,
  segmentKey,
  segmentMetadata,
  type SegmentHeader,
} from './segments.ts';
import { hashRecord, type AuditRecord, type AuditTrail } from './trail.ts';
import { recordAuditSealed } from '../telemetry/metrics.ts';

export interface SegmentExporterDeps {
  store: DocumentStore;
  trail: AuditTrail;
  archive: BlobStore;
  log: Logger;
  now?: () => Date;
}

export interface ExportOptions {
  intervalMs: number;
  maxRecords: number;
}

/** What one pass over one tenant did. */
export interface TenantExport {
  tenantId: string;
  sealed: SegmentHeader[];
  /** Segments another exporter (or an earlier run) had already written where this one wanted to. */
  alreadySealed: number;
  /** Set when the chain or the archive does not continue where the export stands; the tenant is not exported. */
  stuck?: { seq: number; reason: string };
}

const PAGE = 200;

export class SegmentExporter {
  private readonly d: SegmentExporterDeps;
  private readonly opts: ExportOptions;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(deps: SegmentExporterDeps, opts: ExportOptions) {
    this.d = deps;
    this.opts = opts;
    this.now = deps.now ?? (() => new Date());
  }

  /** Exports every interval until stopped; the first pass runs one interval after the start. */
  start(): void {
    const schedule = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        this.running = this.exportAll()
          .catch((err: unknown) => this.d.log.error({ err }, 'audit export pass failed'))
          .finally(schedule);
      }, this.opts.intervalMs);
      this.timer.unref();
    };
    schedule();
  }

  /** Stops scheduling and waits for a pass in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One pass over every tenant with an audit chain. */
  async exportAll(): Promise<TenantExport[]> {
    const results: TenantExport[] = [];
    for (const tenant of await anchoredTenants(this.d.store)) {
      if (this.stopped) break;
      const r = await this.exportTenant(tenant);
      results.push(r);
      if (r.stuck) {
        this.d.log.error(
          { tenant, ...r.stuck },
          'audit export stopped: the chain does not continue the export',
        );
      } else if (r.sealed.length > 0) {
        const last = r.sealed.at(-1)!;
        this.d.log.info(
          { tenant, segments: r.sealed.length, through: last.lastSeq, headHash: last.headHash },
          'audit records sealed',
        );
      }
    }
    return results;
  }

  /** Seals everything the tenant's chain holds beyond the export, in segments of at most maxRecords. */
  async exportTenant(tenantId: string): Promise<TenantExport> {
    const out: TenantExport = { tenantId, sealed: [], alreadySealed: 0 };
    let cursor = await readExportCursor(this.d.store, tenantId);
    for (;;) {
      const records = await this.recordsFrom(tenantId, cursor.next);
      const broken = records.length > 0 ? continuity(cursor, records) : null;
      if (broken) return { ...out, stuck: broken };
      if (records.length === 0) {
        // Nothing newer in the store; a segment may still exist here if the store was restored from backup.
        const existing = await this.existingAt(tenantId, cursor);
        if ('stuck' in existing) return { ...out, stuck: existing.stuck };
        if (!existing.next) return out;
        cursor = existing.next;
        out.alreadySealed++;
        await advanceExportCursor(this.d.store, tenantId, cursor, this.now().toISOString());
        continue;
      }
      const last = records.at(-1)!;
      const header: SegmentHeader = {
        format: SEGMENT_FORMAT,
        tenantId,
        firstSeq: cursor.next,
        lastSeq: last.seq,
        count: records.length,
        prevHash: cursor.hash,
        headHash: last.hash,
        sealedAt: this.now().toISOString(),
      };
      const created = await this.d.archive.create(
        segmentKey(tenantId, cursor.next),
        encodeSegment({ header, records }),
        { contentType: SEGMENT_CONTENT_TYPE, metadata: segmentMetadata(header) },
      );
      if (created) {
        out.sealed.push(header);
        recordAuditSealed(header.count);
        cursor = { next: last.seq + 1, hash: last.hash };
      } else {
        // Someone sealed a segment starting here first: go on from the end of theirs.
        const existing = await this.existingAt(tenantId, cursor);
        if ('stuck' in existing) return { ...out, stuck: existing.stuck };
        if (!existing.next) throw new Error(`segment ${segmentKey(tenantId, cursor.next)} vanished`);
        cursor = existing.next;
        out.alreadySealed++;
      }
      await advanceExportCursor(this.d.store, tenantId, cursor, this.now().toISOString());
    }
  }

  /** The segment already starting at the cursor, if any, and where the export stands after it. */
  private async existingAt(
    tenantId: string,
    cursor: ExportCursor,
  ): Promise<{ next: ExportCursor | null } | { stuck: { seq: number; reason: string } }> {
    const key = segmentKey(tenantId, cursor.next);
    const blob = await this.d.archive.get(key);
    if (!blob) return { next: null };
    let h: SegmentHeader;
    try {
      h = decodeSegment(blob.bytes).header;
    } catch (err) {
      return { stuck: { seq: cursor.next, reason: `${key} is unreadable: ${(err as Error).message}` } };
    }
    if (h.tenantId !== tenantId || h.firstSeq !== cursor.next || h.prevHash !== cursor.hash) {
      return { stuck: { seq: cursor.next, reason: `${key} does not continue the export` } };
    }
    return { next: { next: h.lastSeq + 1, hash: h.headHash } };
  }

  /** Up to maxRecords records from `seq` on, in order. */
  private async recordsFrom(tenantId: string, seq: number): Promise<AuditRecord[]> {
    const out: AuditRecord[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<AuditRecord> = await this.d.trail.page(
        tenantId,
        [{ field: 'seq', op: '>=', value: seq }],
        { cursor, limit: Math.min(PAGE, this.opts.maxRecords - out.length), direction: 'asc' },
      );
      out.push(...page.items.map((d) => d.data));
      cursor = page.nextCursor;
    } while (cursor && out.length < this.opts.maxRecords);
    return out;
  }
}

/** The first record that does not continue the export (a gap, a rewritten or an altered record), or null. */
function continuity(from: ExportCursor, records: AuditRecord[]): { seq: number; reason: string } | null {
  let prevHash = from.hash;
  for (const [i, r] of records.entries()) {
    const seq = from.next + i;
    if (r.seq !== seq) return { seq, reason: `record ${seq} is missing from the chain` };
    if (r.prevHash !== prevHash) return { seq, reason: `record ${seq} does not link to record ${seq - 1}` };
    if (r.hash !== hashRecord(prevHash, { seq: r.seq, at: r.at, event: r.event })) {
      return { seq, reason: `record ${seq} does not match its hash` };
    }
    prevHash = r.hash;
  }
  return null;
}
