import { Router } from 'express';
import type { HealthView } from '@donatello/contracts';
import type { Config } from '../config.ts';
import type { BlobStore } from '../ports/blobs.ts';
import type { DocumentStore } from '../ports/store.ts';

async function check(fn: () => Promise<void>, timeoutMs = 2000): Promise<'ok' | 'failed'> {
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
    ]);
    return 'ok';
  } catch {
    return 'failed';
  }
}

export function healthRoutes(
  config: Config,
  deps: { store: DocumentStore; blobs: BlobStore; identity: string[]; providers: () => string[] },
): Router {
  const r = Router();
  r.get('/api/v1/health', async (_req, res) => {
    const checks = {
      store: await check(() => deps.store.ping()),
      blobs: await check(() => deps.blobs.ping()),
    };
    const ok = Object.values(checks).every((c) => c === 'ok');
    const body: HealthView = {
      status: ok ? 'ok' : 'degraded',
      version: config.version,
      mode: config.env,
      adapters: { store: deps.store.kind, blobs: deps.blobs.kind, identity: deps.identity },
      providers: deps.providers(),
      checks,
    };
    res.status(ok ? 200 : 503).json(body);
  });
  return r;
}
