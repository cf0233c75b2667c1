// The sealed segments of the WORM audit export (issue #13): what one segment holds and how it is named. A
// segment is JSON Lines: a header line (tenant, first and last sequence number, the hash it continues from and
// its head hash), then the records exactly as the chain holds them, each in canonical JSON so it can be
// re-hashed. It is named for its first sequence number, so two exporters can never write two segments that
// start at the same record: the storage's create-if-absent picks one. Never change the bytes of this format:
// segments are kept for seven years and must still verify.
import { canonicalJson } from '../domain/canonical-json.ts';
import type { AuditRecord } from './trail.ts';

export const SEGMENT_FORMAT = 'donatello-audit-segment/1';
export const SEGMENT_CONTENT_TYPE = 'application/x-ndjson';

export interface SegmentHeader {
  format: typeof SEGMENT_FORMAT;
  tenantId: string;
  firstSeq: number;
  lastSeq: number;
  count: number;
  /** The hash of record firstSeq - 1 (the genesis hash for the first segment). */
  prevHash: string;
  /** The hash of record lastSeq: the next segment continues from it. */
  headHash: string;
  sealedAt: string;
}

export interface Segment {
  header: SegmentHeader;
  records: AuditRecord[];
}

const SEQ_DIGITS = 12;

/** `<tenant>/<first sequence, 12 digits>.jsonl`: listing a tenant's keys lists its segments in order. */
export function segmentKey(tenantId: string, firstSeq: number): string {
  return `${tenantId}/${String(firstSeq).padStart(SEQ_DIGITS, '0')}.jsonl`;
}

export const tenantPrefix = (tenantId: string) => `${tenantId}/`;

/** The tenant and first sequence a key names, or null when it is not a segment key. */
export function parseSegmentKey(key: string): { tenantId: string; firstSeq: number } | null {
  const m = /^([^/]+)\/(\d{12})\.jsonl$/.exec(key);
  return m ? { tenantId: m[1]!, firstSeq: Number(m[2]) } : null;
}

function recordLine(r: AuditRecord): string {
  return canonicalJson({ seq: r.seq, at: r.at, event: r.event, prevHash: r.prevHash, hash: r.hash });
}

export function encodeSegment(segment: Segment): Buffer {
  const lines = [canonicalJson(segment.header), ...segment.records.map(recordLine)];
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** Blob metadata repeating the header, so a segment can be judged without downloading it. */
export function segmentMetadata(h: SegmentHeader): Record<string, string> {
  return {
    format: 'v1',
    firstseq: String(h.firstSeq),
    lastseq: String(h.lastSeq),
    count: String(h.count),
    prevhash: h.prevHash,
    headhash: h.headHash,
  };
}

export class SegmentFormatError extends Error {
  override name = 'SegmentFormatError';
}

const HASH = /^[0-9a-f]{64}$/;

function parseLine(line: string, n: number): Record<string, unknown> {
  try {
    const v = JSON.parse(line) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new SegmentFormatError(`line ${n} is not a JSON object`);
}

function checkHeader(h: Record<string, unknown>): SegmentHeader {
  const ints = ['firstSeq', 'lastSeq', 'count'] as const;
  if (h.format !== SEGMENT_FORMAT) throw new SegmentFormatError(`unknown format ${String(h.format)}`);
  if (typeof h.tenantId !== 'string' || h.tenantId.length === 0) throw new SegmentFormatError('no tenantId');
  for (const k of ints) {
    if (!Number.isSafeInteger(h[k]) || (h[k] as number) < 1) throw new SegmentFormatError(`bad ${k}`);
  }
  for (const k of ['prevHash', 'headHash'] as const) {
    if (typeof h[k] !== 'string' || !HASH.test(h[k])) throw new SegmentFormatError(`bad ${k}`);
  }
  if (typeof h.sealedAt !== 'string') throw new SegmentFormatError('bad sealedAt');
  return h as unknown as SegmentHeader;
}

function checkRecord(r: Record<string, unknown>, n: number): AuditRecord {
  const ok =
    Number.isSafeInteger(r.seq) &&
    typeof r.at === 'string' &&
    r.event !== null &&
    typeof r.event === 'object' &&
    typeof r.prevHash === 'string' &&
    typeof r.hash === 'string';
  if (!ok) throw new SegmentFormatError(`line ${n} is not an audit record`);
  return r as AuditRecord;
}

/** Parses a segment; only its shape is checked here (segment-check.ts judges its contents). */
export function decodeSegment(bytes: Buffer): Segment {
  const text = bytes.toString('utf8');
  if (!text.endsWith('\n')) throw new SegmentFormatError('the last line is not terminated');
  const lines = text.slice(0, -1).split('\n');
  const header = checkHeader(parseLine(lines[0] ?? '', 1));
  const records = lines.slice(1).map((l, i) => checkRecord(parseLine(l, i + 2), i + 2));
  return { header, records };
}
