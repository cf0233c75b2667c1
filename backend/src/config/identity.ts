// Who may sign in: the built-in dev issuer, Entra ID access tokens for this API, and on-behalf-of calls to
// Microsoft Graph. Part of the one config module (config.ts); documented in docs/configuration.md and docs/sso.md.
// Must not break: the dev issuer never runs in production, and a production process always trusts some issuer.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { bool, csv, httpUrl, uuid } from './fields.ts';

export const IdentityEnv = z.object({
  DEV_AUTH: bool.optional(),
  DEV_TENANT_ID: uuid.default('6b0c2d4e-0000-4000-8000-00000000da11'),
  ENTRA_CLIENT_ID: uuid.optional(),
  ENTRA_APP_ID_URI: z
    .string()
    .regex(/^api:\/\/\S+$/, 'an api:// URI')
    .optional(),
  ENTRA_ALLOWED_TENANTS: csv.pipe(z.array(uuid)).optional(),
  /** Client apps (`azp`) whose tokens for this API are accepted; default ENTRA_CLIENT_ID and the Microsoft hosts. */
  ENTRA_ALLOWED_CLIENT_APPS: csv.pipe(z.array(uuid).min(1)).optional(),
  ENTRA_AUTHORITY_HOST: httpUrl.default('https://login.microsoftonline.com'),
  JWKS_CACHE_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  /** With ENTRA_CLIENT_ID: turns on on-behalf-of calls to Microsoft Graph (the requester's manager). */
  ENTRA_CLIENT_SECRET: z.string().min(1).optional(),
  GRAPH_BASE_URL: z
    .url({ protocol: /^https$/ })
    .transform((u) => u.replace(/\/+$/, ''))
    .default('https://graph.microsoft.com/v1.0'),
  /** Extra trusted CA (PEM file) for the identity and Graph endpoints, e.g. behind a TLS-inspecting proxy. */
  ENTRA_EXTRA_CA_FILE: z.string().min(1).optional(),
});
type IdentityEnv = z.infer<typeof IdentityEnv> & { NODE_ENV: 'development' | 'production' | 'test' };

/**
 * Microsoft's own clients that request a token for this API on a user's behalf when nested app authentication is
 * not available (Teams `authentication.getAuthToken()`): they must be pre-authorized on the app registration and
 * appear as `azp` in the tokens (docs/sso.md).
 */
export const MICROSOFT_HOST_CLIENT_APPS = [
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264', // Teams desktop and mobile
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', // Teams on the web
  '4765445b-32c6-49b0-83e6-1d93765276ca', // Microsoft 365 on the web
  '0ec893e0-5785-4de6-99da-4ed124e5296c', // Microsoft 365 desktop
  'd3590ed6-52b3-4102-aeff-aad2292ab01c', // Microsoft 365 mobile, Outlook desktop
  'bc59ab01-8403-45c6-8796-ac3ef710b3e3', // Outlook on the web
  '27922004-5251-4030-b22d-91ecd9a37ea4', // Outlook mobile
] as const;

export interface IdentityConfig {
  /** The built-in dev issuer (DESIGN §6). Never on in production. */
  dev: { enabled: boolean; tenantId: string };
  /** Entra ID v2 access tokens; null when no client id is configured. */
  entra: null | {
    clientId: string;
    audiences: string[];
    allowedTenants: string[];
    /** Authorized parties (`azp`): the apps that may call this API with a user's token. */
    allowedClientApps: string[];
    /** The delegated scope the web surfaces ask for (`{app id URI}/access_as_user`). */
    apiScope: string;
    authorityHost: string;
    jwksCacheSeconds: number;
  };
  /** On-behalf-of to Microsoft Graph; null unless ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET are set. */
  graph: null | {
    clientId: string;
    clientSecret: string;
    authorityHost: string;
    graphBaseUrl: string;
    ca?: string;
  };
}

/** The dev issuer runs unless turned off, and never in production. */
export const devIssuerEnabled = (e: IdentityEnv): boolean => e.DEV_AUTH ?? e.NODE_ENV !== 'production';

export function identityProblems(e: IdentityEnv): string[] {
  const problems: string[] = [];
  const production = e.NODE_ENV === 'production';
  const devEnabled = devIssuerEnabled(e);
  if (devEnabled && production)
    problems.push('  DEV_AUTH: the dev issuer cannot run when NODE_ENV=production');
  if (production && !e.ENTRA_AUTHORITY_HOST.startsWith('https://')) {
    problems.push('  ENTRA_AUTHORITY_HOST: must be https when NODE_ENV=production');
  }
  if (e.ENTRA_CLIENT_ID && !e.ENTRA_ALLOWED_TENANTS?.length) {
    problems.push('  ENTRA_ALLOWED_TENANTS: required (one or more tenant GUIDs) when ENTRA_CLIENT_ID is set');
  }
  if (e.ENTRA_EXTRA_CA_FILE && !existsSync(e.ENTRA_EXTRA_CA_FILE)) {
    problems.push(`  ENTRA_EXTRA_CA_FILE: cannot read ${e.ENTRA_EXTRA_CA_FILE}`);
  }
  if (!e.ENTRA_CLIENT_ID) {
    for (const name of [
      'ENTRA_APP_ID_URI',
      'ENTRA_ALLOWED_TENANTS',
      'ENTRA_ALLOWED_CLIENT_APPS',
      'ENTRA_CLIENT_SECRET',
    ] as const) {
      if (e[name] !== undefined) problems.push(`  ${name}: has no effect without ENTRA_CLIENT_ID`);
    }
  }
  if (!devEnabled && !e.ENTRA_CLIENT_ID) {
    problems.push('  ENTRA_CLIENT_ID: required when the dev issuer is off (nobody could sign in)');
  }
  return problems;
}

export function identityConfig(e: IdentityEnv): IdentityConfig {
  const clientId = e.ENTRA_CLIENT_ID?.toLowerCase();
  return {
    dev: { enabled: devIssuerEnabled(e), tenantId: e.DEV_TENANT_ID.toLowerCase() },
    entra: clientId
      ? {
          clientId,
          audiences: [clientId, ...(e.ENTRA_APP_ID_URI ? [e.ENTRA_APP_ID_URI] : [])],
          allowedTenants: (e.ENTRA_ALLOWED_TENANTS ?? []).map((t) => t.toLowerCase()),
          allowedClientApps: (e.ENTRA_ALLOWED_CLIENT_APPS ?? [clientId, ...MICROSOFT_HOST_CLIENT_APPS]).map(
            (t) => t.toLowerCase(),
          ),
          apiScope: `${e.ENTRA_APP_ID_URI ?? `api://${clientId}`}/access_as_user`,
          authorityHost: e.ENTRA_AUTHORITY_HOST,
          jwksCacheSeconds: e.JWKS_CACHE_SECONDS,
        }
      : null,
    graph:
      clientId && e.ENTRA_CLIENT_SECRET
        ? {
            clientId,
            clientSecret: e.ENTRA_CLIENT_SECRET,
            authorityHost: e.ENTRA_AUTHORITY_HOST,
            graphBaseUrl: e.GRAPH_BASE_URL,
            ...(e.ENTRA_EXTRA_CA_FILE ? { ca: readFileSync(e.ENTRA_EXTRA_CA_FILE, 'utf8') } : {}),
          }
        : null,
  };
}
