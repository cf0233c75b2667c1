// PromptSafetyService: personal information, the blocklist and moderation combined into one verdict.
//   - blocklist or moderation findings: block (always);
//   - personal information only: the department's piiAction (block or warn);
//   - nothing: allow.
// Moderation is asked last and only when the verdict could still be something other than block, so a prompt
// already refused never leaves the process. When it is asked, it sees the prompt with personal information
// redacted ([email], [au_tfn]…): data minimisation, and the PII spans do not change what it judges.
// Every check reads the normalised view of the prompt (normalise.ts), never the raw text, and every finding
// is mapped back to offsets into the prompt as given, so redaction removes exactly what was found.
import type { Blocklist } from './blocklist.ts';
import type { Moderator } from './moderation.ts';
import { compose, normalisePrompt, toOriginal, type TextView } from './normalise.ts';
import { findPersonalInformation } from './pii.ts';
import type { Finding, PromptSafety, SafetyPolicy, SafetyVerdict } from './port.ts';
import { redactPrompt } from './redact.ts';
import { readSpelledDigits } from './spelled-digits.ts';

/** Personal information in the prompt, read through its normalised view; offsets into the prompt as given. */
export function findPersonalInformationIn(view: TextView): Finding[] {
  const digits = compose(readSpelledDigits(view), view);
  return findPersonalInformation(digits.text).map((f) => ({
    ...f,
    ...toOriginal(digits, f.start, f.end),
  }));
}

export interface PromptSafetyDeps {
  blocklist: Blocklist;
  /** Absent when no moderation service is configured. */
  moderator?: Moderator;
}

export class PromptSafetyService implements PromptSafety {
  readonly #blocklist: Blocklist;
  readonly #moderator: Moderator | undefined;

  constructor(deps: PromptSafetyDeps) {
    this.#blocklist = deps.blocklist;
    this.#moderator = deps.moderator;
  }

  /** Which moderation service is in use (`none` without one), for the health view. */
  get moderation(): string {
    return this.#moderator?.provider ?? 'none';
  }

  /** Throws ModerationUnavailableError (503) when moderation is configured but cannot answer. */
  async check(prompt: string, policy: SafetyPolicy, signal?: AbortSignal): Promise<SafetyVerdict> {
    signal?.throwIfAborted();
    const view = normalisePrompt(prompt);
    const pii = findPersonalInformationIn(view);
    const blocked = this.#blocklist.findIn(view);
    const findings = [...pii, ...blocked];
    const piiBlocks = pii.length > 0 && policy.piiAction === 'block';

    if (this.#moderator && blocked.length === 0 && !piiBlocks) {
      // Redacted first, then normalised: the service judges what the text says, not how it is spelled.
      const categories = await this.#moderator.moderate(
        normalisePrompt(redactPrompt(prompt, pii)).text,
        signal,
      );
      for (const category of categories) {
        findings.push({ type: 'moderation', start: 0, end: prompt.length, category });
      }
    }

    findings.sort((a, b) => a.start - b.start || a.end - b.end);
    const hardBlock = findings.some((f) => f.type === 'blocklist' || f.type === 'moderation');
    const decision = hardBlock || piiBlocks ? 'block' : pii.length > 0 ? 'warn' : 'allow';
    return { decision, findings };
  }
}
