// A local stand-in for the Entra ID authority: per-tenant OpenID discovery documents and a JWKS endpoint,
// shaped like login.microsoftonline.com's. Tokens are signed here with keys the tests control.
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export interface FakeEntra {
  authorityHost: string;
  sign(claims: JWTPayload, opts?: { key?: CryptoKey; kid?: string; alg?: string }): Promise<string>;
  /** The signing key the authority publishes. */
  key: CryptoKey;
  publicJwk: JWK;
  discoveryHits: number;
  stop(): Promise<void>;
}

export async function startFakeEntra(): Promise<FakeEntra> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'test-key-1', use: 'sig', alg: 'RS256' };
  let hits = 0;
  let host = '';
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '';
    const discovery = /^\/([0-9a-f-]{36})\/v2\.0\/\.well-known\/openid-configuration$/.exec(url);
    const keys = /^\/([0-9a-f-]{36})\/discovery\/v2\.0\/keys$/.exec(url);
    res.setHeader('content-type', 'application/json');
    if (discovery) {
      hits++;
      const tid = discovery[1]!;
      res.end(
        JSON.stringify({
          issuer: `https://login.microsoftonline.com/${tid}/v2.0`,
          jwks_uri: `${host}/${tid}/discovery/v2.0/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    } else if (keys) {
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
    publicJwk,
    get discoveryHits() {
      return hits;
    },
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
