// The read side of generations, and deletion: one generation, lists by scope (newest first, with prompt
// search), image bytes, and the soft delete. Every read checks the caller may see the generation; a deleted
// one is gone for everyone. GenerationService hands these through, so every surface uses one service.
// Deleting an unfinished generation stops it: one waiting for approval expires its approval (the cards
// update), a queued one is cancelled and its reservation released, a running one is cancelled by its worker at
// the next safe step (before any image is stored), and once the worker is storing images the delete is 409.
// No image of a deleted generation is stored or charged.
import { hash } from 'node:crypto';
import type { GenerationStatus, GenerationView, Page } from '@donatello/contracts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import type { Actor } from '../users/record.ts';
import type { DocumentStore, Versioned } from '../ports/store.ts';
import { auditActor, type Authorizer } from '../authorization/authorizer.ts';
import { auditOrUndo, type AuditTrail } from '../audit/trail.ts';
import { requireDelete, requireRead, scopeConditions, type Scope } from './access.ts';
import { generationAudit } from './audit-events.ts';
import type { ImageStore } from './image-store.ts';
import type { BudgetPort } from '../ports/budget.ts';
import type { ApprovalService } from '../approvals/service.ts';
import { CANCELLED, generationView, parseImageId, type GenerationRecord } from './record.ts';
import { GenerationViewCache } from './view-cache.ts';

export interface GalleryQuery {
  scope: Scope;
  /** Words the prompt contains (case-insensitive). */
  q?: string;
  status?: GenerationStatus;
  cursor?: string;
  limit: number;
}

type Doc = Versioned<GenerationRecord>;

export class GenerationGallery {
  private readonly d: {
    store: DocumentStore;
    authz: Authorizer;
    audit: AuditTrail;
    images: ImageStore;
    budget: BudgetPort;
    approvals: ApprovalService;
  };
  private readonly views = new GenerationViewCache();
  constructor(deps: GenerationGallery['d']) {
    this.d = deps;
  }

  async get(actor: Actor, id: string): Promise<GenerationView> {
    const doc = await this.visible(actor, id);
    return generationView(doc.id, doc.data);
  }

  private async visible(actor: Actor, id: string): Promise<Doc> {
    const doc = await this.d.store.get<GenerationRecord>('generations', actor.user.tenantId, id);
    if (!doc || doc.data.deletedAt) throw new NotFoundError(`Generation ${id}`);
    await requireRead(this.d.authz, actor, id, doc.data);
    return doc;
  }

  async list(actor: Actor, q: GalleryQuery): Promise<Page<GenerationView>> {
    const page = await this.page(actor, q);
    return { items: page.items.map((d) => generationView(d.id, d.data)), nextCursor: page.nextCursor };
  }

  /**
   * The same page as `list`, as the JSON text `JSON.stringify(list(…))` would give, for the HTTP API: each
   * item's view comes from the view cache when its version was rendered before (view-cache.ts). The ETag is a
   * weak validator made from the items' digests, the cursor and the length, instead of hashing the whole page
   * again on every read: the same text gives the same tag, and a changed item or cursor a new one.
   */
  async listJson(actor: Actor, q: GalleryQuery): Promise<{ json: string; etag: string }> {
    const page = await this.page(actor, q);
    const views = page.items.map((d) => this.views.view(d));
    const cursor = JSON.stringify(page.nextCursor);
    const json = `{"items":[${views.map((v) => v.json).join(',')}],"nextCursor":${cursor}}`;
    const digest = hash('sha1', `${views.map((v) => v.digest).join('')}${cursor}`, 'base64url');
    return { json, etag: `W/"${json.length.toString(16)}-${digest}"` };
  }

  private async page(actor: Actor, q: GalleryQuery): Promise<Page<Doc>> {
    const where = await scopeConditions(this.d.authz, actor, q.scope);
    return this.d.store.query<GenerationRecord>('generations', {
      pk: actor.user.tenantId,
      where: [
        ...where,
        { field: 'deletedAt', op: '=', value: null },
        ...(q.q ? [{ field: 'request.prompt', op: 'contains' as const, value: q.q }] : []),
        ...(q.status ? [{ field: 'status', op: '=' as const, value: q.status }] : []),
      ],
      orderBy: { field: 'createdKey', direction: 'desc' },
      limit: q.limit,
      cursor: q.cursor ?? null,
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = await this.d.store.get<GenerationRecord>('generations', actor.user.tenantId, id);
      if (!doc || doc.data.deletedAt) throw new NotFoundError(`Generation ${id}`);
      await requireDelete(this.d.authz, actor, id, doc.data);
      const g = doc.data;
      if (g.status === 'running' && g.stage === 'storing') {
        throw new ConflictError(
          'This generation is storing its images; delete it once it has finished',
          'conflict',
        );
      }
      const now = new Date().toISOString();
      const ended = { costMicros: 0, finishedAt: now };
      // Queued and awaiting approval end here; a running one ends in its worker (worker.ts), which sees deletedAt.
      const next: GenerationRecord =
        g.status === 'queued'
          ? { ...g, ...ended, status: 'failed', error: CANCELLED }
          : g.status === 'pending_approval'
            ? { ...g, ...ended, status: 'expired', error: CANCELLED }
            : g;
      const saved = await this.d.store.replace(
        'generations',
        doc.pk,
        id,
        { ...next, deletedAt: now, updatedAt: now },
        doc.version,
      );
      if (!saved) continue;
      const who = auditActor(actor);
      const unfinished = ['queued', 'running', 'pending_approval'].includes(g.status);
      await auditOrUndo(
        this.d.audit,
        {
          ...generationAudit(
            g,
            id,
            'generation.deleted',
            'success',
            unfinished ? { cancelled: g.status } : {},
            who.actor,
          ),
          ...who,
        },
        () => this.d.store.replace('generations', doc.pk, id, g, saved.version),
      );
      // Safe to repeat and to fail: the reservation sweeper releases what a failed generation still holds.
      if (g.status === 'queued' && g.reservation) await this.d.budget.release(g.reservation);
      if (g.status === 'pending_approval' && g.approvalId)
        await this.d.approvals.withdraw(actor, g.approvalId);
      return;
    }
    throw new Error('generation changed while deleting');
  }

  async image(actor: Actor, imageId: string, variant: 'full' | 'thumbnail') {
    const parsed = parseImageId(imageId);
    if (!parsed) throw new NotFoundError(`Image ${imageId}`);
    const doc = await this.visible(actor, parsed.generationId);
    const img = doc.data.images.find((i) => i.index === parsed.index);
    if (!img) throw new NotFoundError(`Image ${imageId}`);
    const blob = await this.d.images.get(variant === 'full' ? img.key : img.thumbKey);
    if (!blob) throw new NotFoundError(`Image ${imageId}`);
    return { blob, sha256: img.sha256 };
  }
}
