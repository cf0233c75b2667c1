// The audit API (DESIGN §5, §9): query filters, records as served, the chain check and export formats.
import { z } from 'zod';
import { DepartmentId } from './departments.ts';

export const AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const;
export const AuditOutcome = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

export const AUDIT_EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export const AuditExportFormat = z.enum(AUDIT_EXPORT_FORMATS);
export type AuditExportFormat = z.infer<typeof AuditExportFormat>;

/** Records store UTC `toISOString()` text, so a bound in any offset is normalised to compare as text. */
const IsoDateTime = z.iso
  .datetime({ offset: true, message: 'an ISO 8601 date-time such as 2026-01-31T00:00:00Z' })
  .transform((s) => new Date(s).toISOString());

const Name = z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, '1-100 letters, digits and _ . : -');

/** Filters shared by the query and the export. `from` is inclusive, `to` exclusive. */
const AuditFilterFields = {
  action: Name.optional(),
  outcome: AuditOutcome.optional(),
  /** An Entra object id, or `system:<name>` for records written by the system. */
  actorOid: z
    .string()
    .regex(
      /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|system:[A-Za-z0-9_.-]{1,64})$/,
      'an object id (GUID) or system:<name>',
    )
    .transform((s) => (s.startsWith('system:') ? s : s.toLowerCase()))
    .optional(),
  targetType: Name.optional(),
  targetId: z.string().min(1).max(255).optional(),
  departmentId: DepartmentId.optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
};

const fromBeforeTo = (q: { from?: string | undefined; to?: string | undefined }) =>
  q.from === undefined || q.to === undefined || q.from < q.to;
const ORDER = { message: 'from must be before to', path: ['to'] };

// Strict: a mistyped filter name must not silently widen an audit query or export to everything.
export const AuditQuery = z
  .strictObject({
    ...AuditFilterFields,
    cursor: z.string().min(1).max(512).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine(fromBeforeTo, ORDER);
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditExportQuery = z
  .strictObject({ ...AuditFilterFields, format: AuditExportFormat.default('jsonl') })
  .refine(fromBeforeTo, ORDER);
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

export type AuditFilters = Omit<AuditQuery, 'cursor' | 'limit'>;

export interface AuditEventView {
  tenantId: string;
  /** A signed-in user (object id + tenant) or a named system component. */
  actor: { oid: string; tid: string } | { system: string };
  action: string;
  target: { type: string; id: string; departmentId?: string | null };
  outcome: AuditOutcome;
  before?: unknown;
  after?: unknown;
  details?: Record<string, unknown>;
  ip?: string;
  userAgent?: string;
  requestId?: string;
}

/** `hash = SHA-256(prevHash + canonicalJson({seq, at, event}))`, hex; the first record's prevHash is 64 zeros. */
export interface AuditRecordView {
  seq: number;
  at: string;
  hash: string;
  prevHash: string;
  event: AuditEventView;
}

export interface AuditVerifyView {
  ok: boolean;
  /** Records that checked out, from the first. */
  checked: number;
  /** The hash of the last record that checked out (64 zeros for an empty chain). */
  headHash: string;
  /** The first record that is missing or does not fit. */
  firstBrokenSeq?: number;
  /** That record as it is stored now, when it exists and the caller may read it (not for a missing record). */
  firstBroken?: AuditRecordView;
}

/** CSV export columns, in order. */
export const AUDIT_CSV_COLUMNS = [
  'seq',
  'at',
  'action',
  'outcome',
  'actor',
  'target_type',
  'target_id',
  'department_id',
  'ip',
  'user_agent',
  'details',
  'prev_hash',
  'hash',
] as const;
