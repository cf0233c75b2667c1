// A department's budget counter for one period. Partition: `{tenant}:{department}`; id: `{tenant}:{department}:
// {period}@{zone}` (unique across partitions, see docs/storage.md). Open reservations live inside it (`res`), so
// reserving, committing and releasing are each one atomic, conditional update of this one document.
// Must not break: a counter belongs to one period in one time zone, and a reservation settles in the counter it
// was taken from, whatever the department's settings are by then.
import type { DocData } from '../ports/store.ts';

export interface ReservationEntry {
  amount: number;
  at: string;
  overage: boolean;
}

export interface BudgetCounter extends DocData {
  tenantId: string;
  departmentId: string;
  /** The period's local start date, `YYYY-MM-DD` (what people are shown). */
  period: string;
  /** The zone the period is counted in. Absent on counters written before it was part of the id. */
  timeZone?: string;
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
/** `counterKey` is what a reservation remembers as its period (periodCounterKey, or a bare date before). */
export const counterId = (tenantId: string, departmentId: string, counterKey: string) =>
  `${tenantId}:${departmentId}:${counterKey}`;

/**
 * A period's counter key: its local start date and its zone. A new resetDay or a new timeZone starts a new
 * counter; the start date alone often stays the same across a zone change, so it cannot name the counter.
 * Lower case and without `/`, as store ids must be (docs/storage.md).
 */
export const periodCounterKey = (period: { key: string; timeZone: string }): string =>
  `${period.key}@${period.timeZone.toLowerCase().replaceAll('/', '.')}`;

/** The counter key of a stored counter (counters from before the zone was part of the id have only the date). */
export const counterKeyOf = (c: BudgetCounter): string =>
  c.timeZone ? periodCounterKey({ key: c.period, timeZone: c.timeZone }) : c.period;
