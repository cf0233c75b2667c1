import { z } from 'zod';
import type { BudgetSummaryView } from './users.ts';

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

export interface SafetyView {
  decision: 'allow' | 'warn' | 'block';
  /** Types and offsets only; the matched text is never sent back. */
  findings: { type: string; start: number; end: number; category?: string; field?: 'negativePrompt' }[];
}

export interface ImageView {
  id: string;
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
  contentType: string;
  sha256: string;
}

export interface EstimateView {
  provider: string;
  model: string;
  modelName: string;
  unitCostAud: string;
  totalCostAud: string;
  /** What is reserved against the budget: the dearest model the request may fall back to. */
  maxCostAud: string;
  currency: 'AUD';
  decision: 'allow' | 'warn' | 'needs_approval' | 'deny';
  budget: BudgetSummaryView | null;
  safety: SafetyView;
  /** The same prompt and settings in this department within 30 days: reuse it instead of paying again. */
  existing: { generationId: string; createdAt: string; images: ImageView[] } | null;
  fallbacks: { provider: string; model: string }[];
}

export interface GenerationView {
  id: string;
  status: GenerationStatus;
  prompt: string;
  negativePrompt: string | null;
  model: string | null;
  provider: string | null;
  size: string;
  quality: 'standard' | 'hd';
  style: string | null;
  n: number;
  purpose: 'internal' | 'external';
  /** Committed cost once finished; the estimate before. */
  costAud: string;
  owner: { objectId: string; displayName: string };
  departmentId: string;
  images: ImageView[];
  safety: SafetyView;
  error: { code: string; message: string } | null;
  /** Set while a soft-limit overage waits for a manager, and after the decision. */
  approval: { id: string; status: string } | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export const GenerationListQuery = z.object({
  scope: z.enum(['mine', 'department', 'all']).default('mine'),
  q: z.string().trim().min(1).max(200).optional(),
  cursor: z.string().min(1).max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
