// Budget threshold alerts: audited, then sent to the department's managers (else the org admins).
import type { AuditTrail } from '../audit/trail.ts';
import type { Notifier } from '../ports/notifier.ts';
import type { UserRepository } from '../users/repository.ts';
import type { ThresholdAlert } from '../budgets/engine.ts';
import { microsToAud } from '../domain/money.ts';

export function thresholdNotifier(deps: { users: UserRepository; audit: AuditTrail; notifier: Notifier }) {
  return async (a: ThresholdAlert): Promise<void> => {
    const managers = await deps.users.withRole(a.tenantId, ['dept_manager'], a.departmentId);
    const to = (managers.length > 0 ? managers : await deps.users.withRole(a.tenantId, ['org_admin'])).map(
      (u) => u.objectId,
    );
    await deps.audit.append({
      tenantId: a.tenantId,
      actor: { system: 'budget-engine' },
      action: 'budget.threshold_crossed',
      target: { type: 'department', id: a.departmentId, departmentId: a.departmentId },
      outcome: 'success',
      details: {
        threshold: a.threshold,
        period: a.period,
        spentMicros: a.spentMicros,
        limitMicros: a.limitMicros,
        notified: to,
      },
    });
    await deps.notifier.notify({
      kind: 'budget.threshold',
      tenantId: a.tenantId,
      to,
      departmentId: a.departmentId,
      threshold: a.threshold,
      period: a.period,
      spentAud: microsToAud(a.spentMicros),
      limitAud: microsToAud(a.limitMicros),
    });
  };
}
