// The Express application: middleware order matters (ids and logs first, problems last).
import { randomUUID } from 'node:crypto';
import express, { type Express, type Router } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { errorHandler, notFoundHandler } from './problem.ts';
import { requireJsonBody, securityHeaders } from './security.ts';
import { routersByPrefix } from './route-prefixes.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

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
  app.use(
    pinoHttp({
      logger: parts.log,
      // Honour a caller's request id when it looks like one, so traces join up across services.
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customAttributeKeys: { reqId: 'requestId' },
      // req.log carries only the request id; the full request is logged once, on completion.
      quietReqLogger: true,
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
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
