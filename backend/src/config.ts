// The one place that reads the environment (DESIGN §11). Everything else receives a typed Config.
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import {
  ProvidersEnv,
  providersConfig,
  providersProblems,
  type ProvidersConfig,
} from './config/providers.ts';
import { PipelineEnv, pipelineConfig, pipelineProblems, type PipelineConfig } from './config/pipeline.ts';
import {
  BotEnv,
  botConfig,
  botProblems,
  imageLinksConfig,
  type BotConfig,
  type ImageLinksConfig,
} from './config/bot.ts';
import {
  AzureEnv,
  auditExportConfig,
  azureCredentialConfig,
  azureProblems,
  telemetryConfig,
  type AuditExportConfig,
  type AzureCredentialConfig,
  type TelemetryConfig,
} from './config/azure.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a GUID');
const httpUrl = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));
/** A proxy the client IP may be taken from: an address, a CIDR range, Express's named ranges, or `none`. */
const trustedProxy = z.string().refine((v) => {
  if (['none', 'loopback', 'linklocal', 'uniquelocal'].includes(v)) return true;
  const [addr = '', prefix, extra] = v.split('/');
  const family = isIP(addr);
  if (family === 0 || extra !== undefined) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}, 'an IP address, a CIDR range, loopback, linklocal, uniquelocal or none');

/** Environment variables, with embedded-mode defaults. Documented in docs/configuration.md and .env.example. */
const EnvSchema = PipelineEnv.extend(ProvidersEnv.shape)
  .extend(BotEnv.shape)
  .extend(AzureEnv.shape)
  .extend({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    PUBLIC_BASE_URL: httpUrl.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_DIR: z.string().min(1).default('.data'),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'a size such as 100kb or 1mb')
      .default('100kb'),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
    /** Proxies whose X-Forwarded-For is believed: addresses, CIDR ranges, named ranges, or `none`. */
    TRUST_PROXY: csv.pipe(z.array(trustedProxy)).default(['loopback', 'linklocal', 'uniquelocal']),

    STORE: z.enum(['sqlite', 'cosmos']).default('sqlite'),
    SQLITE_PATH: z.string().min(1).optional(),
    COSMOS_ENDPOINT: httpUrl.optional(),
    COSMOS_KEY: z.string().min(1).optional(),
    COSMOS_DATABASE: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,255}$/)
      .default('donatello'),
    COSMOS_ALLOW_SELF_SIGNED: bool.default(false),

    BLOBS: z.enum(['fs', 'azure']).default('fs'),
    BLOB_DIR: z.string().min(1).optional(),
    AZURE_STORAGE_CONNECTION_STRING: z.string().min(1).optional(),
    BLOB_CONTAINER: z
      .string()
      .regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'a valid Azure container name')
      .default('images'),

    DEV_AUTH: bool.optional(),
    DEV_TENANT_ID: uuid.default('6b0c2d4e-0000-4000-8000-00000000da11'),
    ENTRA_CLIENT_ID: uuid.optional(),
    ENTRA_APP_ID_URI: z
      .string()
      .regex(/^api:\/\/\S+$/, 'an api:// URI')
      .optional(),
    ENTRA_ALLOWED_TENANTS: csv.pipe(z.array(uuid)).optional(),
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

export interface Config {
  env: 'development' | 'production' | 'test';
  version: string;
  http: {
    host: string;
    port: number;
    publicBaseUrl: string;
    bodyLimit: string;
    shutdownGraceMs: number;
    /** Proxies whose X-Forwarded-For names the client (empty: none, the peer is the client). */
    trustProxy: string[];
  };
  logLevel: string;
  dataDir: string;
  store:
    | { kind: 'sqlite'; path: string }
    | {
        kind: 'cosmos';
        endpoint: string;
        /** Null: Entra ID through `azure.credential` (data-plane RBAC; the containers must already exist). */
        key: string | null;
        database: string;
        allowSelfSigned: boolean;
      };
  blobs:
    | { kind: 'fs'; dir: string }
    | {
        kind: 'azure';
        /** One of the two: a connection string, or the account's blob URL with Entra ID. */
        connectionString: string | null;
        accountUrl: string | null;
        container: string;
      };
  /** How the process signs in to Azure services that hold no key for it (issue #13). */
  azure: {
    credential: AzureCredentialConfig;
    /** Settings holding a Key Vault reference App Service could not resolve (no such secret yet): unset. */
    unresolvedSecrets: string[];
  };
  /** Azure Monitor (Application Insights) through OpenTelemetry; null when not configured. */
  telemetry: TelemetryConfig | null;
  /** The WORM export of the audit chain (audit/exporter.ts). */
  auditExport: AuditExportConfig;
  identity: {
    /** The built-in dev issuer (DESIGN §6). Never on in production. */
    dev: { enabled: boolean; tenantId: string };
    /** Entra ID v2 access tokens; null when no client id is configured. */
    entra: null | {
      clientId: string;
      audiences: string[];
      allowedTenants: string[];
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
  };
  pipeline: PipelineConfig;
  providers: ProvidersConfig;
  /** The Teams bot: real credentials, the development mode, or null (no bot endpoint). */
  bot: BotConfig | null;
  /** Signed, expiring image links for Teams cards. */
  imageLinks: ImageLinksConfig;
}

const KEY_VAULT_REFERENCE = /^@Microsoft\.KeyVault\(/i;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses and checks the environment; throws a ConfigError naming every bad or missing setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env, version = '0.1.0'): Config {
  // On App Service a Key Vault reference whose secret is missing arrives as its own text: that is no value.
  const unresolved = Object.entries(env)
    .filter(([, v]) => v !== undefined && KEY_VAULT_REFERENCE.test(v))
    .map(([k]) => k)
    .sort();
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== '' && !KEY_VAULT_REFERENCE.test(v)),
  );
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const problems: string[] = [];
  const need = (name: keyof typeof e, why: string) => {
    if (e[name] === undefined) problems.push(`  ${name}: required ${why}`);
  };

  const devEnabled = e.DEV_AUTH ?? e.NODE_ENV !== 'production';
  if (devEnabled && e.NODE_ENV === 'production') {
    problems.push('  DEV_AUTH: the dev issuer cannot run when NODE_ENV=production');
  }
  if (e.STORE === 'cosmos') {
    need('COSMOS_ENDPOINT', 'when STORE=cosmos');
    if (e.NODE_ENV === 'production' && e.COSMOS_ENDPOINT && !e.COSMOS_ENDPOINT.startsWith('https://')) {
      problems.push('  COSMOS_ENDPOINT: must be https when NODE_ENV=production');
    }
    if (e.COSMOS_ALLOW_SELF_SIGNED && e.NODE_ENV === 'production') {
      problems.push('  COSMOS_ALLOW_SELF_SIGNED: not allowed when NODE_ENV=production');
    }
  }
  if (e.NODE_ENV === 'production' && !e.ENTRA_AUTHORITY_HOST.startsWith('https://')) {
    problems.push('  ENTRA_AUTHORITY_HOST: must be https when NODE_ENV=production');
  }
  if (e.NODE_ENV === 'production' && !e.PUBLIC_BASE_URL?.startsWith('https://')) {
    problems.push(
      '  PUBLIC_BASE_URL: required (https) when NODE_ENV=production (links in Teams cards point there)',
    );
  }
  if (e.ENTRA_CLIENT_ID && !e.ENTRA_ALLOWED_TENANTS?.length) {
    problems.push('  ENTRA_ALLOWED_TENANTS: required (one or more tenant GUIDs) when ENTRA_CLIENT_ID is set');
  }
  if (e.ENTRA_EXTRA_CA_FILE && !existsSync(e.ENTRA_EXTRA_CA_FILE)) {
    problems.push(`  ENTRA_EXTRA_CA_FILE: cannot read ${e.ENTRA_EXTRA_CA_FILE}`);
  }
  if (!e.ENTRA_CLIENT_ID) {
    for (const name of ['ENTRA_APP_ID_URI', 'ENTRA_ALLOWED_TENANTS', 'ENTRA_CLIENT_SECRET'] as const) {
      if (e[name] !== undefined) problems.push(`  ${name}: has no effect without ENTRA_CLIENT_ID`);
    }
  }
  if (!devEnabled && !e.ENTRA_CLIENT_ID) {
    problems.push('  ENTRA_CLIENT_ID: required when the dev issuer is off (nobody could sign in)');
  }
  problems.push(
    ...pipelineProblems(e, e.NODE_ENV === 'production'),
    ...providersProblems(e, e.NODE_ENV === 'production'),
    ...botProblems(e, e.NODE_ENV === 'production'),
    ...azureProblems(e, e.NODE_ENV === 'production'),
  );
  const anyRemote =
    e.OPENAI_API_KEY || e.AZURE_OPENAI_API_KEY || e.REPLICATE_API_TOKEN || e.FIREFLY_CLIENT_ID;
  const local = e.LOCAL_PROVIDER ?? (e.NODE_ENV === 'production' ? 'off' : 'on');
  if (!anyRemote && local === 'off') {
    problems.push(
      '  LOCAL_PROVIDER: no image provider is configured (set a provider key, or LOCAL_PROVIDER=on)',
    );
  }
  if (problems.length > 0) {
    if (unresolved.length) {
      problems.push(`  (Key Vault references not resolved, so treated as unset: ${unresolved.join(', ')})`);
    }
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }

  const dataDir = resolve(e.DATA_DIR);
  const publicBaseUrl = e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`;
  return {
    env: e.NODE_ENV,
    version,
    http: {
      host: e.HOST,
      port: e.PORT,
      publicBaseUrl,
      bodyLimit: e.BODY_LIMIT,
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
      trustProxy: e.TRUST_PROXY.filter((p) => p !== 'none'),
    },
    logLevel: e.LOG_LEVEL,
    dataDir,
    store:
      e.STORE === 'sqlite'
        ? { kind: 'sqlite', path: resolve(e.SQLITE_PATH ?? `${dataDir}/donatello.db`) }
        : {
            kind: 'cosmos',
            endpoint: e.COSMOS_ENDPOINT!,
            key: e.COSMOS_KEY ?? null,
            database: e.COSMOS_DATABASE,
            allowSelfSigned: e.COSMOS_ALLOW_SELF_SIGNED,
          },
    blobs:
      e.BLOBS === 'fs'
        ? { kind: 'fs', dir: resolve(e.BLOB_DIR ?? `${dataDir}/blobs`) }
        : {
            kind: 'azure',
            connectionString: e.AZURE_STORAGE_CONNECTION_STRING ?? null,
            accountUrl: e.AZURE_STORAGE_ACCOUNT_URL ?? null,
            container: e.BLOB_CONTAINER,
          },
    azure: { credential: azureCredentialConfig(e), unresolvedSecrets: unresolved },
    telemetry: telemetryConfig(e),
    auditExport: auditExportConfig(e, dataDir),
    identity: {
      dev: { enabled: devEnabled, tenantId: e.DEV_TENANT_ID.toLowerCase() },
      entra: e.ENTRA_CLIENT_ID
        ? {
            clientId: e.ENTRA_CLIENT_ID.toLowerCase(),
            audiences: [e.ENTRA_CLIENT_ID.toLowerCase(), ...(e.ENTRA_APP_ID_URI ? [e.ENTRA_APP_ID_URI] : [])],
            allowedTenants: (e.ENTRA_ALLOWED_TENANTS ?? []).map((t) => t.toLowerCase()),
            authorityHost: e.ENTRA_AUTHORITY_HOST,
            jwksCacheSeconds: e.JWKS_CACHE_SECONDS,
          }
        : null,
      graph:
        e.ENTRA_CLIENT_ID && e.ENTRA_CLIENT_SECRET
          ? {
              clientId: e.ENTRA_CLIENT_ID.toLowerCase(),
              clientSecret: e.ENTRA_CLIENT_SECRET,
              authorityHost: e.ENTRA_AUTHORITY_HOST,
              graphBaseUrl: e.GRAPH_BASE_URL,
              ...(e.ENTRA_EXTRA_CA_FILE ? { ca: readFileSync(e.ENTRA_EXTRA_CA_FILE, 'utf8') } : {}),
            }
          : null,
    },
    pipeline: pipelineConfig(e, e.NODE_ENV === 'production'),
    providers: providersConfig(e),
    bot: botConfig(e, devEnabled),
    imageLinks: imageLinksConfig(e),
  };
}
