// Stand-ins for Entra ID's side of a managed identity, for tests of the keyless paths (issue #13):
// - `FakeCredential`: a TokenCredential (the Azure SDKs' credential seam) handing out unsigned JWTs with the
//   claims Azure services look at (aud, iss, exp), recording the scopes asked for.
// - `startIdentityEndpoint`: App Service's managed identity endpoint as documented (GET IDENTITY_ENDPOINT with
//   api-version 2019-08-01, resource, client_id and the X-IDENTITY-HEADER secret; JSON with access_token and
//   expires_on), which MSAL and @azure/identity call when IDENTITY_ENDPOINT and IDENTITY_HEADER are set.
// - `startRecordingProxy`: passes requests on to a real server and records their Authorization headers, to show
//   what a client sent where the server itself does not check tokens (the Cosmos DB test server).
import { once } from 'node:events';
import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { selfSigned } from './image-host.ts';

export const MI_TENANT = '22222222-2222-4222-8222-222222222222';

/** An unsigned JWT: Azurite's basic OAuth checks claims, not signatures. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

function tokenFor(resource: string, clientId: string, lifetimeS = 3600) {
  const now = Math.floor(Date.now() / 1000);
  return {
    token: fakeJwt({
      aud: resource,
      iss: `https://sts.windows.net/${MI_TENANT}/`,
      tid: MI_TENANT,
      appid: clientId,
      oid: '0b1d0000-0000-4000-8000-0000000000b1',
      nbf: now - 60,
      iat: now - 60,
      exp: now + lifetimeS,
    }),
    expiresOn: now + lifetimeS,
  };
}

export class FakeCredential implements TokenCredential {
  readonly scopes: string[] = [];
  readonly issued: string[] = [];
  private readonly audience: ((scope: string) => string) | undefined;
  /** `audience` overrides the token's aud (to show a service refusing a token meant for someone else). */
  constructor(audience?: (scope: string) => string) {
    this.audience = audience;
  }

  async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
    const scope = Array.isArray(scopes) ? scopes[0]! : scopes;
    this.scopes.push(scope);
    const resource = this.audience ? this.audience(scope) : scope.replace(/\/\.default$/, '');
    const t = tokenFor(resource, 'fake-credential');
    this.issued.push(t.token);
    return { token: t.token, expiresOnTimestamp: t.expiresOn * 1000 };
  }
}

export interface IdentityRequest {
  resource: string;
  clientId: string | null;
  apiVersion: string | null;
  headerOk: boolean;
  token: string;
}

export interface IdentityEndpoint {
  /** The value for IDENTITY_ENDPOINT. */
  url: string;
  /** The value for IDENTITY_HEADER. */
  header: string;
  requests: IdentityRequest[];
  stop(): Promise<void>;
}

export async function startIdentityEndpoint(): Promise<IdentityEndpoint> {
  const header = `secret-${Math.random().toString(36).slice(2)}`;
  const requests: IdentityRequest[] = [];
  const server = createHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const resource = url.searchParams.get('resource') ?? '';
    const clientId = url.searchParams.get('client_id');
    const headerOk = req.headers['x-identity-header'] === header;
    const t = tokenFor(resource, clientId ?? 'system');
    requests.push({
      resource,
      clientId,
      apiVersion: url.searchParams.get('api-version'),
      headerOk,
      token: t.token,
    });
    res.setHeader('content-type', 'application/json');
    if (!headerOk || url.pathname !== '/msi/token' || !resource) {
      res.statusCode = 400;
      res.end(JSON.stringify({ error: 'invalid_request', error_description: 'bad identity request' }));
      return;
    }
    res.end(
      JSON.stringify({
        access_token: t.token,
        expires_on: String(t.expiresOn),
        resource,
        token_type: 'Bearer',
        client_id: clientId,
      }),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/msi/token`,
    header,
    requests,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}

export interface RecordingProxy {
  /** `https://127.0.0.1:<port>` (its certificate is `selfSigned()`'s) or `http://…`. */
  url: string;
  authorizations: string[];
  stop(): Promise<void>;
}

/** Forwards every request to `upstream` (https, self-signed accepted) and records its Authorization header. */
export async function startRecordingProxy(upstream: string, tls: boolean): Promise<RecordingProxy> {
  const target = new URL(upstream);
  const authorizations: string[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    authorizations.push(String(req.headers.authorization ?? ''));
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const out = send(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
        rejectUnauthorized: false,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
    req.pipe(out);
  };
  const server = tls ? createHttpsServer(await selfSigned(), handle) : createHttpServer(handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    authorizations,
    stop: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
