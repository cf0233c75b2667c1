import { createHash } from 'node:crypto';
import type { GenerationRequest } from '@donatello/contracts';
import { canonicalJson } from '../domain/canonical-json.ts';

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
