// The durable generation record (DESIGN §2). Partition: the tenant id; id: a random UUID. The record is also
// the job: `status` + `lease` say who runs it, and any instance takes over a job whose lease has expired.
import type {
  ApprovalStatus,
  GenerationRequest,
  GenerationStatus,
  GenerationView,
  ImageView,
  SafetyView,
} from '@donatello/contracts';
import { microsToAud } from '../domain/money.ts';
import type { Reservation } from '../ports/budget.ts';

export interface StoredImage {
  index: number;
  key: string;
  thumbKey: string;
  width: number;
  height: number;
  contentType: string;
  sha256: string;
}

export interface GenerationRecord extends Record<string, unknown> {
  tenantId: string;
  departmentId: string;
  owner: { oid: string; name: string };
  request: GenerationRequest;
  /** Same prompt and settings in the same department: the quote offers the earlier result. */
  dedupeKey: string;
  status: GenerationStatus;
  createdAt: string;
  /** `createdAt|id`: unique, sorts newest first; the list cursor keys on it. */
  createdKey: string;
  updatedAt: string;
  finishedAt: string | null;
  /** The candidates in order (the router's choice at request time). */
  chain: { provider: string; model: string; unitMicros: number }[];
  estimateMicros: number;
  reservation: Reservation | null;
  costMicros: number | null;
  provider: string | null;
  model: string | null;
  images: StoredImage[];
  safety: SafetyView;
  error: { code: string; message: string } | null;
  attempts: { provider: string; model: string; outcome: string; ms: number }[];
  lease: { owner: string; until: string } | null;
  runs: number;
  deletedAt: string | null;
  /** The approval this generation waited for (soft-limit overage), if any. */
  approvalId: string | null;
  /**
   * Set by the worker before it stores images: from then on a delete answers 409 instead of cancelling, so a
   * generation is either cancelled before anything is stored or finishes (worker.ts, gallery.ts).
   */
  stage?: 'storing' | null;
}

/** The error of a generation deleted before it finished (never shown: a deleted generation is not served). */
export const CANCELLED = {
  code: 'cancelled',
  message: 'Deleted before it finished: nothing was stored or charged',
} as const;

export const imageId = (generationId: string, index: number) => `${generationId}_${index}`;

export function parseImageId(id: string): { generationId: string; index: number } | null {
  const m = /^([0-9a-f-]{36})_([0-3])$/.exec(id);
  return m ? { generationId: m[1]!, index: Number(m[2]) } : null;
}

export function imageViews(generationId: string, images: StoredImage[]): ImageView[] {
  return images.map((img) => {
    const id = imageId(generationId, img.index);
    return {
      id,
      url: `/api/v1/images/${id}`,
      thumbnailUrl: `/api/v1/images/${id}/thumbnail`,
      width: img.width,
      height: img.height,
      contentType: img.contentType,
      sha256: img.sha256,
    };
  });
}

export function generationView(id: string, g: GenerationRecord): GenerationView {
  return {
    id,
    status: g.status,
    prompt: g.request.prompt,
    negativePrompt: g.request.negativePrompt ?? null,
    model: g.model ?? g.chain[0]?.model ?? null,
    provider: g.provider ?? g.chain[0]?.provider ?? null,
    size: g.request.size,
    quality: g.request.quality,
    style: g.request.style ?? null,
    n: g.request.n,
    purpose: g.request.purpose,
    costAud: microsToAud(g.costMicros ?? g.estimateMicros),
    owner: { objectId: g.owner.oid, displayName: g.owner.name },
    departmentId: g.departmentId,
    images: g.deletedAt ? [] : imageViews(id, g.images),
    safety: g.safety,
    error: g.error,
    approval: g.approvalId ? { id: g.approvalId, status: approvalStatusOf(g.status) } : null,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
    finishedAt: g.finishedAt,
  };
}

function approvalStatusOf(s: GenerationStatus): ApprovalStatus {
  if (s === 'pending_approval') return 'pending';
  return s === 'rejected' || s === 'expired' ? s : 'approved';
}

export const FINISHED: GenerationStatus[] = ['succeeded', 'failed', 'rejected', 'expired', 'blocked'];
