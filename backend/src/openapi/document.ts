// Builds the OpenAPI 3.1 document from the route specs (routes/) and the contracts' zod schemas, through
// zod-openapi (which renders zod 4's own JSON Schema). Built once at start; never hand-edited. What must not
// break: every status a route can answer is in its responses, or the conformance tests fail.
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponseObject } from 'zod-openapi';
import { TAGS, type Answer, type RouteSpec } from './route-spec.ts';
import { problemDescription, problemSchema, problemStatuses } from './problems.ts';
import { RequestIdHeader, RetryAfterHeader } from './headers.ts';
import { API_ROUTES } from './routes/index.ts';
import type { Config } from '../config.ts';

export interface DocumentOptions {
  version: string;
  /** Where clients reach the API (PUBLIC_BASE_URL); null for a document published before deployment. */
  publicBaseUrl: string | null;
  /** Entra ID, when configured: the API's client id and, if set, its application id URI. */
  entra: { clientId: string; appIdUri?: string; authorityHost: string } | null;
  /** The built-in dev issuer (development only). */
  devIssuer: boolean;
}

export type OpenApiDocument = ReturnType<typeof createDocument>;

/** What the document says about this deployment, from its configuration. */
export function documentOptions(config: Config): DocumentOptions {
  const entra = config.identity.entra;
  const appIdUri = entra?.audiences.find((a) => a !== entra.clientId);
  return {
    version: config.version,
    publicBaseUrl: config.http.publicBaseUrl,
    entra: entra
      ? { clientId: entra.clientId, authorityHost: entra.authorityHost, ...(appIdUri ? { appIdUri } : {}) }
      : null,
    devIssuer: config.identity.dev.enabled,
  };
}

const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com';

/** `api://<client id>/access_as_user`: the delegated scope every client asks Entra for. */
export function entraScope(entra: DocumentOptions['entra']): string {
  const resource = entra ? (entra.appIdUri ?? `api://${entra.clientId}`) : 'api://{ENTRA_CLIENT_ID}';
  return `${resource}/access_as_user`;
}

function securitySchemes(o: DocumentOptions) {
  const authority = o.entra?.authorityHost ?? DEFAULT_AUTHORITY;
  return {
    entra: {
      type: 'oauth2' as const,
      description:
        'An Entra ID v2 access token for this API with the delegated scope `access_as_user`, sent as ' +
        '`Authorization: Bearer <token>`. Teams and Office clients get it by SSO (MSAL, nested app authentication).' +
        (o.entra ? '' : ' This server has no `ENTRA_CLIENT_ID`, so it accepts no Entra tokens.'),
      flows: {
        authorizationCode: {
          authorizationUrl: `${authority}/organizations/oauth2/v2.0/authorize`,
          tokenUrl: `${authority}/organizations/oauth2/v2.0/token`,
          scopes: { [entraScope(o.entra)]: 'Use DonatelloAI as the signed-in user' },
        },
      },
    },
    ...(o.devIssuer
      ? {
          devToken: {
            type: 'http' as const,
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description:
              'Development only: a one-hour token from the built-in dev issuer for a seeded user (alice, bob, dave, ' +
              'fiona, carol, erin): `POST /dev/token {"user":"alice"}`. The reference page\'s dev sign-in does this.',
          },
        }
      : {}),
  };
}

function headersOf(status: number, extra?: z.ZodObject, retryAfterRequired = false) {
  return z.object({
    'X-Request-Id': RequestIdHeader,
    ...(status === 401
      ? {
          'WWW-Authenticate': z
            .string()
            .meta({ description: '`Bearer`, with `error="invalid_token"` for a bad one' }),
        }
      : {}),
    ...(status === 429 || status === 503
      ? { 'Retry-After': retryAfterRequired ? RetryAfterHeader : RetryAfterHeader.optional() }
      : {}),
    ...extra?.shape,
  });
}

function answer(status: number, a: Answer): ZodOpenApiResponseObject {
  const types = a.mediaTypes ?? (a.schema ? ['application/json'] : []);
  const content = Object.fromEntries(
    types.map((t) => [
      t,
      {
        ...(a.schema ? { schema: a.schema } : {}),
        ...(a.example !== undefined ? { example: a.example } : {}),
      },
    ]),
  );
  return {
    description: a.description,
    headers: headersOf(status, a.headers),
    ...(types.length > 0 ? { content } : {}),
  };
}

function operation(spec: RouteSpec): ZodOpenApiOperationObject {
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, a] of Object.entries(spec.responses))
    if (a) responses[status] = answer(Number(status), a);
  for (const [status, codes] of problemStatuses(spec)) {
    if (responses[status])
      throw new Error(`${spec.method} ${spec.path}: ${status} is both an answer and a problem`);
    responses[status] = {
      description: problemDescription(status, codes),
      headers: headersOf(status, undefined, status === 429),
      content: { 'application/problem+json': { schema: problemSchema(status, codes) } },
    };
  }
  return {
    operationId: spec.operationId,
    tags: [spec.tag],
    summary: spec.summary,
    description: `**Who:** ${spec.who}.${spec.description ? `\n\n${spec.description}` : ''}`,
    ...(spec.public ? { security: [] } : {}),
    ...(spec.params ? { requestParams: spec.params } : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: spec.body.schema,
                ...(spec.body.example !== undefined ? { example: spec.body.example } : {}),
              },
            },
          },
        }
      : {}),
    responses: responses,
  };
}

const OVERVIEW = `Staff generate images in Teams, PowerPoint and Word against this API; department budgets are enforced
with zero overspend and every change is audited. JSON over HTTPS; every response carries \`X-Request-Id\`.

- **Sign-in:** \`Authorization: Bearer <access token>\` on every route except those marked as public. Tokens in the
  query string are refused.
- **Errors** are \`application/problem+json\` (RFC 9457). Switch on \`code\`, never on the text; each response
  below lists the codes it can carry.
- **Paging:** lists answer \`{items, nextCursor}\`; pass \`nextCursor\` back as \`cursor\`.
- **Money** is AUD as decimal strings, answered with exactly 4 places.

The narrative (money rules, approvals, paging, audit) is in \`docs/api.md\` and \`docs/budgets.md\` in the repository.`;

export function buildOpenApiDocument(
  o: DocumentOptions,
  routes: readonly RouteSpec[] = API_ROUTES,
): OpenApiDocument {
  const paths: Record<string, Record<string, ZodOpenApiOperationObject>> = {};
  for (const spec of routes) {
    const item = (paths[spec.path] ??= {});
    if (item[spec.method]) throw new Error(`${spec.method.toUpperCase()} ${spec.path} is described twice`);
    item[spec.method] = operation(spec);
  }
  const schemes = securitySchemes(o);
  return createDocument({
    openapi: '3.1.1',
    info: {
      title: 'DonatelloAI REST API',
      version: o.version,
      description: OVERVIEW,
    },
    servers: [
      o.publicBaseUrl
        ? { url: o.publicBaseUrl, description: 'This deployment' }
        : {
            url: 'https://{host}',
            description: 'Your deployment',
            variables: {
              host: { default: 'donatello.example.com', description: 'Its PUBLIC_BASE_URL host' },
            },
          },
    ],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    security: [{ entra: [entraScope(o.entra)] }, ...('devToken' in schemes ? [{ devToken: [] }] : [])],
    paths,
    components: { securitySchemes: schemes },
  });
}
