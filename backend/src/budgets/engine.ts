// The budget engine (DESIGN §3): zero overspend under any concurrency and any number of instances. Every
// money movement is one conditional update of the period's counter document:
//   reserve  = reserved += x, res[id] = entry   when spent + reserved + x <= ceiling and res[id] absent
//   overage  = reserved += x, res[id] = entry   when hard = 0 and res[id] absent          (approved, soft mode)
//   commit   = reserved -= x, spent += actual, res[id] removed      when res[id] exists
//   release  = reserved -= x, res[id] removed                        when res[id] exists
// so a retry or a duplicate never applies twice, and no check-then-increment race exists. `ceiling` and `hard`
// are the department's settings as the counter holds them (budgets/settings.ts): a reservation is checked against
// the settings in force at its instant, never against the copy of the department a request happened to read.
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
import type { DocumentStore, Guard, Page, Versioned } from '../ports/store.ts';
import { microsToAud } from '../domain/money.ts';
import {
  counterId,
  counterKeyOf,
  counterPk,
  periodCounterKey,
  type BudgetCounter,
  type ReservationEntry,
} from './counter.ts';
import { periodFor, type Period } from './period.ts';
import { applySettings, current, ensureCounter } from './settings.ts';
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

const WITHIN_CEILING: Guard = { fields: ['spent', 'reserved'], atMost: { field: 'ceiling' } };
const NOT_HARD: Guard = { fields: ['hard'], atMost: 0 };
/** The counter enforces settings at least as new as the department the caller read. */
const AT_LEAST_REV = (rev: number): Guard => ({ fields: ['rev'], atLeast: rev });

export class BudgetEngine implements BudgetPort {
  private readonly d: BudgetEngineDeps;
  private readonly now: () => Date;
  constructor(deps: BudgetEngineDeps) {
    this.d = deps;
    this.now = deps.now ?? (() => new Date());
  }

  private period(target: BudgetTarget): Period {
    const b = target.department.budget;
    return periodFor(this.now(), b.resetDay, b.timeZone);
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
    const outcome = await this.take(target, amountMicros, key, false, WITHIN_CEILING);
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
    const outcome = await this.take(target, amountMicros, key, true, NOT_HARD);
    if (outcome.ok) return { reservation: outcome.reservation };
    return {
      refused: `The department's budget is now a hard limit of A$${microsToAud(outcome.after.limit)}: an overage can no longer be approved`,
    };
  }

  /**
   * One conditional update; a repeat with the same key finds its earlier reservation and returns it. When the
   * counter enforces older settings than the department the caller read (or none yet), those are put in force
   * first and the update is tried again, so a guard never judges by settings older than the caller's.
   */
  private async take(target: BudgetTarget, amount: number, key: string, overage: boolean, guard: Guard) {
    const period = this.period(target);
    const pk = counterPk(target.tenantId, target.departmentId);
    const id = counterId(target.tenantId, target.departmentId, periodCounterKey(period));
    const rev = target.department.budgetRev ?? 0;
    const entry: ReservationEntry = { amount, at: this.now().toISOString(), overage };
    const reservation: Reservation = {
      tenantId: target.tenantId,
      departmentId: target.departmentId,
      period: periodCounterKey(period),
      reservationId: key,
      amountMicros: amount,
      overage,
    };
    for (let attempt = 0; attempt < 4; attempt++) {
      const r = await this.d.store.update<BudgetCounter>(
        'budgets',
        pk,
        id,
        { incr: { reserved: amount }, set: { [`res.${key}`]: entry } },
        { guards: [guard, AT_LEAST_REV(rev)], absent: [`res.${key}`] },
      );
      if (r.ok) return { ok: true as const, reservation, after: r.doc.data };
      if (r.reason === 'missing') {
        await ensureCounter(this.d.store, this.ref(target, period), target.department, this.now());
        continue;
      }
      const now = (await this.d.store.get<BudgetCounter>('budgets', pk, id))!.data;
      const earlier = now.res[key];
      if (earlier) {
        return {
          ok: true as const,
          reservation: { ...reservation, amountMicros: earlier.amount, overage: earlier.overage },
          after: now,
        };
      }
      if (!current(now, rev)) {
        await applySettings(this.d.store, this.ref(target, period), target.department, this.now());
        continue;
      }
      return { ok: false as const, after: now };
    }
    throw new Error('budget counter could not be brought up to date');
  }

  async commit(res: Reservation, actualMicros: number): Promise<void> {
    const actual = Math.min(actualMicros, res.amountMicros);
    const r = await this.d.store.update<BudgetCounter>(
      'budgets',
      counterPk(res.tenantId, res.departmentId),
      counterId(res.tenantId, res.departmentId, res.period),
      {
        incr: { reserved: -res.amountMicros, spent: actual, ...(res.overage ? { overage: actual } : {}) },
        remove: [`res.${res.reservationId}`],
      },
      { exists: [`res.${res.reservationId}`] },
    );
    if (r.ok) await this.alertThresholds(r.doc);
  }

  async release(res: Reservation): Promise<void> {
    await this.d.store.update(
      'budgets',
      counterPk(res.tenantId, res.departmentId),
      counterId(res.tenantId, res.departmentId, res.period),
      { incr: { reserved: -res.amountMicros }, remove: [`res.${res.reservationId}`] },
      { exists: [`res.${res.reservationId}`] },
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
      const page: Page<BudgetCounter> = await this.d.store.query<BudgetCounter>('budgets', {
        where: [{ field: 'reserved', op: '>', value: 0 }],
        limit: 100,
        cursor,
      });
      for (const doc of page.items) settled += await this.settleOld(doc.data, cutoff, settle);
      cursor = page.nextCursor;
    } while (cursor);
    return settled;
  }

  private async settleOld(
    c: BudgetCounter,
    cutoff: string,
    settle: (res: Reservation) => Promise<'keep' | 'release' | { commit: number }>,
  ): Promise<number> {
    let settled = 0;
    for (const [id, e] of Object.entries(c.res)) {
      if (e.at >= cutoff) continue;
      const res: Reservation = {
        tenantId: c.tenantId,
        departmentId: c.departmentId,
        period: counterKeyOf(c),
        reservationId: id,
        amountMicros: e.amount,
        overage: e.overage,
      };
      const verdict = await settle(res);
      if (verdict === 'keep') continue;
      if (verdict === 'release') await this.release(res);
      else await this.commit(res, verdict.commit);
      settled++;
    }
    return settled;
  }
}
