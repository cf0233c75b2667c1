// Entra ID v2 access tokens: `iss` = https://login.microsoftonline.com/{tid}/v2.0 for an allowed tenant; keys
// from that tenant's OpenID discovery document (cached by jose for the configured time).
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import type { TrustedIssuer } from './token-verifier.ts';

const ENTRA_V2_ISSUER = /^https:\/\/login\.microsoftonline\.com\/([0-9a-f-]{36})\/v2\.0$/;

export interface EntraOptions {
  audiences: string[];
  allowedTenants: string[];
  /** Authorized parties (`azp`) allowed to present tokens. */
  allowedClientApps: string[];
  /** Where discovery is fetched from; the real authority, or a local stand-in in tests. */
  authorityHost: string;
  jwksCacheSeconds: number;
  fetchTimeoutMs?: number;
}

export class EntraIssuer implements TrustedIssuer {
  readonly name = 'entra' as const;
  readonly audiences: string[];
  readonly authorizedParties: string[];
  private readonly jwks = new Map<string, Promise<JWTVerifyGetKey>>();

  private readonly opts: EntraOptions;
  constructor(opts: EntraOptions) {
    this.opts = opts;
    this.audiences = opts.audiences;
    this.authorizedParties = opts.allowedClientApps;
  }

  tenantFor(iss: string): string | null {
    const tid = ENTRA_V2_ISSUER.exec(iss)?.[1];
    return tid && this.opts.allowedTenants.includes(tid) ? tid : null;
  }

  keys(tenantId: string): JWTVerifyGetKey {
    return async (header, token) => {
      let pending = this.jwks.get(tenantId);
      if (!pending) {
        pending = this.discover(tenantId);
        this.jwks.set(tenantId, pending);
        // A failed discovery is not cached: the next request tries again.
        pending.catch(() => this.jwks.delete(tenantId));
      }
      return (await pending)(header, token);
    };
  }

  private async discover(tenantId: string): Promise<JWTVerifyGetKey> {
    const url = `${this.opts.authorityHost}/${tenantId}/v2.0/.well-known/openid-configuration`;
    const res = await fetch(url, { signal: AbortSignal.timeout(this.opts.fetchTimeoutMs ?? 5000) });
    if (!res.ok) throw new Error(`discovery for ${tenantId} answered ${res.status}`);
    const doc = (await res.json()) as { jwks_uri?: unknown };
    if (typeof doc.jwks_uri !== 'string') throw new Error('discovery document has no jwks_uri');
    const jwksUri = new URL(doc.jwks_uri);
    // Keys only from the authority itself, never from wherever a document points.
    if (jwksUri.origin !== new URL(this.opts.authorityHost).origin)
      throw new Error('jwks_uri off the authority');
    return createRemoteJWKSet(jwksUri, {
      cacheMaxAge: this.opts.jwksCacheSeconds * 1000,
      cooldownDuration: 30_000,
      timeoutDuration: this.opts.fetchTimeoutMs ?? 5000,
    });
  }
}
