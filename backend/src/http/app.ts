// The Express application: middleware order matters (ids and logs first, problems last).
import express, { type Express, type Router } from 'express';
import type { Logger } from 'pino';
import { errorHandler, notFoundHandler } from './problem.ts';
import { requireJsonBody, securityHeaders } from './security.ts';
import { routersByPrefix } from './route-prefixes.ts';
import { requestLogging } from './request-log.ts';

export interface HttpAppParts {
  log: Logger;
  bodyLimit: string;
  /** Proxies whose X-Forwarded-For is believed (config TRUST_PROXY); empty trusts none. */
  trustProxy: string[];
  /** A span per request with its request id (telemetry/request-trace.ts), when telemetry is on. */
  tracing?: express.RequestHandler;
  /** Routes that need no sign-in (health, dev issuer, the web pages). */
  publicRoutes: Router[];
  /** See SecurityHeaderOptions. */
  signInOrigins?: string[];
  /** Runs before every /api/v1 route other than the public ones. */
  authenticate: express.RequestHandler;
  apiRoutes: Router[];
  /** The Teams bot's application (POST /api/messages); it checks Bot Framework tokens itself. */
  botApp?: express.RequestHandler;
}

export function createHttpApp(parts: HttpAppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  // Only the configured proxies may name the client; http/client-ip.ts also checks it is an IP at all.
  app.set('trust proxy', parts.trustProxy.length > 0 ? parts.trustProxy : false);
  app.set('query parser', 'simple');
  app.use(requestLogging(app, parts.log));
  if (parts.tracing) app.use(parts.tracing);
  app.use(securityHeaders({ signInOrigins: parts.signInOrigins ?? [] }));
  app.use(requireJsonBody);
  app.use(express.json({ limit: parts.bodyLimit, type: ['application/json', 'application/*+json'] }));
  // Each group's routers in order, each entered only for the paths its routes can match (route-prefixes.ts).
  app.use(routersByPrefix(parts.publicRoutes));
  if (parts.botApp) app.use(parts.botApp);
  app.use('/api/v1', parts.authenticate);
  app.use(routersByPrefix(parts.apiRoutes));
  app.use(notFoundHandler);
  app.use(errorHandler(parts.log));
  return app;
}
