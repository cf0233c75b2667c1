// Prompt safety (DESIGN §2, issue #3): personal-information recognisers, a blocklist and optional moderation.
// Findings carry a type and offsets only; the matched text never leaves this module (not in logs, not in audit).

export const FINDING_TYPES = [
  'email',
  'au_phone',
  'payment_card',
  'au_tfn',
  'au_medicare',
  'au_abn',
  'blocklist',
  'moderation',
] as const;
export type FindingType = (typeof FINDING_TYPES)[number];

export interface Finding {
  type: FindingType;
  /** UTF-16 offsets into the prompt, end exclusive. Moderation findings span the whole prompt. */
  start: number;
  end: number;
  /** For moderation: the category the service flagged (e.g. `violence`); never prompt text. */
  category?: string;
}

export interface SafetyVerdict {
  /** `block`: refuse (422 prompt-blocked); `warn`: allow, tell the user; `allow`: nothing found. */
  decision: 'allow' | 'warn' | 'block';
  findings: Finding[];
}

export interface SafetyPolicy {
  /** The department's choice for personal information. Blocklist and moderation hits always block. */
  piiAction: 'block' | 'warn';
}

export interface PromptSafety {
  check(prompt: string, policy: SafetyPolicy, signal?: AbortSignal): Promise<SafetyVerdict>;
}
