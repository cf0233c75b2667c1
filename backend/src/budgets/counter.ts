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
  /**
   * The department's settings as the counter enforces them (budgets/settings.ts): written when the counter is
   * created and by every budget change (`rev` orders them), never by a reservation, so every money movement is
   * checked against the settings in force at that instant. Absent `rev`/`ceiling`/`hard` on counters written
   * before they existed: the engine fills them in on first use.
   */
  limit: number;
  thresholds: number[];
  mode: string;
  /** The department's budget revision these settings come from. */
  rev?: number;
  /** What `spent + reserved` may reach: the limit in hard and soft mode, no bound in warn mode. */
  ceiling?: number;
  /** 1 in hard mode (no overage may be approved), else 0. */
  hard?: number;
  res: Record<string, ReservationEntry>;
  /** Threshold (percent) -> when its alert went out; set once per period by a conditional update. */
  alerted: Record<string, string>;
  createdAt: string;
}

export const counterPk = (tenantId: string, departmentId: string) => `${tenantId}:${departmentId}`;
export const counterId = (tenantId: string, departmentId: string, period: string) =>
  `${tenantId}:${departmentId}:${period}`;
