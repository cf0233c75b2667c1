// Reuse instead of paying twice: a quote offers, as `existing`, an earlier finished generation with the same
// prompt and settings in the same department. Only one the caller may read (`generation.read`): offering a
// colleague's image to someone who may not see it would hand out its id, images and prompt.
import { createHash } from 'node:crypto';
import type { GenerationRequest } from '@donatello/contracts';
import { canonicalJson } from '../domain/canonical-json.ts';
import { denialReason } from '../authorization/permissions.ts';
import type { DocumentStore, Versioned } from '../ports/store.ts';
import type { Actor } from '../users/record.ts';
import type { GenerationRecord } from './record.ts';

export const REUSE_WINDOW_DAYS = 30;

/** Same prompt (ignoring case and spacing) and same settings give the same key. */
export function dedupeKey(departmentId: string, r: GenerationRequest): string {
  const norm = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
  const basis = {
    d: departmentId,
    p: norm(r.prompt),
    np: norm(r.negativePrompt),
    m: r.model,
    s: r.size,
    q: r.quality,
    st: r.style ?? null,
    n: r.n,
    pu: r.purpose,
  };
  return createHash('sha256').update(canonicalJson(basis)).digest('hex');
}

/**
 * The newest succeeded, undeleted generation with this key from the reuse window that `actor` may read, or null.
 * A filter, not an access attempt: nothing is audited as denied.
 */
export async function reusable(
  store: DocumentStore,
  actor: Actor,
  departmentId: string,
  key: string,
): Promise<Versioned<GenerationRecord> | null> {
  const u = actor.user;
  const mayRead = (g: GenerationRecord) =>
    denialReason(u, 'generation.read', { departmentId: g.departmentId, ownerOid: g.owner.oid }) === null;
  // Whether someone else's generation in this department is readable; if not, look at the caller's own only.
  const colleagues = denialReason(u, 'generation.read', { departmentId }) === null;
  const since = new Date(Date.now() - REUSE_WINDOW_DAYS * 86_400_000).toISOString();
  const page = await store.query<GenerationRecord>('generations', {
    pk: u.tenantId,
    where: [
      { field: 'dedupeKey', op: '=', value: key },
      { field: 'status', op: '=', value: 'succeeded' },
      { field: 'deletedAt', op: '=', value: null },
      { field: 'createdAt', op: '>=', value: since },
      ...(colleagues ? [] : [{ field: 'owner.oid', op: '=' as const, value: u.objectId }]),
    ],
    orderBy: { field: 'createdKey', direction: 'desc' },
    limit: 1,
  });
  const found = page.items[0];
  return found && mayRead(found.data) ? found : null;
}
