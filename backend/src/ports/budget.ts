// The budget seam (DESIGN §3). The generation pipeline reserves before any provider call, commits the actual
// cost after, and releases on failure, only through this port. The budget engine implements it.
import type { BudgetSummaryView } from '@donatello/contracts';
import type { DepartmentRecord } from '../departments/record.ts';

export type BudgetDecision = 'allow' | 'warn' | 'needs_approval' | 'deny';

export interface BudgetTarget {
  tenantId: string;
  departmentId: string;
  department: DepartmentRecord;
}

export interface Reservation {
  tenantId: string;
  departmentId: string;
  /** The budget period it was taken from (its counter), even if it is committed after the period ends. */
  period: string;
  reservationId: string;
  amountMicros: number;
  /** An approved soft-limit overage: taken without the limit check, reported as overage. */
  overage: boolean;
}

export type ReserveOutcome =
  | { decision: 'allow' | 'warn'; reservation: Reservation }
  | { decision: 'needs_approval' | 'deny'; reason: string };

/** An approved overage: reserved, or refused because the department's mode is now hard (with the reason). */
export type OverageOutcome = { reservation: Reservation } | { refused: string };

export interface BudgetPort {
  /** What a request of this amount would get now, without reserving anything (for quotes). */
  evaluate(
    target: BudgetTarget,
    amountMicros: number,
  ): Promise<{ decision: BudgetDecision; summary: BudgetSummaryView | null }>;
  /** Atomically reserves the full amount, or refuses. `key` makes a retried reserve return the same reservation. */
  reserve(target: BudgetTarget, amountMicros: number, key: string): Promise<ReserveOutcome>;
  /**
   * Reserves past the limit after a manager approved it: flagged as overage, and refused when the department is
   * in hard mode at that instant (whatever the caller read). Idempotent per key.
   */
  reserveOverage(target: BudgetTarget, amountMicros: number, key: string): Promise<OverageOutcome>;
  /** Charges the actual cost (at most the reserved amount) and releases the rest. Idempotent. */
  commit(reservation: Reservation, actualMicros: number): Promise<void>;
  /** Releases the whole reservation. Idempotent. */
  release(reservation: Reservation): Promise<void>;
  summary(target: BudgetTarget): Promise<BudgetSummaryView | null>;
  /**
   * Puts a department's changed budget settings (`target.department`, replacing `previous`) in force for money;
   * returns the counter's spend and reservations at that instant.
   */
  applySettings(
    target: BudgetTarget,
    previous?: DepartmentRecord,
  ): Promise<{ spentMicros: number; reservedMicros: number }>;
}
