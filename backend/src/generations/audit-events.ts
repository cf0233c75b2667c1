// Audit events of the pipeline. The long-term log gets the prompt redacted (personal information replaced by
// its type) plus a hash of the original, never the raw prompt (DESIGN §5, APP 11).
import type { AuditEvent } from '../audit/trail.ts';
import { promptHash, redactPrompt } from '../safety/redact.ts';
import type { GenerationRecord } from './record.ts';

export function generationAudit(
  g: GenerationRecord,
  id: string,
  action: string,
  outcome: AuditEvent['outcome'],
  details: Record<string, unknown> = {},
  actor: AuditEvent['actor'] = { system: 'generation-worker' },
): AuditEvent {
  return {
    tenantId: g.tenantId,
    actor,
    action,
    target: { type: 'generation', id, departmentId: g.departmentId },
    outcome,
    details: {
      owner: g.owner.oid,
      // Findings from the negative prompt carry offsets into that text, not this one.
      prompt: redactPrompt(
        g.request.prompt,
        g.safety.findings.filter((f) => f.field === undefined),
      ),
      promptSha256: promptHash(g.request.prompt),
      model: g.request.model,
      size: g.request.size,
      quality: g.request.quality,
      n: g.request.n,
      ...details,
    },
  };
}
