// Composition root (DESIGN §1): the only place that picks adapters from config and wires services together.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { Express } from 'express';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { loadConfig, ConfigError, type Config } from './config.ts';
import type { DocumentStore } from './ports/store.ts';
import type { BlobStore } from './ports/blobs.ts';
import { GraphDirectory } from './identity/graph-directory.ts';
import { DepartmentRepository } from './departments/repository.ts';
import { UserRepository } from './users/repository.ts';
import { GenerationCardRepository } from './generations/cards.ts';
import { AuditTrail } from './audit/trail.ts';
import { Authorizer } from './authorization/authorizer.ts';
import { DenialLog } from './authorization/denial-log.ts';
import { DepartmentService } from './departments/service.ts';
import { UserService } from './users/service.ts';
import { createHttpApp } from './http/app.ts';
import { authenticate } from './http/authenticate.ts';
import { healthRoutes } from './routes/health.ts';
import { devRoutes } from './routes/dev.ts';
import { meRoutes } from './routes/me.ts';
import { departmentRoutes } from './routes/departments.ts';
import { userRoutes } from './routes/users.ts';
import { generationRoutes } from './routes/generations.ts';
import { approvalRoutes } from './routes/approvals.ts';
import { usageRoutes } from './routes/usage.ts';
import { auditRoutes } from './routes/audit.ts';
import { modelRoutes } from './routes/models.ts';
import { clientConfigRoutes } from './routes/client-config.ts';
import { webPages } from './http/web-pages.ts';
import { officePagePolicy } from './http/security.ts';
import { buildPipeline, type Pipeline } from './composition/pipeline.ts';
import { LoggingNotifier } from './notifications/notifiers.ts';
import type { Notifier } from './ports/notifier.ts';
import { ImageLinkSigner } from './identity/image-links.ts';
import { readSignedImage } from './generations/signed-images.ts';
import { signedImageRoutes } from './routes/signed-images.ts';
import { composeBot, RelayNotifier } from './composition/bot.ts';
import { composeIdentity } from './composition/identity.ts';
import { banner } from './composition/banner.ts';
import { DEV_USERS } from './dev/seed.ts';
import type { Bot } from '@donatello/bot';
import { buildOpenApiDocument, documentOptions } from './openapi/document.ts';
import { referenceRoutes } from './openapi/serve.ts';
// Azure deployment (issue #13): keyless Azure access, the WORM audit export, telemetry.
import type { TokenCredential } from '@azure/identity';
import { azureCredential } from './identity/azure-credential.ts';
import { credentialSource, openAuditArchive, openBlobs, openStore } from './composition/adapters.ts';
import { SegmentExporter } from './audit/segment-exporter.ts';
import { requestTrace } from './telemetry/request-trace.ts';
import { startTelemetry, type Telemetry } from './telemetry/start.ts';

export interface Host {
  url: string;
  port: number;
  config: Config;
  store: DocumentStore;
  blobs: BlobStore;
  audit: AuditTrail;
  pipeline: Pipeline;
  /** The Teams bot, when configured (config.bot). */
  bot: Bot | null;
  /** The Express application (the route-walk test reads its router). */
  app: Express;
  /** The WORM audit export (config.auditExport), when on. */
  auditExport: SegmentExporter | null;
  /** Stops accepting, lets in-flight requests finish (up to the grace period), closes the stores. */
  close(): Promise<void>;
}

/** JSON logs with ISO timestamps; secrets in headers never reach a log line. */
export function createLogger(config: Pick<Config, 'logLevel' | 'version'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'donatello-backend', version: config.version },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: ['req.headers.authorization', 'req.headers.cookie', '*.accessToken', '*.token'],
  });
}

export interface HostOptions {
  /** Who hears about approvals and alerts; the logging notifier by default. */
  notifier?: Notifier;
  /** The Entra ID credential for keyless Cosmos DB and Blob Storage; by default from config.azure. */
  credential?: TokenCredential;
}

export async function startHost(
  config: Config,
  log: Logger = createLogger(config),
  options: HostOptions = {},
): Promise<Host> {
  const credential = credentialSource(config, options.credential);
  const store = await openStore(config, credential);
  let blobs: BlobStore | null = null;
  let archive: BlobStore | null = null;
  try {
    blobs = await openBlobs(config, credential);
    if (config.auditExport.enabled) archive = await openAuditArchive(config, credential, log);
    return await compose(config, log, { store, blobs, archive }, options);
  } catch (err) {
    // Startup failed half way: release what was opened, then report the original failure.
    await closeAll(log, [store, blobs, archive]);
    throw err;
  }
}

async function closeAll(log: Logger, resources: ({ close(): Promise<void> } | null)[]): Promise<void> {
  const results = await Promise.allSettled(resources.map((r) => (r ? r.close() : Promise.resolve())));
  for (const r of results)
    if (r.status === 'rejected') log.error({ err: r.reason as unknown }, 'close failed');
}

async function compose(
  config: Config,
  log: Logger,
  opened: { store: DocumentStore; blobs: BlobStore; archive: BlobStore | null },
  options: HostOptions,
): Promise<Host> {
  const { store, blobs, archive } = opened;
  const audit = new AuditTrail(store, log.child({ component: 'audit' }));
  const departments = new DepartmentRepository(store);
  const users = new UserRepository(store);
  // Denials are audited, bounded per user and window (authorization/denial-log.ts); housekeeping flushes counts.
  const denials = new DenialLog(store, audit, config.pipeline.denials);
  const authz = new Authorizer(audit, denials);
  const userService = new UserService(users, departments, authz, audit);

  const { verifier, dev } = await composeIdentity(config, log, { departments, users, audit });
  const logging = new LoggingNotifier(log.child({ component: 'notifier' }));
  // The bot needs the pipeline's services and the pipeline needs a notifier: relay until the bot exists.
  const relay = new RelayNotifier(logging);
  const notifier: Notifier = options.notifier ?? relay;
  const directory = config.identity.graph
    ? new GraphDirectory(config.identity.graph, log.child({ component: 'graph' }))
    : undefined;
  const pipeline = buildPipeline({
    config,
    log,
    store,
    blobs,
    audit,
    authz,
    denials,
    departments,
    users,
    notifier,
    ...(directory ? { directory } : {}),
  });

  // Budget changes take effect for money through the budget engine's counter.
  const departmentService = new DepartmentService(departments, authz, audit, pipeline.budget);

  const signer = ImageLinkSigner.load(config.imageLinks, join(config.dataDir, 'image-url-secret'));
  const teams = config.bot
    ? await composeBot(
        { config, users, departments, cards: new GenerationCardRepository(store), pipeline, signer },
        config.bot,
        log,
      )
    : null;
  if (teams) {
    const bot = teams.bot;
    relay.relayTo({
      notify: async (n) => {
        await logging.notify(n);
        await bot.notifier.notify(n);
      },
    });
  }

  const auditExport = archive
    ? new SegmentExporter(
        { store, trail: audit, archive, log: log.child({ component: 'audit-export' }) },
        { intervalMs: config.auditExport.intervalMs, maxRecords: config.auditExport.maxRecords },
      )
    : null;

  // The API's OpenAPI document, generated from the route specs and the contracts' schemas (openapi/).
  const openapi = buildOpenApiDocument(documentOptions(config));
  // MSAL in the pages exchanges codes and renews tokens with Entra; in the embedded mode sign-in is /dev/token.
  const signInOrigins = config.identity.entra ? ['https://login.microsoftonline.com'] : [];
  const app = createHttpApp({
    log,
    ...(config.telemetry ? { tracing: requestTrace() } : {}),
    bodyLimit: config.http.bodyLimit,
    trustProxy: config.http.trustProxy,
    signInOrigins,
    publicRoutes: [
      clientConfigRoutes(config),
      webPages({ mount: '/tab', dir: config.web.tabDir, buildCommand: 'npm run build:tab' }),
      webPages({
        mount: '/addin',
        dir: config.web.addinDir,
        entry: 'taskpane.html',
        buildCommand: 'npm run build:addin',
        headers: officePagePolicy({ signInOrigins }),
      }),
      healthRoutes(config, {
        store,
        blobs,
        identity: verifier.issuerNames,
        providers: () => pipeline.registry.ids(),
      }),
      ...(dev ? [devRoutes(dev, config.identity.dev.tenantId)] : []),
      referenceRoutes(openapi, { devUsers: dev ? DEV_USERS : [] }),
      signedImageRoutes(signer, (tenantId, imageId, variant) =>
        readSignedImage(store, pipeline.images, tenantId, imageId, variant),
      ),
    ],
    ...(teams ? { botApp: teams.http } : {}),
    authenticate: authenticate(verifier, userService),
    apiRoutes: [
      meRoutes(departments, pipeline.budget),
      approvalRoutes(pipeline.approvals),
      usageRoutes(store, departments, authz),
      departmentRoutes(departmentService),
      userRoutes(userService),
      generationRoutes(pipeline.service, pipeline.worker),
      modelRoutes(pipeline.registry, departments),
      auditRoutes(audit, authz),
    ],
  });

  const server: Server = app.listen(config.http.port, config.http.host);
  await once(server, 'listening');
  pipeline.start();
  auditExport?.start();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections go as soon as their request in flight is answered; stragglers after the grace.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const timer = setTimeout(() => server.closeAllConnections(), config.http.shutdownGraceMs);
      await closed;
      clearInterval(sweep);
      clearTimeout(timer);
      await teams?.bot.stop();
      await pipeline.stop();
      await auditExport?.stop();
      await closeAll(log, [store, blobs, archive]);
      log.info('stopped');
    })());

  const url = `http://${config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host}:${port}`;
  return {
    url,
    port,
    config,
    store,
    blobs,
    audit,
    pipeline,
    bot: teams?.bot ?? null,
    app,
    auditExport,
    close,
  };
}

async function run(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const log = createLogger(config);
  if (config.azure.unresolvedSecrets.length) {
    log.warn(
      { settings: config.azure.unresolvedSecrets },
      'Key Vault references without a secret behind them are treated as unset',
    );
  }
  const telemetry: Telemetry | null = config.telemetry
    ? await startTelemetry(
        config.telemetry,
        log.child({ component: 'telemetry' }),
        config.azure.credential.managedIdentityClientId
          ? azureCredential(config.azure.credential)
          : undefined,
      )
    : null;
  const host = await startHost(config, log);
  process.stdout.write(`${banner(host)}\n`);
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    // Telemetry last, so it still carries the shutdown's own traces and metrics.
    (async () => {
      await host.close();
      await telemetry?.shutdown();
    })().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (import.meta.main) {
  run().catch((err: unknown) => {
    process.stderr.write(`DonatelloAI failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
