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
import { FINISHED, type GenerationRecord, type StoredImage } from './record.ts';
import { generationAudit } from './audit-events.ts';

export interface WorkerOptions {
  instanceId: string;
  leaseMs: number;
  pollMs: number;
  /** A queued job nobody started for this long is taken by the sweeper. */
  orphanAfterMs: number;
}

type Doc = Versioned<GenerationRecord>;

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
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(deps: GenerationWorker['deps'], opts: WorkerOptions) {
    this.deps = deps;
    this.opts = opts;
    this.finished.setMaxListeners(0);
  }

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.opts.pollMs);
    this.timer.unref();
  }

  /** Stops sweeping and waits for the jobs this instance is running (their leases would expire otherwise). */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled(this.running.values());
  }

  /** Starts a job now on this instance, without waiting for it. `doc`: the record as just written, if known. */
  kick(tenantId: string, id: string, doc?: Doc): void {
    if (this.stopping || this.running.has(id)) return;
    const job = this.runById(tenantId, id, doc)
      .catch((err: unknown) => this.deps.log.error({ err, generationId: id }, 'generation job crashed'))
      .finally(() => this.running.delete(id));
    this.running.set(id, job);
  }

  /** Resolves with the record once finished, or with the latest record after `ms`. */
  async waitFor(tenantId: string, id: string, ms: number): Promise<Doc | null> {
    const deadline = Date.now() + ms;
    for (;;) {
      const doc = await this.deps.store.get<GenerationRecord>('generations', tenantId, id);
      const left = deadline - Date.now();
      if (!doc || FINISHED.includes(doc.data.status) || doc.data.status === 'pending_approval' || left <= 0)
        return doc;
      // Woken by this instance finishing it, or re-checked shortly in case another instance did.
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, Math.min(left, 250));
        function done() {
          clearTimeout(t);
          resolve();
        }
        this.finished.once(id, done);
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
    let produced: Awaited<ReturnType<GenerationWorker['produce']>>;
    try {
      produced = await this.produce(g, id);
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
      attempts: attempts.map((a) => ({ ...a, ms: Math.round(a.ms) })),
    }));
  }

  /** Calls the providers and stores the images. */
  private async produce(g: GenerationRecord, id: string) {
    const models = this.deps.registry.models();
    // A provider removed from config since the request was accepted is simply skipped.
    const chain = g.chain
      .map((c) => models.find((m) => m.provider === c.provider && m.id === c.model))
      .filter((m) => m !== undefined);
    const { model, result, attempts } = await this.deps.router.generate(chain, {
      prompt: g.request.prompt,
      ...(g.request.negativePrompt ? { negativePrompt: g.request.negativePrompt } : {}),
      size: g.request.size,
      quality: g.request.quality,
      n: g.request.n,
      ...(g.request.style ? { style: g.request.style } : {}),
    });
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
    return { model, stored, attempts };
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

/** A claimed job: renews its lease on a timer and serialises its writes so neither trips the other's CAS. */
class LeasedJob {
  current: Doc;
  private readonly store: DocumentStore;
  private readonly heartbeat: NodeJS.Timeout;
  private writes: Promise<unknown> = Promise.resolve();
  private lost = false;

  constructor(store: DocumentStore, doc: Doc, leaseUntil: () => string, everyMs: number) {
    this.store = store;
    this.current = doc;
    this.heartbeat = setInterval(() => {
      void this.write((cur) => ({ ...cur, lease: cur.lease ? { ...cur.lease, until: leaseUntil() } : null }));
    }, everyMs);
    this.heartbeat.unref();
  }

  stopHeartbeat(): void {
    clearInterval(this.heartbeat);
  }

  /** Whether the stored record still names this job's lease (no other instance has taken it over). */
  async stillOwned(): Promise<boolean> {
    await this.writes;
    if (this.lost) return false;
    const fresh = await this.store.get<GenerationRecord>('generations', this.current.pk, this.current.id);
    const mine =
      fresh?.data.lease?.owner === this.current.data.lease?.owner && fresh?.data.status === 'running';
    if (!mine) this.lost = true;
    return mine;
  }

  finish(change: (cur: GenerationRecord) => GenerationRecord): Promise<void> {
    this.stopHeartbeat();
    const at = new Date().toISOString();
    return this.write((cur) => ({ ...change(cur), lease: null, finishedAt: at }));
  }

  private write(change: (cur: GenerationRecord) => GenerationRecord): Promise<void> {
    const next = this.writes.then(async () => {
      if (this.lost) return;
      for (let attempt = 0; attempt < 5; attempt++) {
        const updated = { ...change(this.current.data), updatedAt: new Date().toISOString() };
        const saved = await this.store.replace(
          'generations',
          this.current.pk,
          this.current.id,
          updated,
          this.current.version,
        );
        if (saved) {
          this.current = saved;
          return;
        }
        // Someone else wrote: a delete (keep going on the fresh copy) or a takeover (we lost the lease).
        const fresh = await this.store.get<GenerationRecord>('generations', this.current.pk, this.current.id);
        if (!fresh || fresh.data.lease?.owner !== this.current.data.lease?.owner) {
          this.lost = true;
          return;
        }
        this.current = fresh;
      }
    });
    this.writes = next.catch(() => undefined);
    return next;
  }
}
