// A local stand-in for the Entra ID authority: per-tenant OpenID discovery documents and a JWKS endpoint,
// shaped like login.microsoftonline.com's. Tokens are signed here with keys the tests control.
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import {
  SignJWT,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';

export interface FakeEntra {
  authorityHost: string;
  sign(claims: JWTPayload, opts?: { key?: CryptoKey; kid?: string; alg?: string }): Promise<string>;
  /** The signing key the authority publishes. */
  key: CryptoKey;
  /** The same private key, usable with another RSA algorithm (RS512, PS256…): a token only `alg` makes wrong. */
  keyFor(alg: string): Promise<CryptoKey>;
  publicJwk: JWK;
  discoveryHits: number;
  /** The next this many discovery requests answer 500 (an authority outage). */
  failDiscovery: number;
  /** Key set requests served. */
  keyHits: number;
  stop(): Promise<void>;
}

export interface FakeEntraOptions {
  /** Where the discovery documents say the keys are; this authority's own key endpoint by default. */
  jwksUri?: (tenantId: string) => string;
}

export async function startFakeEntra(options: FakeEntraOptions = {}): Promise<FakeEntra> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  // Like Entra's key sets: kty, use, kid, n, e and no `alg`, so only the verifier decides which algorithm counts.
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'test-key-1', use: 'sig' };
  const privateJwk = await exportJWK(privateKey);
  let hits = 0;
  let keyHits = 0;
  let host = '';
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '';
    const discovery = /^\/([0-9a-f-]{36})\/v2\.0\/\.well-known\/openid-configuration$/.exec(url);
    const keys = /^\/([0-9a-f-]{36})\/discovery\/v2\.0\/keys$/.exec(url);
    res.setHeader('content-type', 'application/json');
    if (discovery) {
      hits++;
      const tid = discovery[1]!;
      if (fake.failDiscovery > 0) {
        fake.failDiscovery--;
        res.statusCode = 500;
        res.end('{"error":"temporarily_unavailable"}');
        return;
      }
      res.end(
        JSON.stringify({
          issuer: `https://login.microsoftonline.com/${tid}/v2.0`,
          jwks_uri: options.jwksUri?.(tid) ?? `${host}/${tid}/discovery/v2.0/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    } else if (keys) {
      keyHits++;
      res.end(JSON.stringify({ keys: [publicJwk] }));
    } else {
      res.statusCode = 404;
      res.end('{"error":"not_found"}');
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const addr = server.address();
  host = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

  const fake: FakeEntra = {
    authorityHost: host,
    key: privateKey,
    keyFor: async (alg) => (await importJWK(privateJwk, alg)) as CryptoKey,
    publicJwk,
    get discoveryHits() {
      return hits;
    },
    get keyHits() {
      return keyHits;
    },
    failDiscovery: 0,
    sign: async (claims, opts = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: opts.alg ?? 'RS256', typ: 'JWT', kid: opts.kid ?? 'test-key-1' })
        .sign(opts.key ?? privateKey),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  return fake;
}
