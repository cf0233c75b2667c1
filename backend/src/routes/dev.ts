// Dev-mode only (never mounted in production): seeded users, signed tokens, the dev issuer's key set.
import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../domain/errors.ts';
import type { DevIssuer } from '../identity/dev-issuer.ts';
import { DEV_USERS, devObjectId, devUsername } from '../dev/seed.ts';
import { parse } from '../http/validate.ts';

const TokenRequest = z.strictObject({ user: z.string().min(1).max(64) });

export function devRoutes(issuer: DevIssuer, tenantId: string): Router {
  const r = Router();
  r.get('/dev/users', (_req, res) => {
    res.json({
      tenantId,
      users: DEV_USERS.map((u) => ({
        name: u.name,
        displayName: u.displayName,
        objectId: devObjectId(u.name),
        username: devUsername(u.name),
        role: u.role,
        departmentId: u.departmentId,
      })),
    });
  });
  r.post('/dev/token', async (req, res) => {
    const { user } = parse(TokenRequest, req.body);
    const seeded = DEV_USERS.find((u) => u.name === user.toLowerCase());
    if (!seeded)
      throw new NotFoundError(`Dev user "${user}" (try one of ${DEV_USERS.map((u) => u.name).join(', ')})`);
    const { token, expiresIn } = await issuer.sign({
      oid: devObjectId(seeded.name),
      name: seeded.displayName,
      preferred_username: devUsername(seeded.name),
    });
    res.json({ accessToken: token, tokenType: 'Bearer', expiresIn, user: seeded.name });
  });
  r.get('/dev/.well-known/jwks.json', (_req, res) => {
    res.json(issuer.jwksDocument);
  });
  return r;
}
