// Runs generation jobs (DESIGN §2). The record is the job: an instance claims it by compare-and-set (status
// queued -> running with a lease), renews the lease while the provider works, and finishes it by
// compare-and-set. A sweeper on every instance picks up queued jobs nobody started and running jobs whose
// lease expired, so a crash never loses a paid request or leaves money reserved.
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { DocumentStore, Versioned } from '../ports/store.ts';
import type { BudgetPort } from '../ports/budget.ts';
import type { AuditTrail } from '../audit/trail.ts';
import { AppError } from '../domain/errors.ts';
import type { Router } from '../providers/router.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { ImageStore } from './image-store.ts';
import { CANCELLED, FINISHED, type GenerationRecord, type StoredImage } from './record.ts';
import { generationAudit } from './audit-events.ts';
import { LeasedJob } from './leased-job.ts';

export interface WorkerOptions {
  instanceId: string;
  leaseMs: number;
  pollMs: number;
  /** A queued job nobody started for this long is taken by the sweeper. */
  orphanAfterMs: number;
  /** Jobs this instance runs at once; more wait their turn here, oldest first. */
  concurrency: number;
}

type Doc = Versioned<GenerationRecord>;

/** Concurrent waiters on one generation (Prefer: wait, idempotent replays, the bot following a card). */
const MAX_WAITERS_PER_GENERATION = 100;
/**
 * Jobs waiting here for a free slot, at most. Past it a job is not remembered: its record stays `queued` and a
 * sweeper (this instance's or another's) starts it once it is GENERATION_ORPHAN_MS old.
 */
const MAX_WAITING_JOBS = 20_000;

export class GenerationWorker {
  private readonly deps: {
    store: DocumentStore;
    router: Router;
    registry: ProviderRegistry;
    images: ImageStore;
    budget: BudgetPort;
    audit: AuditTrail;
    log: Logger;
  };
  private readonly opts: WorkerOptions;
  private readonly finished = new EventEmitter();
  private readonly running = new Map<string, Promise<void>>();
  /**
   * Kicked but not started: no free slot yet; id to tenant. Insertion order is the order they start in. Only the
   * ids wait: a burst's line of thousands would otherwise hold thousands of records in memory, and a job that
   * waited starts from a fresh read of its record anyway.
   */
  private readonly waitingJobs = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(deps: GenerationWorker['deps'], opts: WorkerOptions) {
    this.deps = deps;
    this.opts = opts;
    // Each waiter holds one listener at a time, so this bounds concurrent waiters on one generation; going past
    // it prints a MaxListenersExceededWarning, which is how a listener leak would show.
    this.finished.setMaxListeners(MAX_WAITERS_PER_GENERATION);
  }

  /** How many waiters are listening for generations to finish right now (0 when nobody waits). */
  waiting(): number {
    return this.finished.eventNames().reduce((n, e) => n + this.finished.listenerCount(e), 0);
  }

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.opts.pollMs);
    this.timer.unref();
  }

  /**
   * Stops sweeping and waits for the jobs this instance is running (their leases would expire otherwise). Jobs
   * still waiting for a slot are left `queued` in the store, for a sweeper to start.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.waitingJobs.clear();
    await Promise.allSettled(this.running.values());
  }

  /**
   * Starts a job on this instance without waiting for it: now when fewer than `concurrency` run, otherwise when
   * the jobs kicked before it have started (first come, first served). A burst of requests therefore never
   * sends more than `concurrency` calls to the providers at once, and the first people in get their images
   * first. `doc`: the record as just written, if known (a stale copy is harmless: claiming is a compare-and-set).
   */
  kick(tenantId: string, id: string, doc?: Doc): void {
    if (this.stopping || this.running.has(id) || this.waitingJobs.has(id)) return;
    if (this.running.size < this.opts.concurrency) this.run(tenantId, id, doc);
    else if (this.waitingJobs.size < MAX_WAITING_JOBS) this.waitingJobs.set(id, tenantId);
  }

  private run(tenantId: string, id: string, doc: Doc | undefined): void {
    const job = this.runById(tenantId, id, doc)
      .catch((err: unknown) => this.deps.log.error({ err, generationId: id }, 'generation job crashed'))
      .finally(() => {
        this.running.delete(id);
        this.startWaiting();
      });
    this.running.set(id, job);
  }

  private startWaiting(): void {
    for (const [id, tenantId] of this.waitingJobs) {
      if (this.stopping || this.running.size >= this.opts.concurrency) return;
      this.waitingJobs.delete(id);
      this.run(tenantId, id, undefined);
    }
  }

  /** Resolves with the record once finished, or with the latest record after `ms`. */
  async waitFor(tenantId: string, id: string, ms: number): Promise<Doc | null> {
    const deadline = Date.now() + ms;
    for (;;) {
      const doc = await this.deps.store.get<GenerationRecord>('generations', tenantId, id);
      const left = deadline - Date.now();
      if (!doc || FINISHED.includes(doc.data.status) || doc.data.status === 'pending_approval' || left <= 0)
        return doc;
      // Woken by this instance finishing it, or re-checked shortly in case another instance did. Either way
      // the listener goes: one left behind per tick would pile up for as long as the caller waits.
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(t);
          this.finished.off(id, done);
          resolve();
        };
        const t = setTimeout(done, Math.min(left, 250));
        this.finished.on(id, done);
      });
    }
  }

  async sweep(): Promise<void> {
    if (this.stopping) return;
    try {
      const now = Date.now();
      const orphaned = await this.deps.store.query<GenerationRecord>('generations', {
        where: [
          { field: 'status', op: '=', value: 'queued' },
          { field: 'createdAt', op: '<', value: new Date(now - this.opts.orphanAfterMs).toISOString() },
        ],
        limit: 20,
      });
      const expired = await this.deps.store.query<GenerationRecord>('generations', {
        where: [
          { field: 'status', op: '=', value: 'running' },
          { field: 'lease.until', op: '<', value: new Date(now).toISOString() },
        ],
        limit: 20,
      });
      for (const d of [...orphaned.items, ...expired.items]) this.kick(d.pk, d.id);
    } catch (err) {
      this.deps.log.error({ err }, 'generation sweep failed');
    }
  }

  private leaseUntil(): string {
    return new Date(Date.now() + this.opts.leaseMs).toISOString();
  }

  private async claim(doc: Doc): Promise<Doc | null> {
    const g = doc.data;
    const claimable =
      g.status === 'queued' ||
      (g.status === 'running' && g.lease !== null && g.lease.until < new Date().toISOString());
    if (!claimable) return null;
    const next: GenerationRecord = {
      ...g,
      status: 'running',
      lease: { owner: this.opts.instanceId, until: this.leaseUntil() },
      runs: g.runs + 1,
      stage: null,
      updatedAt: new Date().toISOString(),
    };
    return this.deps.store.replace('generations', doc.pk, doc.id, next, doc.version);
  }

  private async runById(tenantId: string, id: string, known?: Doc): Promise<void> {
    // A stale copy is harmless: claiming is a compare-and-set, so it then simply fails.
    const doc = known ?? (await this.deps.store.get<GenerationRecord>('generations', tenantId, id));
    const claimed = doc ? await this.claim(doc) : null;
    if (!claimed) return;
    const job = new LeasedJob(this.deps.store, claimed, () => this.leaseUntil(), this.opts.leaseMs / 3);
    try {
      await this.execute(job);
    } finally {
      job.stopHeartbeat();
      this.finished.emit(id);
    }
  }

  private async execute(job: LeasedJob): Promise<void> {
    const g = job.current.data;
    const id = job.current.id;
    // Deleted while running on an instance that then died: nothing to do but let go of the money.
    if (g.deletedAt) return this.cancel(job);
    let produced: Awaited<ReturnType<GenerationWorker['callProviders']>> & { stored: StoredImage[] };
    try {
      const answer = await this.callProviders(g);
      // The safe point: from here images get stored. A delete that came first cancels; one that comes later
      // is refused (409) while the record says `storing`.
      await job.markStoring();
      if (job.taken) return; // another instance owns it now; it stores and charges
      if (job.current.data.deletedAt) return this.cancel(job);
      produced = { ...answer, stored: await this.storeImages(g, id, answer) };
    } catch (err) {
      await this.fail(job, err);
      return;
    }
    // From here on the images exist: a failure must not release the money or mark the generation failed.
    // It propagates; the lease expires and an instance finishes the job (commit is idempotent per id).
    const { model, stored, attempts } = produced;
    // Never more than reserved: the chain's dearest model was reserved for all n images.
    const cost = Math.min(
      model.priceMicros[g.request.quality] * stored.length,
      g.reservation?.amountMicros ?? Infinity,
    );
    if (!(await job.stillOwned())) return; // another instance took over; it will charge and finish
    await this.deps.audit.append(
      generationAudit(g, id, 'generation.succeeded', 'success', {
        provider: model.provider,
        model: model.id,
        costMicros: cost,
        images: stored.length,
      }),
    );
    if (g.reservation) await this.deps.budget.commit(g.reservation, cost);
    await job.finish((cur) => ({
      ...cur,
      status: 'succeeded',
      provider: model.provider,
      model: model.id,
      images: stored,
      costMicros: cost,
      stage: null,
      attempts: attempts.map((a) => ({ ...a, ms: Math.round(a.ms) })),
    }));
  }

  /** Calls the providers along the stored chain. */
  private async callProviders(g: GenerationRecord) {
    const models = this.deps.registry.models();
    // A provider removed from config since the request was accepted is simply skipped.
    const chain = g.chain
      .map((c) => models.find((m) => m.provider === c.provider && m.id === c.model))
      .filter((m) => m !== undefined);
    return this.deps.router.generate(chain, {
      prompt: g.request.prompt,
      ...(g.request.negativePrompt ? { negativePrompt: g.request.negativePrompt } : {}),
      size: g.request.size,
      quality: g.request.quality,
      n: g.request.n,
      ...(g.request.style ? { style: g.request.style } : {}),
    });
  }

  /** Stores what the provider made (images and thumbnails). */
  private async storeImages(
    g: GenerationRecord,
    id: string,
    answer: Awaited<ReturnType<GenerationWorker['callProviders']>>,
  ): Promise<StoredImage[]> {
    const { model, result } = answer;
    const stored: StoredImage[] = [];
    for (const [i, image] of result.images.slice(0, g.request.n).entries()) {
      const p = {
        tenantId: g.tenantId,
        generationId: id,
        provider: model.provider,
        model: model.id,
        createdAt: g.createdAt,
      };
      stored.push(await this.deps.images.save(p, i, image));
    }
    return stored;
  }

  /**
   * Deleted before anything was stored: the provider's answer is dropped, the reservation released and the
   * generation closed at cost 0 (the provider's own charge, if any, is not passed on to the department).
   */
  private async cancel(job: LeasedJob): Promise<void> {
    const g = job.current.data;
    const id = job.current.id;
    if (!(await job.stillOwned())) return;
    if (g.reservation) await this.deps.budget.release(g.reservation);
    await this.deps.audit.append(
      generationAudit(g, id, 'generation.cancelled', 'success', { reason: 'deleted' }),
    );
    await job.finish((cur) => ({ ...cur, status: 'failed', error: CANCELLED, costMicros: 0, stage: null }));
  }

  /** Releases the money and records the failure, but only while this instance still owns the job. */
  private async fail(job: LeasedJob, err: unknown): Promise<void> {
    const g = job.current.data;
    const id = job.current.id;
    const error =
      err instanceof AppError
        ? { code: err.code, message: err.detail ?? err.title }
        : { code: 'internal', message: 'The generation failed; quote its id when reporting it' };
    if (!(err instanceof AppError))
      this.deps.log.error({ err, generationId: id }, 'generation failed unexpectedly');
    // Releasing after a takeover would free money the new owner is about to charge.
    if (!(await job.stillOwned())) return;
    if (g.reservation) await this.deps.budget.release(g.reservation);
    const attempts = (err as { attempts?: GenerationRecord['attempts'] }).attempts ?? [];
    await this.deps.audit.append(
      generationAudit(g, id, 'generation.failed', 'failure', { code: error.code }),
    );
    await job.finish((cur) => ({
      ...cur,
      status: 'failed',
      error,
      costMicros: 0,
      attempts: attempts.map((a) => ({ ...a, ms: Math.round(a.ms) })),
    }));
  }
}
