import { z } from 'zod';
import { Cursor, Guid, PersonRef, Timestamp } from './common.ts';
import { AudValue } from './money.ts';
import { BudgetSummaryView } from './users.ts';
import { APPROVAL_STATUSES } from './approvals.ts';

export const IMAGE_SIZE_VALUES = ['1024x1024', '1792x1024', '1024x1792'] as const;

/** Input of POST /api/v1/estimates and POST /api/v1/generations (DESIGN §9). */
export const GenerationRequest = z.strictObject({
  prompt: z.string().trim().min(1).max(4000),
  negativePrompt: z.string().trim().min(1).max(2000).optional(),
  model: z
    .string()
    .regex(/^(auto|[a-z0-9][a-z0-9.-]{1,63})$/, 'auto or a model id')
    .default('auto'),
  size: z.enum(IMAGE_SIZE_VALUES).default('1024x1024'),
  quality: z.enum(['standard', 'hd']).default('standard'),
  style: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,31}$/, 'a style name')
    .optional(),
  n: z.number().int().min(1).max(4).default(1),
  purpose: z.enum(['internal', 'external']).default('internal'),
});
export type GenerationRequest = z.infer<typeof GenerationRequest>;

export const GENERATION_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'pending_approval',
  'rejected',
  'expired',
  'blocked',
] as const;
export type GenerationStatus = (typeof GENERATION_STATUSES)[number];

export const GenerationId = Guid('a generation id');

/** Idempotency-Key on POST /api/v1/generations: a retry with the same key and body gets the first answer. */
export const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{1,255}$/, '1-255 visible ASCII characters');

export const SafetyView = z
  .object({
    decision: z.enum(['allow', 'warn', 'block']),
    findings: z
      .array(
        z.object({
          type: z.string(),
          start: z.number().int().min(0),
          end: z.number().int().min(0),
          category: z.string().optional(),
          field: z.literal('negativePrompt').optional(),
        }),
      )
      .meta({ description: 'Types and offsets only; the matched text is never sent back' }),
  })
  .meta({ id: 'Safety' });
export type SafetyView = z.infer<typeof SafetyView>;

export const ImageView = z
  .object({
    id: z.string(),
    url: z.string().meta({ description: 'The PNG, with provenance (XMP); needs the bearer token' }),
    thumbnailUrl: z.string().meta({ description: 'A 256 px WebP' }),
    width: z.number().int(),
    height: z.number().int(),
    contentType: z.string(),
    sha256: z.string().meta({ description: 'The SHA-256 of the image bytes, hex' }),
  })
  .meta({ id: 'Image' });
export type ImageView = z.infer<typeof ImageView>;

export const EstimateView = z
  .object({
    provider: z.string(),
    model: z.string(),
    modelName: z.string(),
    unitCostAud: AudValue,
    totalCostAud: AudValue.meta({ description: 'What the first model would cost' }),
    maxCostAud: AudValue.meta({
      description: 'What is reserved against the budget: the dearest model the request may fall back to',
    }),
    currency: z.literal('AUD'),
    decision: z.enum(['allow', 'warn', 'needs_approval', 'deny']).meta({
      description: 'What a request would get now, without reserving',
    }),
    budget: BudgetSummaryView.nullable(),
    safety: SafetyView,
    existing: z
      .object({ generationId: z.string(), createdAt: Timestamp, images: z.array(ImageView) })
      .nullable()
      .meta({ description: 'The same prompt and settings in this department within 30 days: reuse it' }),
    fallbacks: z.array(z.object({ provider: z.string(), model: z.string() })),
  })
  .meta({ id: 'Estimate' });
export type EstimateView = z.infer<typeof EstimateView>;

export const GenerationView = z
  .object({
    id: z.string(),
    status: z.enum(GENERATION_STATUSES),
    prompt: z.string().meta({ description: 'A blocked prompt reads `[blocked prompt]`' }),
    negativePrompt: z.string().nullable(),
    model: z.string().nullable(),
    provider: z.string().nullable(),
    size: z.string(),
    quality: z.enum(['standard', 'hd']),
    style: z.string().nullable(),
    n: z.number().int(),
    purpose: z.enum(['internal', 'external']),
    costAud: AudValue.meta({ description: 'Committed cost once finished; the estimate before' }),
    owner: PersonRef,
    departmentId: z.string(),
    images: z.array(ImageView),
    safety: SafetyView,
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    approval: z
      .object({ id: z.string(), status: z.enum(APPROVAL_STATUSES) })
      .nullable()
      .meta({ description: 'Set while a soft-limit overage waits for a manager, and after the decision' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    finishedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Generation' });
export type GenerationView = z.infer<typeof GenerationView>;

export const GenerationListQuery = z.object({
  scope: z.enum(['mine', 'department', 'all']).default('mine'),
  q: z.string().trim().min(1).max(200).optional(),
  status: z.enum(GENERATION_STATUSES).optional().meta({
    description: 'Only generations in this state (`succeeded`: images that can be used again)',
  }),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
