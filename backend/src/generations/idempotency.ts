// Idempotency-Key handling: a retry with the same key and body returns the first generation and charges
// nothing; the same key with another body is refused. Records: collection `idempotency`, partition = tenant,
// id = `{oid}:{hash of key}`, kept for IDEMPOTENCY_TTL_MS (pruned by housekeeping).
import { createHash } from 'node:crypto';
import type { GenerationRequest } from '@donatello/contracts';
import { canonicalJson } from '../domain/canonical-json.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import type { DocumentStore, Versioned } from '../ports/store.ts';
import { IdempotencyKeyReusedError, PromptBlockedError } from './errors.ts';
import type { GenerationRecord } from './record.ts';

export interface IdempotencyIds {
  id: string;
  hash: string;
}

export function idempotencyIds(objectId: string, key: string, req: GenerationRequest): IdempotencyIds {
  const keyHash = createHash('sha256').update(key).digest('hex').slice(0, 40);
  return {
    id: `${objectId}:${keyHash}`,
    hash: createHash('sha256').update(canonicalJson(req)).digest('hex'),
  };
}

/** The generation an earlier request with this key made, or null when there was none (or it failed). */
export async function replay(
  store: DocumentStore,
  tenant: string,
  idem: IdempotencyIds,
): Promise<Versioned<GenerationRecord> | null> {
  const rec = await store.get<{ generationId: string; requestHash: string }>('idempotency', tenant, idem.id);
  if (!rec) return null;
  if (rec.data.requestHash !== idem.hash) throw new IdempotencyKeyReusedError();
  // The first request may still be working (safety checks, moderation): wait for its record.
  for (let i = 0; i < 200; i++) {
    const doc = await store.get<GenerationRecord>('generations', tenant, rec.data.generationId);
    if (doc) {
      // Deleted since: the key must not hand the generation (or its images) back.
      if (doc.data.deletedAt) throw new NotFoundError(`Generation ${doc.id}`);
      if (doc.data.status === 'blocked') throw new PromptBlockedError(doc.data.safety.findings, doc.id);
      return doc;
    }
    if (!(await store.get('idempotency', tenant, idem.id))) return null; // it failed and freed the key
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new ConflictError('A request with this Idempotency-Key is still being processed; retry shortly');
}
