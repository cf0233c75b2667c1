// Request and response headers the API reads or sends, described once and referenced by the route specs.
import { z } from 'zod';
import { IdempotencyKey } from '@donatello/contracts';

export const RequestIdHeader = z
  .string()
  .regex(/^[A-Za-z0-9._-]{8,64}$/)
  .meta({
    description:
      'The request id (a well-formed incoming `X-Request-Id` is kept); quote it when reporting a problem',
    header: { id: 'X-Request-Id' },
  });
export const RetryAfterHeader = z
  .string()
  .regex(/^\d+$/)
  .meta({
    description: 'Seconds to wait before retrying',
    header: { id: 'Retry-After' },
  });
export const LocationHeader = z.string().meta({ description: 'The path of the resource' });
export const NoStoreHeader = z.literal('no-store').meta({ description: 'Never cached' });
export const AttachmentHeader = z.string().meta({
  description: 'attachment; filename="…"',
});
export const ETagHeader = z.string().meta({ description: 'The SHA-256 of the bytes, quoted' });

/** `Prefer: wait=N` and `Idempotency-Key` on POST /api/v1/generations. */
export const GenerationRequestHeaders = z.object({
  'Idempotency-Key': IdempotencyKey.optional().meta({
    description:
      'A retry with the same key and body returns the first generation (`Idempotent-Replayed: true`) and charges once; ' +
      'the same key with another body is 409 `idempotency-key-reused`. Remembered for at least 24 hours.',
    examples: ['7d1c2a4e-koala-q3'],
  }),
  Prefer: z
    .string()
    .optional()
    .meta({
      description: '`wait=N` waits up to N seconds (at most 60) for the result (`Preference-Applied: wait`)',
      examples: ['wait=30'],
    }),
});

export const ConditionalGetHeaders = z.object({
  'If-None-Match': z
    .string()
    .optional()
    .meta({ description: 'The `ETag` of a copy already held: 304 if unchanged' }),
});
