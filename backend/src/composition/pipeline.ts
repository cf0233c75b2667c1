// Part of the composition root: builds the generation pipeline (providers, router, safety, budget engine,
// approvals, worker, service) and its housekeeping from config. Only main.ts calls it.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { DocumentStore } from '../ports/store.ts';
import type { BlobStore } from '../ports/blobs.ts';
import type { Notifier } from '../ports/notifier.ts';
import type { AuditTrail } from '../audit/trail.ts';
import type { Authorizer } from '../authorization/authorizer.ts';
import type { DenialLog } from '../authorization/denial-log.ts';
import type { DepartmentRepository } from '../departments/repository.ts';
import type { UserRepository } from '../users/repository.ts';
import { LocalProvider } from '../providers/local/local-provider.ts';
import type { ImageProvider } from '../providers/port.ts';
import { ProviderRegistry } from '../providers/registry.ts';
import { Router } from '../providers/router.ts';
import { createPromptSafety } from '../safety/index.ts';
import { ImageStore } from '../generations/image-store.ts';
import { DEFAULT_RATE_LIMITS, RateLimiter } from '../generations/rate-limiter.ts';
import { GenerationWorker } from '../generations/worker.ts';
import { GenerationService } from '../generations/service.ts';
import { BudgetEngine } from '../budgets/engine.ts';
import { ApprovalService } from '../approvals/service.ts';
import { remoteProviders } from './providers.ts';
import type { Directory } from '../identity/graph-directory.ts';
import { thresholdNotifier } from './threshold-alerts.ts';
import { Housekeeping } from './housekeeping.ts';

export interface Pipeline {
  registry: ProviderRegistry;
  worker: GenerationWorker;
  service: GenerationService;
  limiter: RateLimiter;
  budget: BudgetEngine;
  approvals: ApprovalService;
  housekeeping: Housekeeping;
  /** Image bytes and thumbnails (signed links read through it). */
  images: ImageStore;
  /** Starts the job sweeper and housekeeping. */
  start(): void;
  /** Stops them and waits for the jobs this instance is running. */
  stop(): Promise<void>;
}

export function buildPipeline(deps: {
  config: Config;
  log: Logger;
  store: DocumentStore;
  blobs: BlobStore;
  audit: AuditTrail;
  authz: Authorizer;
  denials: DenialLog;
  departments: DepartmentRepository;
  users: UserRepository;
  notifier: Notifier;
  directory?: Directory;
}): Pipeline {
  const { config, log, store } = deps;
  const p = config.pipeline;
  const entries: { provider: ImageProvider; timeoutMs: number }[] = [...remoteProviders(config)];
  if (p.local !== 'off') {
    entries.push({ provider: new LocalProvider({ fast: p.local === 'fast' }), timeoutMs: p.timeouts.local });
  }
  const registry = new ProviderRegistry(entries, p.breaker);
  const router = new Router(registry, log.child({ component: 'router' }));
  const images = new ImageStore(deps.blobs);
  const limiter = new RateLimiter(store, { ...DEFAULT_RATE_LIMITS, ...p.rateLimits });
  const budget = new BudgetEngine({
    store,
    log: log.child({ component: 'budget' }),
    onThreshold: thresholdNotifier({ users: deps.users, audit: deps.audit, notifier: deps.notifier }),
  });
  const worker = new GenerationWorker(
    { store, router, registry, images, budget, audit: deps.audit, log: log.child({ component: 'worker' }) },
    { instanceId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, ...p.worker },
  );
  const approvals = new ApprovalService({
    store,
    users: deps.users,
    departments: deps.departments,
    budget,
    worker,
    audit: deps.audit,
    authz: deps.authz,
    notifier: deps.notifier,
    log: log.child({ component: 'approvals' }),
    ttlMs: p.approvalTtlMs,
    ...(deps.directory ? { directory: deps.directory } : {}),
  });
  const service = new GenerationService({
    store,
    departments: deps.departments,
    router,
    safety: createPromptSafety(p.safety),
    budget,
    worker,
    audit: deps.audit,
    authz: deps.authz,
    limiter,
    images,
    approvals,
    log: log.child({ component: 'generations' }),
  });
  const housekeeping = new Housekeeping(
    {
      store,
      budget,
      approvals,
      limiter,
      denials: deps.denials,
      log: log.child({ component: 'housekeeping' }),
    },
    // A day past the approval window: a decision at its last moment still finds the cards to update.
    { ...p.housekeeping, cardRefTtlMs: p.approvalTtlMs + 86_400_000 },
  );
  return {
    registry,
    worker,
    service,
    limiter,
    budget,
    approvals,
    housekeeping,
    images,
    start() {
      worker.start();
      housekeeping.start();
    },
    async stop() {
      housekeeping.stop();
      await worker.stop();
    },
  };
}
