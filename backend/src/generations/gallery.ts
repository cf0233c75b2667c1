// The read side of generations, and deletion: one generation, lists by scope (newest first, with prompt
// search), image bytes, and the soft delete. Every read checks the caller may see the generation; a deleted
// one is gone for everyone. GenerationService hands these through, so every surface uses one service.
import type { GenerationStatus, GenerationView, Page } from '@donatello/contracts';
import { NotFoundError } from '../domain/errors.ts';
import type { Actor } from '../users/record.ts';
import type { DocumentStore, Versioned } from '../ports/store.ts';
import { auditActor, type Authorizer } from '../authorization/authorizer.ts';
import { auditOrUndo, type AuditTrail } from '../audit/trail.ts';
import { requireDelete, requireRead, scopeConditions, type Scope } from './access.ts';
import { generationAudit } from './audit-events.ts';
import type { ImageStore } from './image-store.ts';
import { generationView, parseImageId, type GenerationRecord } from './record.ts';

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
  private readonly d: { store: DocumentStore; authz: Authorizer; audit: AuditTrail; images: ImageStore };
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
    const where = await scopeConditions(this.d.authz, actor, q.scope);
    const page = await this.d.store.query<GenerationRecord>('generations', {
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
    return { items: page.items.map((d) => generationView(d.id, d.data)), nextCursor: page.nextCursor };
  }

  async remove(actor: Actor, id: string): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = await this.d.store.get<GenerationRecord>('generations', actor.user.tenantId, id);
      if (!doc || doc.data.deletedAt) throw new NotFoundError(`Generation ${id}`);
      await requireDelete(this.d.authz, actor, id, doc.data);
      const now = new Date().toISOString();
      const saved = await this.d.store.replace(
        'generations',
        doc.pk,
        id,
        { ...doc.data, deletedAt: now, updatedAt: now },
        doc.version,
      );
      if (!saved) continue;
      const who = auditActor(actor);
      await auditOrUndo(
        this.d.audit,
        { ...generationAudit(doc.data, id, 'generation.deleted', 'success', {}, who.actor), ...who },
        () => this.d.store.replace('generations', doc.pk, id, doc.data, saved.version),
      );
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
