// A department's budget counter for one period, and the open reservations held against it. Partition:
// `{tenant}:{department}`. Counter id: `{tenant}:{department}:{period}@{zone}` (unique across partitions, see
// docs/storage.md). Each open reservation is a small document of its own in the same partition, id
// `res:{period}@{zone}:{reservation id}`, so a reservation never rewrites the others; the counter and the
// reservations it covers change together in one transaction (budgets/ledger.ts).
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
  /** Micro-AUD. `reserved` is always the sum of the open reservations' amounts. */
  spent: number;
  reserved: number;
  overage: number;
  /**
   * The department's settings as the counter enforces them (budgets/settings.ts): written when the counter is
   * created, by every budget change, and by a reservation whose caller read newer ones than the counter holds
   * (`rev` orders them, so older settings never replace newer ones); every money movement is checked against
   * the settings in force at that instant. Absent `rev`/`ceiling`/`hard` on counters written before they
   * existed: the first reservation fills them in (budgets/ledger.ts).
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
  /**
   * Counters written before reservations had documents of their own kept them here. Still read and settled;
   * never added to, so it empties as those generations finish (docs/storage.md).
   */
  res?: Record<string, ReservationEntry>;
  /** Threshold (percent) -> when its alert went out; set once per period by a conditional update. */
  alerted: Record<string, string>;
  createdAt: string;
}

/** One open reservation. Its department is nested, so queries of counters by department see counters only. */
export interface ReservationDoc extends DocData, ReservationEntry {
  kind: 'reservation';
  counter: { tenantId: string; departmentId: string; period: string };
  reservationId: string;
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
/** `period` is the counter key of the counter the reservation is held against. */
export const reservationDocId = (period: string, reservationId: string) => `res:${period}:${reservationId}`;
