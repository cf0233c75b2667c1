// The head anchor of a tenant's audit chain: the newest sequence number and hash, kept in `meta` beside the
// chain. Deleting the newest records leaves a chain that is internally consistent, so walking it cannot
// tell; comparing it with the anchor can. The anchor only moves forward (a guarded update), so concurrent
// writers finishing out of order never pull it back.
import type { DocumentStore, Page } from '../ports/store.ts';

export interface AuditAnchor extends Record<string, unknown> {
  seq: number;
  hash: string;
  at: string;
  /** Set once records below the anchor were found deleted and rewritten: the first such sequence. */
  truncated?: number;
}

export const anchorId = (tenant: string) => `audit-head:${tenant}`;

export async function readAnchor(store: DocumentStore, tenant: string): Promise<AuditAnchor | null> {
  const doc = await store.get<AuditAnchor>('meta', tenant, anchorId(tenant));
  return doc?.data ?? null;
}

/**
 * Moves the anchor to `head`. False when it is already there or beyond. The common case is one guarded
 * update; only the first append of a tenant (or of a chain older than anchors) creates the document.
 */
export async function advanceAnchor(
  store: DocumentStore,
  tenant: string,
  head: { seq: number; hash: string; at: string },
): Promise<boolean> {
  const id = anchorId(tenant);
  const data = { seq: head.seq, hash: head.hash, at: head.at };
  for (let attempt = 0; attempt < 3; attempt++) {
    const guards = [{ fields: ['seq'], atMost: head.seq - 1 }];
    const moved = await store.update('meta', tenant, id, { set: data }, { guards });
    if (moved.ok) return true;
    if (moved.reason === 'guard') return false;
    if (await store.create<AuditAnchor>('meta', tenant, id, data)) return true;
    // Another writer created it between our update and create: the guarded update decides.
  }
  throw new Error('the audit head anchor did not settle');
}

/**
 * Called when the anchor was already at or past record `seq`, just written. That is normal when a later
 * writer finished first: the anchored record then exists with the anchor's hash. Otherwise records up to
 * the anchor were deleted and `seq` was written again. The anchor keeps that sequence for good, because
 * once the chain grows past the old anchor nothing else would show the loss. True when a loss was found.
 */
export async function checkAhead(
  store: DocumentStore,
  tenant: string,
  seq: number,
  hashAt: (seq: number) => Promise<string | null>,
): Promise<boolean> {
  const anchor = await readAnchor(store, tenant);
  if (!anchor || anchor.seq < seq || (await hashAt(anchor.seq)) === anchor.hash) return false;
  await store.update(
    'meta',
    tenant,
    anchorId(tenant),
    { set: { truncated: seq } },
    { absent: ['truncated'] },
  );
  return true;
}

/**
 * Judges a chain that walked cleanly up to `checked` against its anchor; `seen` holds the hashes of the
 * records at the anchor's sequence numbers. Returns the first broken sequence, or null when it fits. A
 * chain longer than the anchor fits: a crash between an append and its anchor update leaves it behind.
 */
export function anchorBreak(
  anchor: AuditAnchor | null,
  checked: number,
  seen: Map<number, { hash: string }>,
): number | null {
  if (!anchor) return null;
  const found: number[] = [];
  if (checked < anchor.seq) found.push(checked + 1); // the newest records are gone
  const atAnchor = seen.get(anchor.seq);
  if (atAnchor && atAnchor.hash !== anchor.hash) found.push(anchor.seq); // rewritten up to the anchor
  if (anchor.truncated !== undefined) found.push(anchor.truncated);
  return found.length > 0 ? Math.min(...found) : null;
}

/** The sequence numbers whose records `anchorBreak` needs to have seen. */
export const anchoredSeqs = (anchor: AuditAnchor | null): number[] =>
  anchor ? [anchor.seq, ...(anchor.truncated !== undefined ? [anchor.truncated] : [])] : [];

/** Every tenant with an audit chain, found by its head anchor (one cross-partition query, paged). */
export async function anchoredTenants(store: DocumentStore): Promise<string[]> {
  const tenants: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<AuditAnchor> = await store.query<AuditAnchor>('meta', {
      where: [{ field: 'seq', op: '>=', value: 1 }],
      orderBy: { field: 'id', direction: 'asc' },
      limit: 200,
      cursor,
    });
    for (const doc of page.items) if (doc.id === anchorId(doc.pk)) tenants.push(doc.pk);
    cursor = page.nextCursor;
  } while (cursor);
  return tenants;
}
