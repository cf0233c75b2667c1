// Where a tenant's WORM export stands: the next sequence number to seal and the hash the next segment continues
// from, kept in `meta` beside the chain. It is a shortcut, never the truth: the archive is. A cursor left behind
// (a crash after a segment was written, another exporter that got there first) is caught up by reading the
// segment already at its position. It only moves forward (a guarded update), so a slow exporter finishing late
// never pulls it back.
import type { DocumentStore } from '../ports/store.ts';
import { GENESIS_HASH } from './trail.ts';

export interface ExportCursor {
  /** The first sequence number no segment holds yet. */
  next: number;
  /** The hash of record `next - 1`. */
  hash: string;
}

interface CursorDoc extends Record<string, unknown> {
  next: number;
  hash: string;
  at: string;
}

export const exportCursorId = (tenant: string) => `audit-export:${tenant}`;

export async function readExportCursor(store: DocumentStore, tenant: string): Promise<ExportCursor> {
  const doc = await store.get<CursorDoc>('meta', tenant, exportCursorId(tenant));
  return doc ? { next: doc.data.next, hash: doc.data.hash } : { next: 1, hash: GENESIS_HASH };
}

/** Moves the cursor to `to` unless it is already there or beyond. */
export async function advanceExportCursor(
  store: DocumentStore,
  tenant: string,
  to: ExportCursor,
  at: string,
): Promise<void> {
  const id = exportCursorId(tenant);
  const data: CursorDoc = { next: to.next, hash: to.hash, at };
  for (let attempt = 0; attempt < 3; attempt++) {
    const moved = await store.update(
      'meta',
      tenant,
      id,
      { set: data },
      {
        guards: [{ fields: ['next'], atMost: to.next - 1 }],
      },
    );
    if (moved.ok || moved.reason === 'guard') return;
    if (await store.create<CursorDoc>('meta', tenant, id, data)) return;
    // Another exporter created it between our update and create: the guarded update decides.
  }
  throw new Error('the audit export cursor did not settle');
}
