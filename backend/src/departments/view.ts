// A stored department -> its API view (contracts). Money leaves as 4-place AUD strings.
import type { DepartmentView } from '@donatello/contracts';
import { microsToAud } from '../domain/money.ts';
import type { DepartmentRecord } from './record.ts';

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
