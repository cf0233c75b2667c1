// Reading the audit trail (DESIGN §5, §9): query, chain check and export. Admins see their tenant; a
// department manager sees only records about their department, whatever filter they ask for.
import type {
  AuditExportFormat,
  AuditFilters,
  AuditRecordView,
  AuditVerifyView,
  Page,
} from '@donatello/contracts';
import type { Action } from '../authorization/permissions.ts';
import type { Actor } from '../users/record.ts';
import type { Condition } from '../ports/store.ts';
import type { AuditTrail } from './trail.ts';
import { auditActor, type Authorizer } from '../authorization/authorizer.ts';
import { exportFile, type ExportFile } from './export.ts';
import { filterConditions, recordView } from './records.ts';

/** What a caller's audit access covers, for the record of an export. */
const scopeLabel = (actor: Actor) =>
  actor.user.role === 'dept_manager' ? `department:${actor.user.departmentId ?? '-'}` : 'tenant';

/** The filters a caller may use: null when their scope and their filters cannot match anything. */
type Scoped = { filters: AuditFilters; where: Condition[] } | null;

export class AuditService {
  private readonly audit: AuditTrail;
  private readonly authz: Authorizer;
  private readonly now: () => Date;
  constructor(audit: AuditTrail, authz: Authorizer, now: () => Date = () => new Date()) {
    this.audit = audit;
    this.authz = authz;
    this.now = now;
  }

  private async scope(actor: Actor, action: Action, filters: AuditFilters): Promise<Scoped> {
    const tenant = actor.user.tenantId;
    await this.authz.require(actor, action, {
      type: 'audit',
      id: tenant,
      departmentId: filters.departmentId ?? null,
    });
    if (actor.user.role !== 'dept_manager') return { filters, where: filterConditions(filters) };
    const own = actor.user.departmentId;
    if (!own || (filters.departmentId !== undefined && filters.departmentId !== own)) return null;
    const forced = { ...filters, departmentId: own };
    return { filters: forced, where: filterConditions(forced) };
  }

  async list(
    actor: Actor,
    filters: AuditFilters,
    page: { cursor: string | null; limit: number },
  ): Promise<Page<AuditRecordView>> {
    const scoped = await this.scope(actor, 'audit.read', filters);
    if (!scoped) return { items: [], nextCursor: null };
    const res = await this.audit.page(actor.user.tenantId, scoped.where, { ...page, direction: 'desc' });
    return { items: res.items.map((d) => recordView(d.data)), nextCursor: res.nextCursor };
  }

  async verify(actor: Actor): Promise<AuditVerifyView> {
    const tenant = actor.user.tenantId;
    await this.authz.require(actor, 'audit.verify', { type: 'audit', id: tenant });
    const check = await this.audit.verify(tenant);
    if (check.ok || check.firstBrokenSeq === undefined) return check;
    // The record as it now stands, for whoever investigates; only when it exists (a deleted record has nothing to
    // show) and the caller may read it (a manager: records about their own department).
    const page = await this.audit.page(tenant, [{ field: 'seq', op: '=', value: check.firstBrokenSeq }], {
      cursor: null,
      limit: 1,
      direction: 'asc',
    });
    const record = page.items[0]?.data;
    const visible =
      record &&
      (actor.user.role !== 'dept_manager' ||
        (actor.user.departmentId !== null && record.event.target.departmentId === actor.user.departmentId));
    return visible ? { ...check, firstBroken: recordView(record) } : check;
  }

  /**
   * Prepares an export of every matching record that exists now. The export is audited before a byte
   * leaves (fail-closed: an export that cannot be recorded does not happen), with the exact count, because
   * the export is bounded to the head it started from; its own record comes after that head.
   */
  async export(actor: Actor, filters: AuditFilters, format: AuditExportFormat): Promise<ExportFile> {
    const tenant = actor.user.tenantId;
    const scoped = await this.scope(actor, 'audit.export', filters);
    const throughSeq = await this.audit.headSeq(tenant);
    const where = scoped ? [...scoped.where, { field: 'seq', op: '<=' as const, value: throughSeq }] : null;
    const count = where ? await this.audit.count(tenant, where) : 0;
    await this.audit.append({
      ...auditActor(actor),
      action: 'audit.exported',
      target: { type: 'audit', id: tenant, departmentId: scoped?.filters.departmentId ?? null },
      outcome: 'success',
      details: { format, filters, scope: scopeLabel(actor), count, throughSeq },
    });
    return exportFile({ audit: this.audit, tenant, where, format, count, date: this.now() });
  }
}
