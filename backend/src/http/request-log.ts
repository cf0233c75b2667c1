// Request ids and request logs. Every request gets an id (a well-formed incoming X-Request-Id, so traces join
// up across services, else a UUID), answered in X-Request-Id, and one log line when its response ends: the id,
// method, path without the query, status, response time and, once signed in, the user; 5xx at `error`.
// `req.log`, for a handler's own lines (the error handler's), is a child logger carrying the id and the user.
// Why not pino-http: it made two child loggers for every request, and sign-in a third; each one serialises its
// bindings through the redaction, about 5 % of a gallery page's CPU whether or not a line was ever written. Here
// `req.log` is made on first use, from one accessor shared by all requests, and the completion line is written
// on the root logger.
import { randomUUID } from 'node:crypto';
import type { Express, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { Actor } from '../users/record.ts';

declare module 'http' {
  interface IncomingMessage {
    /** This request's id, as answered in X-Request-Id. */
    id: string;
    /** A logger carrying the request id, and the user once signed in. */
    log: Logger;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const LOGGER = Symbol('request logger');
type LoggedRequest = Request & { [LOGGER]?: Logger };

/** `tid:oid` of the signed-in caller (http/authenticate.ts), if any. */
function userOf(res: Response | undefined): string | undefined {
  const actor = res?.locals.actor as Actor | undefined;
  return actor ? `${actor.user.tenantId}:${actor.user.objectId}` : undefined;
}

export function requestLogging(app: Express, log: Logger): RequestHandler {
  // On this app's request prototype: one accessor for all requests, not a logger per request. A logger made
  // before sign-in lacks the user; the error handler, its only caller, runs after it.
  Object.defineProperty(app.request, 'log', {
    configurable: true,
    get(this: LoggedRequest): Logger {
      const user = userOf(this.res);
      return (this[LOGGER] ??= log.child(user ? { requestId: this.id, user } : { requestId: this.id }));
    },
    set(this: LoggedRequest, value: Logger) {
      this[LOGGER] = value;
    },
  });
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    req.id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    const started = performance.now();
    // 'close' comes for every response, finished or aborted.
    res.once('close', () => logCompletion(log, req, res, started));
    next();
  };
}

function logCompletion(log: Logger, req: Request, res: Response, started: number): void {
  const level = res.statusCode >= 500 ? 'error' : 'info';
  if (!log.isLevelEnabled(level)) return;
  const user = userOf(res);
  log[level](
    {
      requestId: req.id,
      ...(user ? { user } : {}),
      req: { id: req.id, method: req.method, url: req.originalUrl.split('?')[0] },
      res: { statusCode: res.statusCode },
      responseTime: Math.round(performance.now() - started),
    },
    res.writableFinished ? 'request completed' : 'request aborted',
  );
}
