// Teams activities name the `serviceUrl` the bot answers to, and the bot sends its replies (with its token)
// there. Only allow-listed Bot Framework service URLs are accepted, so an activity cannot point the bot at an
// internal address or a server that would collect its token. In production the SDK also checks the URL
// against the token's `serviceurl` claim; this check runs first and also covers development mode, which
// accepts unauthenticated activities.
import express, { type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ForbiddenError, ValidationError } from '../domain/errors.ts';

/** Whether `url` is one of `allowed` or below it: same origin, and the path at or under the allowed path. */
export function serviceUrlAllowed(url: string, allowed: string[]): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  return allowed.some((entry) => {
    const a = new URL(entry);
    const base = a.pathname.replace(/\/+$/, '');
    return (
      u.origin === a.origin &&
      (u.pathname === base || u.pathname === `${base}/` || u.pathname.startsWith(`${base}/`))
    );
  });
}

/** Express middleware for POST /api/messages, before the Teams SDK's own handler (which reuses the body). */
export function serviceUrlGuard(allowed: string[], log: Logger): RequestHandler[] {
  const check: RequestHandler = (req, _res, next) => {
    const body = req.body as { serviceUrl?: unknown } | undefined;
    const serviceUrl = body?.serviceUrl;
    if (typeof serviceUrl !== 'string' || !serviceUrl) {
      next(new ValidationError('The activity has no serviceUrl'));
      return;
    }
    if (!serviceUrlAllowed(serviceUrl, allowed)) {
      log.warn({ serviceUrl: serviceUrl.slice(0, 200) }, 'activity refused: serviceUrl not allowed');
      next(new ForbiddenError('The activity names a serviceUrl the bot does not send to'));
      return;
    }
    next();
  };
  return [express.json({ limit: '1mb' }), check];
}
