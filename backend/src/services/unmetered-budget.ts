// A BudgetPort that allows everything and records nothing: the seam's placeholder until the budget engine
// (issue #4) lands. Named for what it is so nobody mistakes it for enforcement.
import type { BudgetPort, BudgetTarget, Reservation, ReserveOutcome } from '../ports/budget.ts';

export class UnmeteredBudget implements BudgetPort {
  async evaluate() {
    return { decision: 'allow' as const, summary: null };
  }

  async reserve(target: BudgetTarget, amountMicros: number, key: string): Promise<ReserveOutcome> {
    const reservation: Reservation = {
      tenantId: target.tenantId,
      departmentId: target.departmentId,
      reservationId: key,
      amountMicros,
    };
    return { decision: 'allow', reservation };
  }

  async commit(_reservation: Reservation, _actualMicros: number): Promise<void> {}

  async release(_reservation: Reservation): Promise<void> {}

  async summary() {
    return null;
  }
}
