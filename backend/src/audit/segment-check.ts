// Checks the WORM audit export (`npm run audit:verify-export`): a tenant's segments against each other (one
// continuous series from record 1, each record re-hashed, each segment continuing the previous one's head hash)
// and against the live chain (every exported record is the record the store holds). It names the first thing
// that does not fit: the segment, the sequence number and what is wrong. It only reads.
import { canonicalJson } from '../domain/canonical-json.ts';
import type { BlobStore } from '../ports/blobs.ts';
import type { Page } from '../ports/store.ts';
import { anchoredTenants } from './anchor.ts';
import type { DocumentStore } from '../ports/store.ts';
import { decodeSegment, parseSegmentKey, tenantPrefix, type Segment } from './segments.ts';
import { GENESIS_HASH, hashRecord, type AuditRecord, type AuditTrail } from './trail.ts';

export interface SegmentMismatch {
  /** The segment where it was found; absent when the live chain is the problem. */
  key?: string;
  seq: number;
  problem: string;
}

export interface TenantExportCheck {
  tenantId: string;
  ok: boolean;
  segments: number;
  /** The last sequence number the segments hold (0 when none). */
  exportedThrough: number;
  /** The newest sequence number of the live chain. */
  liveHead: number;
  mismatch?: SegmentMismatch;
}

/** Reads the live chain in order, one page at a time, alongside the segments. */
class LiveChain {
  private buffer: AuditRecord[] = [];
  private cursor: string | null = null;
  private done = false;
  private readonly trail: AuditTrail;
  private readonly tenant: string;
  constructor(trail: AuditTrail, tenant: string) {
    this.trail = trail;
    this.tenant = tenant;
  }

  async next(): Promise<AuditRecord | null> {
    if (this.buffer.length === 0 && !this.done) {
      const page: Page<AuditRecord> = await this.trail.page(this.tenant, [], {
        cursor: this.cursor,
        limit: 200,
        direction: 'asc',
      });
      this.buffer = page.items.map((d) => d.data);
      this.cursor = page.nextCursor;
      this.done = page.nextCursor === null;
    }
    return this.buffer.shift() ?? null;
  }
}

const same = (a: AuditRecord, b: AuditRecord) =>
  canonicalJson({ seq: a.seq, at: a.at, event: a.event, prevHash: a.prevHash, hash: a.hash }) ===
  canonicalJson({ seq: b.seq, at: b.at, event: b.event, prevHash: b.prevHash, hash: b.hash });

export async function checkTenantExport(
  trail: AuditTrail,
  archive: BlobStore,
  tenantId: string,
): Promise<TenantExportCheck> {
  const keys = await archive.list(tenantPrefix(tenantId));
  const live = new LiveChain(trail, tenantId);
  const liveHead = await trail.headSeq(tenantId);
  let expected = 1;
  let prevHash = GENESIS_HASH;
  const result = (mismatch?: SegmentMismatch): TenantExportCheck => ({
    tenantId,
    ok: !mismatch,
    segments: keys.length,
    exportedThrough: expected - 1,
    liveHead,
    ...(mismatch ? { mismatch } : {}),
  });

  for (const key of keys) {
    const named = parseSegmentKey(key);
    if (!named) return result({ key, seq: expected, problem: 'is not named like a segment' });
    if (named.firstSeq !== expected) {
      const problem =
        named.firstSeq > expected
          ? `records ${expected}-${named.firstSeq - 1} are in no segment (a gap before this one)`
          : `starts at ${named.firstSeq}, inside the previous segment (records exported twice)`;
      return result({ key, seq: expected, problem });
    }
    const blob = await archive.get(key);
    let seg: Segment;
    try {
      seg = decodeSegment(blob?.bytes ?? Buffer.alloc(0));
    } catch (err) {
      return result({ key, seq: expected, problem: `is unreadable: ${(err as Error).message}` });
    }
    const h = seg.header;
    if (h.tenantId !== tenantId || h.firstSeq !== named.firstSeq) {
      return result({ key, seq: expected, problem: 'its header names another tenant or first record' });
    }
    if (h.prevHash !== prevHash) {
      return result({ key, seq: expected, problem: "does not continue the previous segment's head hash" });
    }
    if (h.count !== seg.records.length || h.lastSeq !== h.firstSeq + h.count - 1) {
      return result({
        key,
        seq: expected,
        problem: `its header says ${h.count} records but it holds ${seg.records.length}`,
      });
    }
    for (const r of seg.records) {
      if (r.seq !== expected)
        return result({ key, seq: expected, problem: `holds record ${r.seq} where ${expected} belongs` });
      if (
        r.prevHash !== prevHash ||
        r.hash !== hashRecord(prevHash, { seq: r.seq, at: r.at, event: r.event })
      ) {
        return result({
          key,
          seq: r.seq,
          problem: 'the exported record does not match its hash (altered in the archive)',
        });
      }
      const stored = await live.next();
      if (!stored || stored.seq !== r.seq) {
        return result({ key, seq: r.seq, problem: 'is exported but missing from the live chain' });
      }
      if (!same(stored, r)) {
        return result({
          key,
          seq: r.seq,
          problem: 'the live chain holds a different record than the export',
        });
      }
      prevHash = r.hash;
      expected++;
    }
    if (h.headHash !== prevHash) {
      return result({ key, seq: h.lastSeq, problem: 'its head hash is not the hash of its last record' });
    }
  }
  return result();
}

/** Every tenant with a chain or with segments; `only` narrows it to one. */
export async function exportTenants(
  store: DocumentStore,
  archive: BlobStore,
  only?: string,
): Promise<string[]> {
  if (only) return [only];
  const fromArchive = (await archive.list('')).map((k) => k.split('/')[0]!);
  return [...new Set([...(await anchoredTenants(store)), ...fromArchive])].sort();
}
