// Settings of the generation pipeline: the local provider, workers, rate limits, breakers, prompt safety.
// Parsed by config.ts together with the rest of the environment.
import { z } from 'zod';
import { csv, httpUrl } from './fields.ts';
import { ROLES, type Role } from '@donatello/contracts';
import type { PromptSafetyOptions } from '../safety/index.ts';

const ms = (def: number, min = 1, max = 3_600_000) => z.coerce.number().int().min(min).max(max).default(def);

const RateLimits = z.string().transform((v, ctx) => {
  const out: Partial<Record<Role, number>> = {};
  for (const part of v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([a-z_]+)=(\d{1,7})$/.exec(part);
    if (!m || !(ROLES as readonly string[]).includes(m[1]!) || Number(m[2]) < 1) {
      ctx.addIssue({ code: 'custom', message: `"${part}" is not role=requests-per-minute` });
      return z.NEVER;
    }
    out[m[1] as Role] = Number(m[2]);
  }
  return out;
});

export const PipelineEnv = z.object({
  LOCAL_PROVIDER: z.enum(['on', 'off', 'fast']).optional(),
  GENERATION_LEASE_MS: ms(60_000, 1000),
  GENERATION_POLL_MS: ms(2000, 50, 60_000),
  GENERATION_ORPHAN_MS: ms(10_000, 100),
  GENERATION_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
  APPROVAL_TTL_HOURS: z.coerce
    .number()
    .min(0.0001)
    .max(24 * 30)
    .default(24),
  HOUSEKEEPING_MS: ms(30_000, 50, 3_600_000),
  RESERVATION_LEASE_MS: ms(15 * 60_000, 100, 24 * 3_600_000),
  RATE_LIMITS: RateLimits.optional(),
  DENIAL_AUDIT_WINDOW_MS: ms(60_000, 100, 3_600_000),
  DENIAL_AUDIT_BURST: z.coerce.number().int().min(1).max(1000).default(5),
  PROVIDER_BREAKER_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  PROVIDER_BREAKER_COOLDOWN_MS: ms(30_000, 100),
  LOCAL_TIMEOUT_MS: ms(30_000),
  SAFETY_BLOCKLIST: csv.optional(),
  MODERATION: z.enum(['none', 'openai', 'azure']).default('none'),
  MODERATION_OPENAI_BASE_URL: httpUrl.default('https://api.openai.com/v1'),
  MODERATION_OPENAI_API_KEY: z.string().min(1).optional(),
  AZURE_CONTENT_SAFETY_ENDPOINT: httpUrl.optional(),
  AZURE_CONTENT_SAFETY_KEY: z.string().min(1).optional(),
  MODERATION_SEVERITY_THRESHOLD: z.coerce.number().int().min(1).max(7).default(4),
  MODERATION_TIMEOUT_MS: ms(5000, 100, 60_000),
});
export type PipelineEnv = z.infer<typeof PipelineEnv>;

export interface PipelineConfig {
  local: 'on' | 'off' | 'fast';
  worker: { leaseMs: number; pollMs: number; orphanAfterMs: number; concurrency: number };
  approvalTtlMs: number;
  housekeeping: { everyMs: number; reservationLeaseMs: number };
  rateLimits: Partial<Record<Role, number>>;
  /** Denied requests: how many a user's window records in full; the rest become one counted record. */
  denials: { windowMs: number; burst: number };
  breaker: { threshold: number; cooldownMs: number };
  timeouts: { local: number };
  safety: PromptSafetyOptions;
}

/** Cross-field checks; returns problems as "NAME: why" lines. */
export function pipelineProblems(e: PipelineEnv, production: boolean): string[] {
  const p: string[] = [];
  if (e.MODERATION === 'openai' && !e.MODERATION_OPENAI_BASE_URL.startsWith('https://') && production) {
    p.push('  MODERATION_OPENAI_BASE_URL: must be https when NODE_ENV=production');
  }
  if (
    e.MODERATION === 'azure' &&
    production &&
    e.AZURE_CONTENT_SAFETY_ENDPOINT &&
    !e.AZURE_CONTENT_SAFETY_ENDPOINT.startsWith('https://')
  ) {
    p.push('  AZURE_CONTENT_SAFETY_ENDPOINT: must be https when NODE_ENV=production');
  }
  if (e.MODERATION === 'openai' && !e.MODERATION_OPENAI_API_KEY) {
    p.push('  MODERATION_OPENAI_API_KEY: required when MODERATION=openai');
  }
  if (e.MODERATION === 'azure') {
    if (!e.AZURE_CONTENT_SAFETY_ENDPOINT)
      p.push('  AZURE_CONTENT_SAFETY_ENDPOINT: required when MODERATION=azure');
    if (!e.AZURE_CONTENT_SAFETY_KEY) p.push('  AZURE_CONTENT_SAFETY_KEY: required when MODERATION=azure');
  }
  return p;
}

export function pipelineConfig(e: PipelineEnv, production: boolean): PipelineConfig {
  const moderation: PromptSafetyOptions['moderation'] =
    e.MODERATION === 'openai'
      ? {
          provider: 'openai',
          baseUrl: e.MODERATION_OPENAI_BASE_URL,
          apiKey: e.MODERATION_OPENAI_API_KEY!,
          timeoutMs: e.MODERATION_TIMEOUT_MS,
        }
      : e.MODERATION === 'azure'
        ? {
            provider: 'azure',
            endpoint: e.AZURE_CONTENT_SAFETY_ENDPOINT!,
            apiKey: e.AZURE_CONTENT_SAFETY_KEY!,
            severityThreshold: e.MODERATION_SEVERITY_THRESHOLD,
            timeoutMs: e.MODERATION_TIMEOUT_MS,
          }
        : { provider: 'none' };
  return {
    // The offline generator is the default everywhere but production, where real providers are expected.
    local: e.LOCAL_PROVIDER ?? (production ? 'off' : 'on'),
    worker: {
      leaseMs: e.GENERATION_LEASE_MS,
      pollMs: e.GENERATION_POLL_MS,
      orphanAfterMs: e.GENERATION_ORPHAN_MS,
      concurrency: e.GENERATION_CONCURRENCY,
    },
    approvalTtlMs: Math.round(e.APPROVAL_TTL_HOURS * 3_600_000),
    housekeeping: { everyMs: e.HOUSEKEEPING_MS, reservationLeaseMs: e.RESERVATION_LEASE_MS },
    rateLimits: e.RATE_LIMITS ?? {},
    denials: { windowMs: e.DENIAL_AUDIT_WINDOW_MS, burst: e.DENIAL_AUDIT_BURST },
    breaker: { threshold: e.PROVIDER_BREAKER_THRESHOLD, cooldownMs: e.PROVIDER_BREAKER_COOLDOWN_MS },
    timeouts: { local: e.LOCAL_TIMEOUT_MS },
    safety: { blocklist: e.SAFETY_BLOCKLIST ?? [], moderation },
  };
}
