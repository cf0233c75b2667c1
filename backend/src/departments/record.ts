import type { BudgetMode, DepartmentPolicy } from '@donatello/contracts';

/** A department as stored: partition = tenant id, id = slug. Money in integer micro-AUD. */
export interface DepartmentRecord extends Record<string, unknown> {
  tenantId: string;
  name: string;
  budget: {
    limitMicros: number;
    mode: BudgetMode;
    thresholds: number[];
    resetDay: number;
    timeZone: string;
  };
  policy: DepartmentPolicy;
  createdAt: string;
  updatedAt: string;
}
