// One verification path for every access token (DESIGN §6). Trusted issuers differ only in how an `iss`
// value maps to a tenant and where the signing keys come from; the checks are the same for all of them.
import {
  decodeJwt,
  decodeProtectedHeader,
  jwtVerify,
  errors as joseErrors,
  type JWTVerifyGetKey,
} from 'jose';
import { UnauthorizedError } from '../domain/errors.ts';
import type { Principal } from './principal.ts';
import { VerifiedTokens } from './verified-tokens.ts';

export interface TrustedIssuer {
  readonly name: 'entra' | 'dev';
  /** The tenant this issuer string belongs to, or null when the issuer is not this one's (or not allowed). */
  tenantFor(iss: string): string | null;
  keys(tenantId: string): JWTVerifyGetKey;
  readonly audiences: string[];
  /** The client apps (`azp`) whose tokens are accepted; null when the issuer signs only for itself (dev). */
  readonly authorizedParties: string[] | null;
}

export const REQUIRED_SCOPE = 'access_as_user';
/** At most five minutes of clock skew on exp and nbf. */
export const CLOCK_SKEW_SECONDS = 300;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Thrown for every bad token; the message is safe to show (it never echoes the token). */
export class TokenError extends UnauthorizedError {}

/** Enough for every member of a large tenant to have a token in use at once. */
export const VERIFIED_TOKEN_CACHE = 10_000;

export class TokenVerifier {
  private readonly issuers: TrustedIssuer[];
  private readonly verified: VerifiedTokens;
  constructor(issuers: TrustedIssuer[], opts: { cacheEntries?: number; now?: () => number } = {}) {
    this.issuers = issuers;
    this.verified = new VerifiedTokens({
      maxEntries: opts.cacheEntries ?? VERIFIED_TOKEN_CACHE,
      ...(opts.now ? { now: opts.now } : {}),
    });
  }

  get issuerNames(): string[] {
    return this.issuers.map((i) => i.name);
  }

  async verify(token: string): Promise<Principal> {
    // A token is immutable: once it passed every check below it stays valid until it expires.
    const known = this.verified.get(token);
    if (known) return known;
    let iss: unknown;
    try {
      const header = decodeProtectedHeader(token);
      // RS256 only: refuses `none`, and HS256 "signed" with a public key.
      if (header.alg !== 'RS256') throw new TokenError('The token must be signed with RS256');
      iss = decodeJwt(token).iss;
    } catch (err) {
      if (err instanceof TokenError) throw err;
      throw new TokenError('The token is malformed');
    }
    if (typeof iss !== 'string') throw new TokenError('The token has no issuer');
    let match: { issuer: TrustedIssuer; tenantId: string } | null = null;
    for (const issuer of this.issuers) {
      const tenantId = issuer.tenantFor(iss);
      if (tenantId) match = { issuer, tenantId };
    }
    if (!match) throw new TokenError('The token issuer is not trusted');

    let claims: Record<string, unknown>;
    try {
      const verified = await jwtVerify(token, match.issuer.keys(match.tenantId), {
        algorithms: ['RS256'],
        issuer: iss,
        audience: match.issuer.audiences,
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['exp', 'tid', 'oid'],
      });
      claims = verified.payload;
    } catch (err) {
      throw new TokenError(describe(err));
    }
    const tid = typeof claims.tid === 'string' ? claims.tid.toLowerCase() : '';
    const oid = typeof claims.oid === 'string' ? claims.oid.toLowerCase() : '';
    if (tid !== match.tenantId) throw new TokenError('The token tenant does not match its issuer');
    if (!GUID.test(oid)) throw new TokenError('The token has no valid oid');
    const scopes = typeof claims.scp === 'string' ? claims.scp.split(' ').filter(Boolean) : [];
    if (!scopes.includes(REQUIRED_SCOPE)) throw new TokenError(`The token lacks the ${REQUIRED_SCOPE} scope`);
    // A token for this API requested by some other app (a phishing page registered elsewhere that got the user's
    // consent) has the right audience and scope; only the authorized party tells it apart.
    const parties = match.issuer.authorizedParties;
    if (parties) {
      const azp = typeof claims.azp === 'string' ? claims.azp.toLowerCase() : '';
      if (!parties.includes(azp))
        throw new TokenError('The token was requested by an app that is not allowed');
    }
    const principal: Principal = {
      tenantId: tid,
      objectId: oid,
      name: typeof claims.name === 'string' ? claims.name : null,
      username: typeof claims.preferred_username === 'string' ? claims.preferred_username : null,
      scopes,
      issuer: match.issuer.name,
    };
    this.verified.remember(token, principal, claims.exp);
    return principal;
  }
}

function describe(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'The token has expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf') return 'The token is not valid yet';
    if (err.claim === 'aud') return 'The token is for another audience';
    return `The token's ${err.claim} claim is not valid`;
  }
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'The token was signed by an unknown key';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'The token signature is not valid';
  if (err instanceof joseErrors.JWKSTimeout || err instanceof joseErrors.JOSEError) {
    return 'The token could not be verified';
  }
  return 'The token could not be verified';
}
