// A local stand-in, over HTTPS, for the two services on-behalf-of needs: the Entra token endpoint (with its
// OpenID discovery document) and Microsoft Graph's /me/manager. It validates the OBO grant the way Entra
// documents it and answers each user's manager from a table the test sets.
import { createServer, type Server } from 'node:https';
import { once } from 'node:events';
import { SignJWT, decodeJwt, exportJWK, generateKeyPair, type JWTPayload } from 'jose';
import { record, sendJson, type RecordedRequest } from './common.ts';
import { selfSigned } from './image-host.ts';

export interface FakeEntraObo {
  authorityHost: string;
  graphBaseUrl: string;
  ca: string;
  clientId: string;
  clientSecret: string;
  /** oid -> manager; a user without an entry has no manager (Graph answers 404). */
  managers: Map<string, { id: string; displayName: string }>;
  requests: RecordedRequest[];
  /** Signs an access token as this authority (RS256, published in its JWKS). */
  sign(claims: JWTPayload): Promise<string>;
  stop(): Promise<void>;
}

export async function startFakeEntraObo(
  clientId: string,
  clientSecret = 'obo-secret',
): Promise<FakeEntraObo> {
  const { key, cert } = await selfSigned();
  const signing = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(signing.publicKey)), kid: 'obo-key', use: 'sig', alg: 'RS256' };
  const managers = new Map<string, { id: string; displayName: string }>();
  const requests: RecordedRequest[] = [];
  /** Graph tokens we issued -> the user they stand for. */
  const graphTokens = new Map<string, string>();
  let origin = '';
  const server: Server = createServer({ key, cert }, (req, res) => {
    void (async () => {
      const r = await record(req);
      requests.push(r);
      const discovery = /^\/([0-9a-f-]{36})\/v2\.0\/\.well-known\/openid-configuration$/.exec(r.path);
      const token = /^\/([0-9a-f-]{36})\/oauth2\/v2\.0\/token$/.exec(r.path);
      if (discovery) {
        const tid = discovery[1]!;
        return sendJson(res, 200, {
          issuer: `${origin}/${tid}/v2.0`,
          authorization_endpoint: `${origin}/${tid}/oauth2/v2.0/authorize`,
          token_endpoint: `${origin}/${tid}/oauth2/v2.0/token`,
          end_session_endpoint: `${origin}/${tid}/oauth2/v2.0/logout`,
          jwks_uri: `${origin}/${tid}/discovery/v2.0/keys`,
          response_types_supported: ['code', 'id_token', 'token'],
        });
      }
      if (/^\/[0-9a-f-]{36}\/discovery\/v2\.0\/keys$/.test(r.path))
        return sendJson(res, 200, { keys: [jwk] });
      if (token && r.method === 'POST') {
        const f = (r.body ?? {}) as Record<string, string>;
        const bad = (description: string) =>
          sendJson(res, 400, { error: 'invalid_request', error_description: `AADSTS900144: ${description}` });
        if (f.client_id !== clientId || f.client_secret !== clientSecret) {
          return sendJson(res, 401, {
            error: 'invalid_client',
            error_description: 'AADSTS7000215: Invalid client secret.',
          });
        }
        if (f.grant_type !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return bad('grant_type');
        if (f.requested_token_use !== 'on_behalf_of') return bad('requested_token_use');
        if (!f.scope?.split(' ').includes('https://graph.microsoft.com/User.Read')) return bad('scope');
        let oid: string;
        try {
          oid = String(decodeJwt(f.assertion ?? '').oid);
        } catch {
          return sendJson(res, 400, {
            error: 'invalid_grant',
            error_description: 'AADSTS50013: Assertion failed signature validation.',
          });
        }
        const access = `graph-${oid}-${Math.random().toString(36).slice(2)}`;
        graphTokens.set(access, oid);
        return sendJson(res, 200, {
          token_type: 'Bearer',
          scope: 'https://graph.microsoft.com/User.Read',
          expires_in: 3599,
          ext_expires_in: 3599,
          access_token: access,
        });
      }
      if (r.path === '/v1.0/me/manager' && r.method === 'GET') {
        const user = graphTokens.get((r.headers.authorization ?? '').replace(/^Bearer /, ''));
        if (!user)
          return sendJson(res, 401, {
            error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' },
          });
        const m = managers.get(user);
        if (!m)
          return sendJson(res, 404, {
            error: { code: 'Request_ResourceNotFound', message: "Resource 'manager' does not exist." },
          });
        return sendJson(res, 200, {
          '@odata.type': '#microsoft.graph.user',
          id: m.id,
          displayName: m.displayName,
        });
      }
      sendJson(res, 404, { error: 'not_found' });
    })().catch(() => res.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const addr = server.address();
  origin = `https://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    authorityHost: origin,
    graphBaseUrl: `${origin}/v1.0`,
    ca: cert,
    clientId,
    clientSecret,
    managers,
    requests,
    sign: (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'obo-key' })
        .sign(signing.privateKey),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
