// Periodic work every instance does (any one of them may do it; all of it is safe to repeat): settling
// reservations whose generation ended or never got written, expiring approvals, writing the counted records of
// ended denial windows, pruning rate-limit windows, Idempotency-Keys and the records of where Teams cards were
// posted.
import type { Logger } from 'pino';
import type { DocumentStore } from '../ports/store.ts';
import type { Reservation } from '../ports/budget.ts';
import type { BudgetEngine } from '../budgets/engine.ts';
import type { ApprovalService } from '../approvals/service.ts';
import type { RateLimiter } from '../generations/rate-limiter.ts';
import type { DenialLog } from '../authorization/denial-log.ts';
import type { GenerationRecord } from '../generations/record.ts';

export interface HousekeepingOptions {
  everyMs: number;
  /** A reservation older than this is looked at: released or committed if its generation has ended. */
  reservationLeaseMs: number;
  /**
   * Where a Teams card was posted is needed only until its approval is decided or expires; records older
   * than this are removed.
   */
  cardRefTtlMs: number;
}

export class Housekeeping {
  private readonly d: {
    store: DocumentStore;
    budget: BudgetEngine;
    approvals: ApprovalService;
    limiter: RateLimiter;
    denials: DenialLog;
    log: Logger;
  };
  private readonly opts: HousekeepingOptions;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(deps: Housekeeping['d'], opts: HousekeepingOptions) {
    this.d = deps;
    this.opts = opts;
  }

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.opts.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass; overlapping calls share the pass in flight. */
  runOnce(): Promise<void> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<void> {
    const steps: [string, () => Promise<unknown>][] = [
      ['reservations', () => this.d.budget.sweep(this.opts.reservationLeaseMs, (r) => this.settle(r))],
      ['approvals', () => this.d.approvals.sweep()],
      ['denial records', () => this.d.denials.flush()],
      ['rate limits', () => this.d.limiter.prune()],
      ['idempotency keys', () => this.pruneIdempotency()],
      ['card records', () => this.pruneCardRefs()],
    ];
    for (const [name, step] of steps) {
      try {
        await step();
      } catch (err) {
        this.d.log.error({ err, step: name }, 'housekeeping step failed');
      }
    }
  }

  /** Forgets Idempotency-Keys past their time (a page per pass is plenty). */
  private async pruneIdempotency(): Promise<number> {
    const old = await this.d.store.query('idempotency', {
      where: [{ field: 'expiresAt', op: '<', value: new Date().toISOString() }],
      limit: 200,
    });
    for (const d of old.items) await this.d.store.delete('idempotency', d.pk, d.id);
    return old.items.length;
  }

  /** Forgets where old Teams cards were posted (a page per pass, like the keys above). */
  private async pruneCardRefs(): Promise<number> {
    const before = new Date(Date.now() - this.opts.cardRefTtlMs).toISOString();
    const old = await this.d.store.query('cards', {
      where: [{ field: 'createdAt', op: '<', value: before }],
      limit: 200,
    });
    for (const d of old.items) await this.d.store.delete('cards', d.pk, d.id);
    return old.items.length;
  }

  /** What an old reservation's generation became decides its fate (reservation id = generation id). */
  private async settle(r: Reservation): Promise<'keep' | 'release' | { commit: number }> {
    const g = await this.d.store.get<GenerationRecord>('generations', r.tenantId, r.reservationId);
    if (!g) return 'release'; // the request died between reserving and writing its record
    const s = g.data.status;
    if (s === 'queued' || s === 'running' || s === 'pending_approval') return 'keep';
    if (s === 'succeeded') return { commit: g.data.costMicros ?? r.amountMicros };
    return 'release';
  }
}
