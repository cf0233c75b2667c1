// Stored records -> API views (contracts). Money leaves as 4-place AUD strings.
import type { DepartmentView, UserView } from '@donatello/contracts';
import type { DepartmentRecord } from '../domain/departments.ts';
import type { UserRecord } from '../domain/users.ts';
import { microsToAud } from '../domain/money.ts';

export function departmentView(id: string, d: DepartmentRecord): DepartmentView {
  return {
    id,
    name: d.name,
    budget: {
      limitAud: microsToAud(d.budget.limitMicros),
      mode: d.budget.mode,
      thresholds: d.budget.thresholds,
      resetDay: d.budget.resetDay,
      timeZone: d.budget.timeZone,
    },
    policy: d.policy,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export function userView(u: UserRecord): UserView {
  return {
    id: u.objectId,
    tenantId: u.tenantId,
    objectId: u.objectId,
    displayName: u.displayName,
    username: u.username,
    role: u.role,
    departmentId: u.departmentId,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}
