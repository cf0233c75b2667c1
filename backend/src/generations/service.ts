// The one generation path every surface uses (DESIGN §2): validate -> safety -> quote -> budget decision ->
// reserve -> durable record -> background job. Reads and deletion are GenerationGallery's (gallery.ts).
import { randomUUID } from 'node:crypto';
import type { EstimateView, GenerationRequest, GenerationView, Page, SafetyView } from '@donatello/contracts';
import type { Logger } from 'pino';
import { microsToAud } from '../domain/money.ts';
import type { Actor } from '../users/record.ts';
import type { BudgetPort, BudgetTarget } from '../ports/budget.ts';
import type { DocumentStore, Versioned } from '../ports/store.ts';
import type { DepartmentRepository } from '../departments/repository.ts';
import type { PromptSafety } from '../safety/port.ts';
import { auditActor, type Authorizer } from '../authorization/authorizer.ts';
import type { AuditTrail } from '../audit/trail.ts';
import type { Router } from '../providers/router.ts';
import { generationAudit } from './audit-events.ts';
import { dedupeKey, reusable } from './dedupe.ts';
import { BudgetExceededError, NoDepartmentError, PromptBlockedError } from './errors.ts';
import { GenerationGallery, type GalleryQuery } from './gallery.ts';
import type { ImageStore } from './image-store.ts';
import { quote, type Quote } from './quote.ts';
import { idempotencyIds, replay as replayOf } from './idempotency.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { imageViews, type GenerationRecord } from './record.ts';
import type { GenerationWorker } from './worker.ts';
import type { ApprovalService } from '../approvals/service.ts';

export interface GenerationDeps {
  store: DocumentStore;
  departments: DepartmentRepository;
  router: Router;
  safety: PromptSafety;
  budget: BudgetPort;
  worker: GenerationWorker;
  audit: AuditTrail;
  authz: Authorizer;
  limiter: RateLimiter;
  images: ImageStore;
  approvals: ApprovalService;
  log: Logger;
}

type Doc = Versioned<GenerationRecord>;

/** How long an Idempotency-Key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export class GenerationService {
  private readonly d: GenerationDeps;
  private readonly gallery: GenerationGallery;
  constructor(deps: GenerationDeps) {
    this.d = deps;
    this.gallery = new GenerationGallery(deps);
  }

  private async target(actor: Actor): Promise<BudgetTarget> {
    const deptId = actor.user.departmentId;
    const dept = deptId ? await this.d.departments.get(actor.user.tenantId, deptId) : null;
    if (!dept) throw new NoDepartmentError();
    return { tenantId: actor.user.tenantId, departmentId: dept.id, department: dept.data };
  }

  private async checkSafety(req: GenerationRequest, target: BudgetTarget): Promise<SafetyView> {
    const policy = { piiAction: target.department.policy.piiAction };
    const main = await this.d.safety.check(req.prompt, policy);
    const neg = req.negativePrompt ? await this.d.safety.check(req.negativePrompt, policy) : null;
    const rank = { allow: 0, warn: 1, block: 2 } as const;
    const decision = neg && rank[neg.decision] > rank[main.decision] ? neg.decision : main.decision;
    return {
      decision,
      findings: [
        ...main.findings.map((f) => ({
          type: f.type,
          start: f.start,
          end: f.end,
          ...(f.category ? { category: f.category } : {}),
        })),
        ...(neg?.findings ?? []).map((f) => ({
          type: f.type,
          start: f.start,
          end: f.end,
          field: 'negativePrompt' as const,
        })),
      ],
    };
  }

  async estimate(actor: Actor, req: GenerationRequest): Promise<EstimateView> {
    await this.d.limiter.take(actor.user, 'estimate', 5);
    const target = await this.target(actor);
    const safety = await this.checkSafety(req, target);
    const q = quote(this.d.router, req, target.department.policy);
    const { decision, summary } = await this.d.budget.evaluate(target, q.maxMicros);
    const prior = await reusable(
      this.d.store,
      actor,
      target.departmentId,
      dedupeKey(target.departmentId, req),
    );
    const primary = q.chain[0]!;
    return {
      provider: primary.provider,
      model: primary.id,
      modelName: primary.displayName,
      unitCostAud: microsToAud(q.unitMicros),
      totalCostAud: microsToAud(q.totalMicros),
      maxCostAud: microsToAud(q.maxMicros),
      currency: 'AUD',
      decision,
      budget: summary,
      safety,
      existing: prior
        ? {
            generationId: prior.id,
            createdAt: prior.data.createdAt,
            images: imageViews(prior.id, prior.data.images),
          }
        : null,
      fallbacks: q.chain.slice(1).map((m) => ({ provider: m.provider, model: m.id })),
    };
  }

  /** Starts a generation. With an idempotency key, a repeat returns the first result and charges nothing. */
  async create(
    actor: Actor,
    req: GenerationRequest,
    idempotencyKey?: string,
  ): Promise<{ doc: Doc; replayed: boolean }> {
    const tenant = actor.user.tenantId;
    const idem = idempotencyKey ? idempotencyIds(actor.user.objectId, idempotencyKey, req) : null;
    if (idem) {
      const replay = await replayOf(this.d.store, tenant, idem);
      if (replay) return { doc: replay, replayed: true };
    }
    await this.d.limiter.take(actor.user, 'generate');
    const target = await this.target(actor);
    const safety = await this.checkSafety(req, target);
    const q = quote(this.d.router, req, target.department.policy);
    const id = randomUUID();
    if (idem) {
      const claimed = await this.d.store.create('idempotency', tenant, idem.id, {
        generationId: id,
        requestHash: idem.hash,
        createdAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + IDEMPOTENCY_TTL_MS).toISOString(),
      });
      if (!claimed) {
        const replay = await replayOf(this.d.store, tenant, idem);
        if (replay) return { doc: replay, replayed: true };
      }
      try {
        return { doc: await this.start(actor, req, id, target, safety, q), replayed: false };
      } catch (err) {
        // Nothing was recorded (refused before the record, or failed): free the key so a retry is a new try.
        if (!(await this.d.store.get('generations', tenant, id)))
          await this.d.store.delete('idempotency', tenant, idem.id);
        throw err;
      }
    }
    return { doc: await this.start(actor, req, id, target, safety, q), replayed: false };
  }

  /**
   * Audits the request and reserves its money at the same time: two independent writes that then share one
   * group commit, one wait for the disk fewer per admitted generation. The audit record stays first in the
   * trail for this generation (whatever follows is written after both). If the audit record cannot be written,
   * the request fails and whatever was reserved is released at once.
   */
  private async requestAndReserve(
    requested: Parameters<AuditTrail['append']>[0],
    reserve: () => ReturnType<BudgetPort['reserve']>,
  ): ReturnType<BudgetPort['reserve']> {
    const [audited, reserved] = await Promise.allSettled([this.d.audit.append(requested), reserve()]);
    if (audited.status === 'rejected') {
      if (reserved.status === 'fulfilled' && 'reservation' in reserved.value)
        await this.d.budget.release(reserved.value.reservation);
      throw audited.reason;
    }
    if (reserved.status === 'rejected') throw reserved.reason;
    return reserved.value;
  }

  private async start(
    actor: Actor,
    req: GenerationRequest,
    id: string,
    target: BudgetTarget,
    safety: SafetyView,
    q: Quote,
  ): Promise<Doc> {
    const tenant = actor.user.tenantId;
    const now = new Date().toISOString();
    const record: GenerationRecord = {
      tenantId: tenant,
      departmentId: target.departmentId,
      owner: { oid: actor.user.objectId, name: actor.user.displayName },
      request: req,
      dedupeKey: dedupeKey(target.departmentId, req),
      status: 'queued',
      createdAt: now,
      createdKey: `${now}|${id}`,
      updatedAt: now,
      finishedAt: null,
      chain: q.chain.map((m) => ({
        provider: m.provider,
        model: m.id,
        unitMicros: m.priceMicros[req.quality],
      })),
      estimateMicros: q.totalMicros,
      reservation: null,
      costMicros: null,
      provider: null,
      model: null,
      images: [],
      safety,
      error: null,
      attempts: [],
      lease: null,
      runs: 0,
      deletedAt: null,
      approvalId: null,
    };
    const who = auditActor(actor);
    if (safety.decision === 'block') {
      // Kept for the requester's history and the audit trail, with the personal information redacted.
      const blocked: GenerationRecord = {
        ...record,
        status: 'blocked',
        finishedAt: now,
        costMicros: 0, // nothing is reserved or charged: the view must not show the estimate as its cost
        request: {
          ...req,
          prompt: '[blocked prompt]',
          ...(req.negativePrompt ? { negativePrompt: '[blocked prompt]' } : {}),
        },
        chain: [],
      };
      await this.d.audit.append({
        ...generationAudit(
          record,
          id,
          'generation.blocked',
          'denied',
          { findings: safety.findings.map((f) => f.type) },
          who.actor,
        ),
        ...who,
      });
      await this.d.store.create('generations', tenant, id, blocked);
      throw new PromptBlockedError(safety.findings, id);
    }
    const outcome = await this.requestAndReserve(
      {
        ...generationAudit(
          record,
          id,
          'generation.requested',
          'success',
          { estimateMicros: q.totalMicros, reserveMicros: q.maxMicros },
          who.actor,
        ),
        ...who,
      },
      () => this.d.budget.reserve(target, q.maxMicros, id),
    );
    if (!('reservation' in outcome)) {
      if (outcome.decision === 'needs_approval') {
        return this.awaitApproval(target, id, record, q.maxMicros, outcome.reason, who, actor.accessToken);
      }
      await this.d.audit.append({
        ...generationAudit(record, id, 'generation.denied', 'denied', { reason: outcome.reason }, who.actor),
        ...who,
      });
      throw new BudgetExceededError(outcome.reason);
    }
    const doc = await this.d.store.create<GenerationRecord>('generations', tenant, id, {
      ...record,
      reservation: outcome.reservation,
    });
    if (!doc) throw new Error(`generation id collision ${id}`);
    this.d.worker.kick(tenant, id, doc);
    return doc;
  }

  /** Soft limit reached: the generation waits for one of the approvers; nothing is reserved yet. */
  private async awaitApproval(
    target: BudgetTarget,
    id: string,
    record: GenerationRecord,
    amount: number,
    reason: string,
    who: ReturnType<typeof auditActor>,
    accessToken?: string,
  ): Promise<Doc> {
    const approvers = await this.d.approvals.approversFor(target.tenantId, target.departmentId, {
      oid: record.owner.oid,
      ...(accessToken ? { accessToken } : {}),
    });
    if (approvers.people.length === 0) {
      await this.d.audit.append({
        ...generationAudit(record, id, 'generation.denied', 'denied', { reason: 'no approver' }, who.actor),
        ...who,
      });
      throw new BudgetExceededError(`${reason}, and nobody can approve an overage`);
    }
    const approvalId = randomUUID();
    const doc = await this.d.store.create<GenerationRecord>('generations', target.tenantId, id, {
      ...record,
      status: 'pending_approval',
      approvalId,
    });
    if (!doc) throw new Error(`generation id collision ${id}`);
    await this.d.approvals.request(target, id, record, approvers, amount, approvalId);
    return doc;
  }

  // Reads and deletion: the gallery's, kept here so every surface uses one service.
  get(actor: Actor, id: string): Promise<GenerationView> {
    return this.gallery.get(actor, id);
  }

  list(actor: Actor, q: GalleryQuery): Promise<Page<GenerationView>> {
    return this.gallery.list(actor, q);
  }

  /** `list` as JSON text, for the HTTP API (gallery.ts). */
  listJson(actor: Actor, q: GalleryQuery): Promise<{ json: string; etag: string }> {
    return this.gallery.listJson(actor, q);
  }

  remove(actor: Actor, id: string): Promise<void> {
    return this.gallery.remove(actor, id);
  }

  image(actor: Actor, imageId: string, variant: 'full' | 'thumbnail') {
    return this.gallery.image(actor, imageId, variant);
  }
}
