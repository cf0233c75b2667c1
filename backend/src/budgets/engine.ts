// The budget engine (DESIGN §3): zero overspend under any concurrency and any number of instances. Every
// money movement is part of one compare-and-set transaction on the period's counter (budgets/ledger.ts):
//   reserve  = reserved += x, create reservation doc   when spent + reserved + x <= ceiling, no doc yet
//   overage  = reserved += x, create reservation doc   when hard = 0, no doc yet          (approved, soft mode)
//   commit   = reserved -= x, spent += actual, delete the reservation doc       when the doc exists
//   release  = reserved -= x, delete the reservation doc                         when the doc exists
// decided against the counter as read and written only if nobody changed it since, so a retry or a duplicate
// never applies twice and no check-then-increment race exists. `ceiling` and `hard` are the department's
// settings as the counter holds them (budgets/settings.ts): a reservation is checked against the settings in
// force at its instant, never against the copy of the department a request happened to read.
import type { BudgetSummaryView } from '@donatello/contracts';
import type { Logger } from 'pino';
import type {
  BudgetDecision,
  BudgetPort,
  BudgetTarget,
  OverageOutcome,
  Reservation,
  ReserveOutcome,
} from '../ports/budget.ts';
import type { DepartmentRecord } from '../departments/record.ts';
import type { DocumentStore, Page, Versioned } from '../ports/store.ts';
import { microsToAud } from '../domain/money.ts';
import {
  counterId,
  counterKeyOf,
  counterPk,
  periodCounterKey,
  type BudgetCounter,
  type ReservationDoc,
} from './counter.ts';
import { CounterLedger } from './ledger.ts';
import { PeriodCache, type Period } from './period.ts';
import { applySettings, freshCounter } from './settings.ts';
import { summaryView } from './summary.ts';

export interface ThresholdAlert {
  tenantId: string;
  departmentId: string;
  threshold: number;
  period: string;
  spentMicros: number;
  limitMicros: number;
}

export interface BudgetEngineDeps {
  store: DocumentStore;
  log: Logger;
  /** Called once per department, period and threshold, by whichever instance crossed it. */
  onThreshold: (alert: ThresholdAlert) => Promise<void>;
  now?: () => Date;
}

export class BudgetEngine implements BudgetPort {
  private readonly d: BudgetEngineDeps;
  private readonly now: () => Date;
  private readonly ledger: CounterLedger;
  private readonly periods = new PeriodCache();
  constructor(deps: BudgetEngineDeps) {
    this.d = deps;
    this.now = deps.now ?? (() => new Date());
    this.ledger = new CounterLedger(deps.store);
  }

  private period(target: BudgetTarget): Period {
    const b = target.department.budget;
    return this.periods.periodFor(this.now(), b.resetDay, b.timeZone);
  }

  private async read(target: BudgetTarget, period: Period): Promise<Versioned<BudgetCounter> | null> {
    return this.d.store.get<BudgetCounter>(
      'budgets',
      counterPk(target.tenantId, target.departmentId),
      counterId(target.tenantId, target.departmentId, periodCounterKey(period)),
    );
  }

  private ref(target: BudgetTarget, period: Period) {
    return { tenantId: target.tenantId, departmentId: target.departmentId, period };
  }

  /**
   * Puts a department's changed budget settings in force for the current period (and for the period the old
   * settings would pick, when a new reset day or time zone moves it, so a request that read the old ones is held
   * to the new ones too). Returns the current counter's spend and reservations at that instant.
   */
  async applySettings(
    target: BudgetTarget,
    previous?: DepartmentRecord,
  ): Promise<{ spentMicros: number; reservedMicros: number }> {
    const period = this.period(target);
    if (previous) {
      const old = this.period({ ...target, department: previous });
      if (periodCounterKey(old) !== periodCounterKey(period)) {
        await applySettings(this.d.store, this.ref(target, old), target.department, this.now());
      }
    }
    const doc = await applySettings(this.d.store, this.ref(target, period), target.department, this.now());
    return { spentMicros: doc.data.spent, reservedMicros: doc.data.reserved };
  }

  async evaluate(
    target: BudgetTarget,
    amountMicros: number,
  ): Promise<{ decision: BudgetDecision; summary: BudgetSummaryView }> {
    const period = this.period(target);
    const c = (await this.read(target, period))?.data;
    const b = target.department.budget;
    const fits = (c?.spent ?? 0) + (c?.reserved ?? 0) + amountMicros <= b.limitMicros;
    const decision: BudgetDecision = fits
      ? 'allow'
      : b.mode === 'hard'
        ? 'deny'
        : b.mode === 'soft'
          ? 'needs_approval'
          : 'warn';
    return { decision, summary: summaryView(b, period, c, this.now()) };
  }

  async summary(target: BudgetTarget): Promise<BudgetSummaryView> {
    const period = this.period(target);
    return summaryView(target.department.budget, period, (await this.read(target, period))?.data, this.now());
  }

  async reserve(target: BudgetTarget, amountMicros: number, key: string): Promise<ReserveOutcome> {
    const outcome = await this.take(target, amountMicros, key, false);
    const c = outcome.after;
    if (outcome.ok) {
      const over = c.spent + c.reserved > c.limit;
      return { decision: over ? 'warn' : 'allow', reservation: outcome.reservation };
    }
    // Refused by the settings in force now, which may be newer than the department the caller read.
    const remaining = Math.max(0, c.limit - c.spent - c.reserved);
    const reason = `This needs A$${microsToAud(amountMicros)}; the department has A$${microsToAud(remaining)} left of A$${microsToAud(c.limit)} this month`;
    return { decision: c.hard === 1 ? 'deny' : 'needs_approval', reason };
  }

  async reserveOverage(target: BudgetTarget, amountMicros: number, key: string): Promise<OverageOutcome> {
    const outcome = await this.take(target, amountMicros, key, true);
    if (outcome.ok) return { reservation: outcome.reservation };
    return {
      refused: `The department's budget is now a hard limit of A$${microsToAud(outcome.after.limit)}: an overage can no longer be approved`,
    };
  }

  /** A repeat with the same key finds its earlier reservation and returns it. */
  private async take(target: BudgetTarget, amount: number, key: string, overage: boolean) {
    const period = this.period(target);
    const outcome = await this.ledger.reserve(
      counterPk(target.tenantId, target.departmentId),
      counterId(target.tenantId, target.departmentId, periodCounterKey(period)),
      periodCounterKey(period),
      {
        kind: 'reserve',
        key,
        amount,
        overage,
        department: target.department,
        at: this.now().toISOString(),
        fresh: () => freshCounter(this.ref(target, period), target.department, this.now()),
      },
    );
    if (!outcome.ok) return { ok: false as const, after: outcome.after };
    const reservation: Reservation = {
      tenantId: target.tenantId,
      departmentId: target.departmentId,
      period: periodCounterKey(period),
      reservationId: key,
      amountMicros: outcome.amount,
      overage: outcome.overage,
    };
    return { ok: true as const, reservation, after: outcome.after };
  }

  async commit(res: Reservation, actualMicros: number): Promise<void> {
    const r = await this.settle(res, actualMicros);
    if (r.applied) await this.alertThresholds(r.counter);
  }

  async release(res: Reservation): Promise<void> {
    await this.settle(res, null);
  }

  private settle(res: Reservation, charge: number | null) {
    return this.ledger.settle(
      counterPk(res.tenantId, res.departmentId),
      counterId(res.tenantId, res.departmentId, res.period),
      res.period,
      { kind: 'settle', key: res.reservationId, charge },
    );
  }

  /** Each threshold crossed by spend alerts once per period: the conditional set picks one winner. */
  private async alertThresholds(doc: Versioned<BudgetCounter>): Promise<void> {
    const c = doc.data;
    if (c.limit <= 0) return;
    const thresholds =
      c.mode === 'warn' && !c.thresholds.includes(100) ? [...c.thresholds, 100] : c.thresholds;
    for (const t of thresholds) {
      if (c.spent * 100 < t * c.limit || c.alerted[String(t)]) continue;
      const won = await this.d.store.update(
        'budgets',
        doc.pk,
        doc.id,
        { set: { [`alerted.${t}`]: this.now().toISOString() } },
        { absent: [`alerted.${t}`] },
      );
      if (!won.ok) continue;
      const alert = {
        tenantId: c.tenantId,
        departmentId: c.departmentId,
        threshold: t,
        period: c.period,
        spentMicros: c.spent,
        limitMicros: c.limit,
      };
      await this.d
        .onThreshold(alert)
        .catch((err: unknown) => this.d.log.error({ err, ...alert }, 'threshold alert failed'));
    }
  }

  /**
   * Releases or commits reservations older than `leaseMs` whose generation is no longer running: the owner
   * says what each one's generation became. Returns how many were settled.
   */
  async sweep(
    leaseMs: number,
    settle: (res: Reservation) => Promise<'keep' | 'release' | { commit: number }>,
  ): Promise<number> {
    const cutoff = new Date(this.now().getTime() - leaseMs).toISOString();
    let settled = 0;
    let cursor: string | null = null;
    do {
      const page: Page<ReservationDoc> = await this.d.store.query<ReservationDoc>('budgets', {
        where: [
          { field: 'kind', op: '=', value: 'reservation' },
          { field: 'at', op: '<', value: cutoff },
        ],
        limit: 100,
        cursor,
      });
      for (const { data: r } of page.items) {
        const res: Reservation = {
          ...r.counter,
          reservationId: r.reservationId,
          amountMicros: r.amount,
          overage: r.overage,
        };
        if (await this.settleOne(res, settle)) settled++;
      }
      cursor = page.nextCursor;
    } while (cursor);
    return settled + (await this.sweepLegacy(cutoff, settle));
  }

  /** Reservations that counters written before reservation documents still hold in `res`. */
  private async sweepLegacy(
    cutoff: string,
    settle: (res: Reservation) => Promise<'keep' | 'release' | { commit: number }>,
  ): Promise<number> {
    let settled = 0;
    let cursor: string | null = null;
    do {
      const page: Page<BudgetCounter> = await this.d.store.query<BudgetCounter>('budgets', {
        where: [{ field: 'reserved', op: '>', value: 0 }],
        limit: 100,
        cursor,
      });
      for (const { data: c } of page.items) {
        for (const [id, e] of Object.entries(c.res ?? {})) {
          if (e.at >= cutoff) continue;
          const res: Reservation = {
            tenantId: c.tenantId,
            departmentId: c.departmentId,
            period: counterKeyOf(c),
            reservationId: id,
            amountMicros: e.amount,
            overage: e.overage,
          };
          if (await this.settleOne(res, settle)) settled++;
        }
      }
      cursor = page.nextCursor;
    } while (cursor);
    return settled;
  }

  private async settleOne(
    res: Reservation,
    settle: (res: Reservation) => Promise<'keep' | 'release' | { commit: number }>,
  ): Promise<boolean> {
    const verdict = await settle(res);
    if (verdict === 'keep') return false;
    if (verdict === 'release') await this.release(res);
    else await this.commit(res, verdict.commit);
    return true;
  }
}
