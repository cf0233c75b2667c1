import { Router } from 'express';
import type { HealthView, ProbeView } from '@donatello/contracts';
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
  // Probes for App Service and load balancers (issue #13). Live: the process answers; nothing else is
  // checked, so a store outage never gets healthy instances restarted. Ready: it can serve, because the store
  // and the blob store answer; otherwise 503 and the instance is taken out of rotation.
  r.get('/api/v1/health/live', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' } satisfies ProbeView);
  });
  r.get('/api/v1/health/ready', async (_req, res) => {
    const [store, blobs] = await Promise.all([
      check(() => deps.store.ping()),
      check(() => deps.blobs.ping()),
    ]);
    const ok = store === 'ok' && blobs === 'ok';
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(ok ? 200 : 503)
      .json({ status: ok ? 'ok' : 'unavailable', checks: { store, blobs } } satisfies ProbeView);
  });
  return r;
}
