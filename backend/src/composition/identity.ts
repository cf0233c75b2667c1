// Whose tokens the API trusts: the dev issuer (embedded mode; it also seeds the dev tenant so its users exist)
// and Entra ID when it is configured. Both can be on at once in a developer's own tenant.
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { AuditTrail } from '../audit/trail.ts';
import type { DepartmentRepository } from '../departments/repository.ts';
import type { UserRepository } from '../users/repository.ts';
import { DevIssuer, DEV_AUDIENCE } from '../identity/dev-issuer.ts';
import { EntraIssuer } from '../identity/entra-issuer.ts';
import { TokenVerifier, type TrustedIssuer } from '../identity/token-verifier.ts';
import { seedDevTenant } from '../dev/seed.ts';

export async function composeIdentity(
  config: Config,
  log: Logger,
  repos: { departments: DepartmentRepository; users: UserRepository; audit: AuditTrail },
): Promise<{ verifier: TokenVerifier; dev: DevIssuer | null }> {
  const issuers: TrustedIssuer[] = [];
  let dev: DevIssuer | null = null;
  if (config.identity.dev.enabled) {
    const audience = config.identity.entra?.clientId ?? DEV_AUDIENCE;
    dev = await DevIssuer.load(
      join(config.dataDir, 'dev-issuer.jwk.json'),
      config.identity.dev.tenantId,
      audience,
    );
    issuers.push(dev);
    const seeded = await seedDevTenant(
      config.identity.dev.tenantId,
      repos.departments,
      repos.users,
      repos.audit,
    );
    log.info({ component: 'dev-seed', ...seeded }, 'development tenant seeded');
  }
  if (config.identity.entra) issuers.push(new EntraIssuer(config.identity.entra));
  return { verifier: new TokenVerifier(issuers), dev };
}
