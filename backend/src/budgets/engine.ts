// The budget engine (DESIGN §3): zero overspend under any concurrency and any number of instances. Every
// money movement is one conditional update of the period's counter document:
//   reserve  = reserved += x, res[id] = entry   when spent + reserved + x <= limit (hard, soft) and res[id] absent
//   commit   = reserved -= x, spent += actual, res[id] removed      when res[id] exists
//   release  = reserved -= x, res[id] removed                        when res[id] exists
// so a retry or a duplicate never applies twice, and no check-then-increment race exists.
import type { BudgetSummaryView } from '@donatello/contracts';
import type { Logger } from 'pino';
import type {
  BudgetDecision,
  BudgetPort,
  BudgetTarget,
  Reservation,
  ReserveOutcome,
} from '../ports/budget.ts';
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

const WITHIN_LIMIT = (limit: number): Guard => ({ fields: ['spent', 'reserved'], atMost: limit });

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

  private async ensure(target: BudgetTarget, period: Period): Promise<void> {
    const b = target.department.budget;
    const fresh: BudgetCounter = {
      tenantId: target.tenantId,
      departmentId: target.departmentId,
      period: period.key,
      timeZone: period.timeZone,
      periodStart: period.start.toISOString(),
      periodEnd: period.end.toISOString(),
      spent: 0,
      reserved: 0,
      overage: 0,
      limit: b.limitMicros,
      thresholds: b.thresholds,
      mode: b.mode,
      res: {},
      alerted: {},
      createdAt: this.now().toISOString(),
    };
    await this.d.store.create(
      'budgets',
      counterPk(target.tenantId, target.departmentId),
      counterId(target.tenantId, target.departmentId, periodCounterKey(period)),
      fresh,
    );
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
    const b = target.department.budget;
    const checked = b.mode !== 'warn';
    const outcome = await this.take(
      target,
      amountMicros,
      key,
      false,
      checked ? [WITHIN_LIMIT(b.limitMicros)] : [],
    );
    if (outcome.ok) {
      const over = outcome.after.spent + outcome.after.reserved > b.limitMicros;
      return { decision: over ? 'warn' : 'allow', reservation: outcome.reservation };
    }
    const remaining = Math.max(0, b.limitMicros - outcome.after.spent - outcome.after.reserved);
    const reason = `This needs A$${microsToAud(amountMicros)}; the department has A$${microsToAud(remaining)} left of A$${microsToAud(b.limitMicros)} this month`;
    return { decision: b.mode === 'hard' ? 'deny' : 'needs_approval', reason };
  }

  async reserveOverage(target: BudgetTarget, amountMicros: number, key: string): Promise<Reservation> {
    const outcome = await this.take(target, amountMicros, key, true, []);
    if (!outcome.ok) throw new Error('an overage reservation has no limit to fail');
    return outcome.reservation;
  }

  /** One conditional update; a repeat with the same key finds its earlier reservation and returns it. */
  private async take(target: BudgetTarget, amount: number, key: string, overage: boolean, guards: Guard[]) {
    const period = this.period(target);
    const pk = counterPk(target.tenantId, target.departmentId);
    const id = counterId(target.tenantId, target.departmentId, periodCounterKey(period));
    const b = target.department.budget;
    const entry: ReservationEntry = { amount, at: this.now().toISOString(), overage };
    const reservation: Reservation = {
      tenantId: target.tenantId,
      departmentId: target.departmentId,
      period: periodCounterKey(period),
      reservationId: key,
      amountMicros: amount,
      overage,
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      const r = await this.d.store.update<BudgetCounter>(
        'budgets',
        pk,
        id,
        {
          incr: { reserved: amount },
          set: { [`res.${key}`]: entry, limit: b.limitMicros, thresholds: b.thresholds, mode: b.mode },
        },
        { guards, absent: [`res.${key}`] },
      );
      if (r.ok) return { ok: true as const, reservation, after: r.doc.data };
      if (r.reason === 'missing') {
        await this.ensure(target, period);
        continue;
      }
      const current = (await this.d.store.get<BudgetCounter>('budgets', pk, id))!.data;
      const earlier = current.res[key];
      if (earlier) {
        return {
          ok: true as const,
          reservation: { ...reservation, amountMicros: earlier.amount, overage: earlier.overage },
          after: current,
        };
      }
      return { ok: false as const, after: current };
    }
    throw new Error('budget counter could not be created');
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
