// Part of the composition root: builds the generation pipeline (providers, router, safety, budget, worker,
// service) from config. Only main.ts calls it.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { DocumentStore } from '../ports/store.ts';
import type { BlobStore } from '../ports/blobs.ts';
import type { BudgetPort } from '../ports/budget.ts';
import type { AuditTrail } from '../services/audit.ts';
import type { Authorizer } from '../services/authorizer.ts';
import type { DepartmentRepository } from '../repositories/departments.ts';
import { LocalProvider } from '../providers/local/local-provider.ts';
import type { ImageProvider } from '../providers/port.ts';
import { ProviderRegistry } from '../providers/registry.ts';
import { Router } from '../providers/router.ts';
import { createPromptSafety } from '../safety/index.ts';
import { ImageStore } from '../generations/image-store.ts';
import { DEFAULT_RATE_LIMITS, RateLimiter } from '../generations/rate-limiter.ts';
import { GenerationWorker } from '../generations/worker.ts';
import { GenerationService } from '../generations/service.ts';
import { remoteProviders } from './providers.ts';

export interface Pipeline {
  registry: ProviderRegistry;
  worker: GenerationWorker;
  service: GenerationService;
  limiter: RateLimiter;
  /** Starts the job sweeper and housekeeping. */
  start(): void;
  /** Stops them and waits for the jobs this instance is running. */
  stop(): Promise<void>;
}

const PRUNE_EVERY_MS = 5 * 60_000;

export function buildPipeline(deps: {
  config: Config;
  log: Logger;
  store: DocumentStore;
  blobs: BlobStore;
  audit: AuditTrail;
  authz: Authorizer;
  departments: DepartmentRepository;
  budget: BudgetPort;
}): Pipeline {
  const { config, log, store } = deps;
  const p = config.pipeline;
  const entries: { provider: ImageProvider; timeoutMs: number }[] = [...remoteProviders(config)];
  if (p.local !== 'off')
    entries.push({ provider: new LocalProvider({ fast: p.local === 'fast' }), timeoutMs: p.timeouts.local });
  const registry = new ProviderRegistry(entries, p.breaker);
  const router = new Router(registry, log.child({ component: 'router' }));
  const images = new ImageStore(deps.blobs);
  const limiter = new RateLimiter(store, { ...DEFAULT_RATE_LIMITS, ...p.rateLimits });
  const worker = new GenerationWorker(
    {
      store,
      router,
      registry,
      images,
      budget: deps.budget,
      audit: deps.audit,
      log: log.child({ component: 'worker' }),
    },
    { instanceId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, ...p.worker },
  );
  const service = new GenerationService({
    store,
    departments: deps.departments,
    router,
    safety: createPromptSafety(p.safety),
    budget: deps.budget,
    worker,
    audit: deps.audit,
    authz: deps.authz,
    limiter,
    images,
    log: log.child({ component: 'generations' }),
  });
  let prune: NodeJS.Timeout | null = null;
  return {
    registry,
    worker,
    service,
    limiter,
    start() {
      worker.start();
      prune = setInterval(() => {
        limiter.prune().catch((err: unknown) => log.warn({ err }, 'rate-limit pruning failed'));
      }, PRUNE_EVERY_MS);
      prune.unref();
    },
    async stop() {
      if (prune) clearInterval(prune);
      await worker.stop();
    },
  };
}
