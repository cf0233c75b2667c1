// The audit API (DESIGN §5, §9): query filters, records as served, the chain check and export formats.
import { z } from 'zod';
import { DepartmentId } from './departments.ts';
import { Cursor, Timestamp } from './common.ts';

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
    cursor: Cursor.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine(fromBeforeTo, ORDER);
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditExportQuery = z
  .strictObject({ ...AuditFilterFields, format: AuditExportFormat.default('jsonl') })
  .refine(fromBeforeTo, ORDER);
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

export type AuditFilters = Omit<AuditQuery, 'cursor' | 'limit'>;

export const AuditEventView = z
  .object({
    tenantId: z.string(),
    actor: z
      .union([z.object({ oid: z.string(), tid: z.string() }), z.object({ system: z.string() })])
      .meta({ description: 'A signed-in user (object id + tenant) or a named system component' }),
    action: z.string().meta({ examples: ['department.updated'] }),
    target: z.object({ type: z.string(), id: z.string(), departmentId: z.string().nullable().optional() }),
    outcome: AuditOutcome,
    before: z.unknown().optional(),
    after: z.unknown().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
    ip: z.string().optional(),
    userAgent: z.string().optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: 'AuditEvent', description: 'Prompts in records are already redacted' });
export type AuditEventView = z.infer<typeof AuditEventView>;

export const AuditRecordView = z
  .object({
    seq: z.number().int().min(1),
    at: Timestamp,
    hash: z.string().meta({ description: 'SHA-256(prevHash + canonicalJson({seq, at, event})), hex' }),
    prevHash: z.string().meta({ description: "The previous record's hash; 64 zeros for the first" }),
    event: AuditEventView,
  })
  .meta({ id: 'AuditRecord', description: 'A record exactly as chained' });
export type AuditRecordView = z.infer<typeof AuditRecordView>;

export const AuditVerifyView = z
  .object({
    ok: z.boolean(),
    checked: z.number().int().min(0).meta({ description: 'Records that checked out, from the first' }),
    headHash: z
      .string()
      .meta({ description: 'The hash of the last record that checked out (64 zeros for an empty chain)' }),
    firstBrokenSeq: z
      .number()
      .int()
      .optional()
      .meta({ description: 'The first record that is missing or does not fit' }),
  })
  .meta({ id: 'AuditVerification' });
export type AuditVerifyView = z.infer<typeof AuditVerifyView>;

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
