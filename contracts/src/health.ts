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
