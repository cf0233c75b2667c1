// The development issuer (DESIGN §6): the backend signs Entra-shaped tokens for seeded users with its own
// RSA key, kept under the data directory so tokens survive restarts. Its tokens are verified by the same
// TokenVerifier as Entra's; only the issuer string and the key set differ. Never enabled in production.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  SignJWT,
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTVerifyGetKey,
  type CryptoKey,
} from 'jose';
import { REQUIRED_SCOPE, type TrustedIssuer } from './token-verifier.ts';

export const DEV_ISSUER_HOST = 'https://dev-issuer.donatello.invalid';
export const DEV_AUDIENCE = 'api://donatello-dev';
const TOKEN_LIFETIME_SECONDS = 3600;

export interface DevTokenClaims {
  oid: string;
  name: string;
  preferred_username: string;
}

export class DevIssuer implements TrustedIssuer {
  readonly name = 'dev' as const;
  readonly audiences: string[];
  /** Dev tokens come only from this issuer's own /dev/token. */
  readonly authorizedParties = null;
  private readonly jwks: JWTVerifyGetKey;

  private readonly tenantId: string;
  private readonly privateKey: CryptoKey;
  private readonly publicJwk: JWK;
  private constructor(tenantId: string, privateKey: CryptoKey, publicJwk: JWK, audience: string) {
    this.tenantId = tenantId;
    this.privateKey = privateKey;
    this.publicJwk = publicJwk;
    this.audiences = [audience];
    this.jwks = createLocalJWKSet({ keys: [publicJwk] });
  }

  /** Loads the key pair from `keyFile`, creating it on first use. */
  static async load(keyFile: string, tenantId: string, audience = DEV_AUDIENCE): Promise<DevIssuer> {
    let privateJwk: JWK;
    if (existsSync(keyFile)) {
      privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
    } else {
      const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
      privateJwk = await exportJWK(privateKey);
      privateJwk.kid = await calculateJwkThumbprint(privateJwk);
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
    }
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = privateJwk;
    const publicJwk: JWK = { ...pub, alg: 'RS256', use: 'sig' };
    const key = (await importJWK({ ...privateJwk, alg: 'RS256' }, 'RS256')) as CryptoKey;
    return new DevIssuer(tenantId, key, publicJwk, audience);
  }

  get issuer(): string {
    return `${DEV_ISSUER_HOST}/${this.tenantId}/v2.0`;
  }

  get jwksDocument(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  tenantFor(iss: string): string | null {
    return iss === this.issuer ? this.tenantId : null;
  }

  keys(): JWTVerifyGetKey {
    return this.jwks;
  }

  async sign(user: DevTokenClaims, now = new Date()): Promise<{ token: string; expiresIn: number }> {
    const iat = Math.floor(now.getTime() / 1000);
    const token = await new SignJWT({
      tid: this.tenantId,
      oid: user.oid,
      name: user.name,
      preferred_username: user.preferred_username,
      scp: REQUIRED_SCOPE,
      ver: '2.0',
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.publicJwk.kid! })
      .setIssuer(this.issuer)
      .setAudience(this.audiences[0]!)
      .setSubject(user.oid)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(iat + TOKEN_LIFETIME_SECONDS)
      .sign(this.privateKey);
    return { token, expiresIn: TOKEN_LIFETIME_SECONDS };
  }
}
