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
  /**
   * Goes up by one with every change of `budget`; the budget counter keeps the revision it enforces, so a late
   * write of older settings can never replace newer ones (budgets/settings.ts). Absent means 0.
   */
  budgetRev?: number;
  createdAt: string;
  updatedAt: string;
}
