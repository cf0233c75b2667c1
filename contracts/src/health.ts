import { z } from 'zod';

export const HealthView = z
  .object({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    mode: z.enum(['development', 'production', 'test']),
    adapters: z.object({
      store: z.enum(['sqlite', 'cosmos']),
      blobs: z.enum(['fs', 'azure']),
      identity: z.array(z.string()).meta({ description: 'The token issuers trusted: `entra`, `dev`' }),
    }),
    providers: z.array(z.string()).meta({ description: 'The image providers configured' }),
    checks: z.record(z.string(), z.enum(['ok', 'failed'])),
  })
  .meta({ id: 'Health' });
export type HealthView = z.infer<typeof HealthView>;

/** `/api/v1/health/live` and `/api/v1/health/ready`: 200 with `ok`, or 503 with `unavailable` (ready only). */
export const ProbeView = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    checks: z.record(z.string(), z.enum(['ok', 'failed'])).optional(),
  })
  .meta({ id: 'Probe' });
export type ProbeView = z.infer<typeof ProbeView>;
