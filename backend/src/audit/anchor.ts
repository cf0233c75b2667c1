// The head anchor of a tenant's audit chain: the newest sequence number and hash, kept in `meta` beside the
// chain. Deleting the newest records leaves a chain that is internally consistent, so verify() alone cannot
// see it; comparing the chain with the anchor can. The anchor only moves forward (a guarded update), so
// concurrent writers finishing out of order never pull it back.
import type { DocumentStore } from '../ports/store.ts';

export interface AuditAnchor extends Record<string, unknown> {
  seq: number;
  hash: string;
  at: string;
}

export const anchorId = (tenant: string) => `audit-head:${tenant}`;

export async function readAnchor(store: DocumentStore, tenant: string): Promise<AuditAnchor | null> {
  const doc = await store.get<AuditAnchor>('meta', tenant, anchorId(tenant));
  return doc?.data ?? null;
}

/**
 * Moves the anchor to `head` unless it is already there or beyond. The common case is one guarded update;
 * only the first append of a tenant (or of a chain that predates anchors) creates the document.
 */
export async function advanceAnchor(store: DocumentStore, tenant: string, head: AuditAnchor): Promise<void> {
  const id = anchorId(tenant);
  for (let attempt = 0; attempt < 3; attempt++) {
    const moved = await store.update(
      'meta',
      tenant,
      id,
      { set: { seq: head.seq, hash: head.hash, at: head.at } },
      { guards: [{ fields: ['seq'], atMost: head.seq - 1 }] },
    );
    // `guard`: a later record already moved it on, which is as good.
    if (moved.ok || moved.reason === 'guard') return;
    if (await store.create<AuditAnchor>('meta', tenant, id, { seq: head.seq, hash: head.hash, at: head.at }))
      return;
    // Another writer created it between our update and create: the guarded update decides.
  }
  throw new Error('the audit head anchor did not settle');
}
