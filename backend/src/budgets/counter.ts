// A department's budget counter for one period. Partition: `{tenant}:{department}`; id: `{tenant}:{department}:
// {period}` (unique across partitions, see docs/storage.md). Open reservations live inside it (`res`), so
// reserving, committing and releasing are each one atomic, conditional update of this one document.
import type { DocData } from '../ports/store.ts';

export interface ReservationEntry {
  amount: number;
  at: string;
  overage: boolean;
}

export interface BudgetCounter extends DocData {
  tenantId: string;
  departmentId: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  /** Micro-AUD. Only ever changed by atomic increments. */
  spent: number;
  reserved: number;
  overage: number;
  /** Snapshot of the department's settings at the last reservation (for alerts raised on commit). */
  limit: number;
  thresholds: number[];
  mode: string;
  res: Record<string, ReservationEntry>;
  /** Threshold (percent) -> when its alert went out; set once per period by a conditional update. */
  alerted: Record<string, string>;
  createdAt: string;
}

export const counterPk = (tenantId: string, departmentId: string) => `${tenantId}:${departmentId}`;
export const counterId = (tenantId: string, departmentId: string, period: string) =>
  `${tenantId}:${departmentId}:${period}`;
