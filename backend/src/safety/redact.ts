// What the audit log keeps of a prompt (DESIGN §5, APP 11): the text with each finding replaced by its type,
// and a hash of the original that proves which prompt it was without keeping it.
import { createHash } from 'node:crypto';

/** A finding as stored on a generation record (contracts' SafetyView): type and offsets only. */
export interface RedactionSpan {
  type: string;
  start: number;
  end: number;
  category?: string;
}

/**
 * The prompt with every finding's span replaced by `[type]` (e.g. `[email]`). Overlapping spans merge into
 * the first; a moderation finding covers the whole prompt, so it leaves just `[moderation]`.
 * Throws RangeError for a span outside the prompt rather than return unredacted text.
 */
export function redactPrompt(prompt: string, findings: readonly RedactionSpan[]): string {
  const spans = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const f of spans) {
    if (!Number.isInteger(f.start) || !Number.isInteger(f.end) || f.start < 0 || f.end > prompt.length) {
      throw new RangeError(`finding span ${f.start}..${f.end} is outside a prompt of ${prompt.length}`);
    }
    if (f.end <= f.start || f.end <= at) continue;
    if (f.start >= at) out += prompt.slice(at, f.start) + `[${f.type}]`;
    at = Math.max(at, f.end);
  }
  return out + prompt.slice(at);
}

/** SHA-256 of the prompt's UTF-8 bytes, lower-case hex. */
export function promptHash(prompt: string): string {
  return createHash('sha256').update(prompt, 'utf8').digest('hex');
}
