import { z } from 'zod';
import { PersonRef, Timestamp } from './common.ts';

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

export const ProblemCode = z.enum(PROBLEM_CODES).meta({ id: 'ProblemCode' });

/**
 * Every failure (RFC 9457, application/problem+json). The fields after `requestId` appear only with the codes
 * that carry them; anything else a problem sends must be added here, or the conformance tests fail.
 */
export const ProblemDetails = z
  .object({
    type: z.string().meta({ description: '`https://donatello.ai/problems/` + `code`' }),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional(),
    instance: z.string().optional().meta({ description: 'The request path' }),
    code: ProblemCode.meta({ description: 'Switch on this, never on the text' }),
    requestId: z.string().optional().meta({ description: 'Quote it when reporting a problem' }),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .meta({ description: '`validation-failed`: which fields and why' }),
    findings: z
      .array(
        z.object({
          type: z.string(),
          start: z.number().int().min(0).optional(),
          end: z.number().int().min(0).optional(),
        }),
      )
      .optional()
      .meta({ description: '`prompt-blocked`: what was found and where, never the text' }),
    generationId: z
      .string()
      .optional()
      .meta({ description: 'The generation this failure belongs to, when one was recorded' }),
    decidedBy: PersonRef.nullable().optional().meta({ description: '`already-decided`: who decided' }),
    decidedAt: Timestamp.nullable().optional().meta({ description: '`already-decided`: when' }),
    retryAfterSeconds: z
      .number()
      .int()
      .min(0)
      .optional()
      .meta({ description: 'The same as the `Retry-After` header' }),
  })
  .meta({ id: 'Problem' });
export type ProblemDetails = z.infer<typeof ProblemDetails>;
