/** Stable problem codes (RFC 9457 `type` = PROBLEM_BASE + code). Clients switch on these, never on text. */
export const PROBLEM_CODES = [
  'validation-failed',
  'invalid-json',
  'payload-too-large',
  'unsupported-media-type',
  'unauthorized',
  'forbidden',
  'not-found',
  'method-not-allowed',
  'conflict',
  'idempotency-key-reused',
  'no-department',
  'already-exists',
  'budget-exceeded',
  'prompt-blocked',
  'rate-limited',
  'already-decided',
  'approval-expired',
  'no-provider-available',
  'service-unavailable',
  'internal',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export const PROBLEM_BASE = 'https://donatello.ai/problems/';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: ProblemCode;
  requestId?: string;
  /** For validation-failed: which fields and why. */
  errors?: { path: string; message: string }[];
}
