// Bearer authentication for /api/v1. The token is verified, then mapped to the stored user by oid + tid.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { UnauthorizedError } from '../domain/errors.ts';
import type { Actor } from '../users/record.ts';
import type { TokenVerifier } from '../identity/token-verifier.ts';
import type { UserService } from '../users/service.ts';
import { cleanCallerText, USER_AGENT_MAX } from '../audit/caller-text.ts';
import { clientIp } from './client-ip.ts';

const QUERY_TOKEN_PARAMS = ['access_token', 'token', 'id_token', 'bearer'];

export function authenticate(verifier: TokenVerifier, users: UserService): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    // Tokens in URLs end up in logs and browser history; refuse them even when valid.
    const query = req.query as Record<string, unknown>;
    if (QUERY_TOKEN_PARAMS.some((p) => p in query)) {
      throw new UnauthorizedError('Access tokens are accepted only in the Authorization header');
    }
    const header = req.headers.authorization;
    if (!header) throw new UnauthorizedError('Sign in: send Authorization: Bearer <access token>');
    const m = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
    if (!m) throw new UnauthorizedError('The Authorization header must be "Bearer <access token>"');
    const principal = await verifier.verify(m[1]!);
    const user = await users.resolve(principal);
    const ip = clientIp(req);
    const userAgent = cleanCallerText(req.headers['user-agent'] ?? '', USER_AGENT_MAX);
    const actor: Actor = {
      user,
      issuer: principal.issuer,
      ...(ip ? { ip } : {}),
      ...(userAgent ? { userAgent } : {}),
      ...(principal.issuer === 'entra' ? { accessToken: m[1]! } : {}),
    };
    // The request's logs carry the user from here on (http/request-log.ts reads the actor).
    res.locals.actor = actor;
    next();
  };
}

export function actorOf(res: Response): Actor {
  const actor = res.locals.actor as Actor | undefined;
  if (!actor) throw new UnauthorizedError();
  return actor;
}
