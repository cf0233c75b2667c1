// The one place that reads the environment (DESIGN §11). Everything else receives a typed Config.
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
import { WebEnv, webConfig, type WebConfig } from './config/web.ts';
import { bool, csv, httpUrl } from './config/fields.ts';
import {
  IdentityEnv,
  devIssuerEnabled,
  identityConfig,
  identityProblems,
  type IdentityConfig,
} from './config/identity.ts';

export { MICROSOFT_HOST_CLIENT_APPS } from './config/identity.ts';

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
  .extend(WebEnv.shape)
  .extend(IdentityEnv.shape)
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
  identity: IdentityConfig;
  pipeline: PipelineConfig;
  providers: ProvidersConfig;
  /** The Teams bot: real credentials, the development mode, or null (no bot endpoint). */
  bot: BotConfig | null;
  /** Signed, expiring image links for Teams cards. */
  imageLinks: ImageLinksConfig;
  /** The web pages served under /tab/. */
  web: WebConfig;
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

  const devEnabled = devIssuerEnabled(e);
  if (e.STORE === 'cosmos') {
    need('COSMOS_ENDPOINT', 'when STORE=cosmos');
    if (e.NODE_ENV === 'production' && e.COSMOS_ENDPOINT && !e.COSMOS_ENDPOINT.startsWith('https://')) {
      problems.push('  COSMOS_ENDPOINT: must be https when NODE_ENV=production');
    }
    if (e.COSMOS_ALLOW_SELF_SIGNED && e.NODE_ENV === 'production') {
      problems.push('  COSMOS_ALLOW_SELF_SIGNED: not allowed when NODE_ENV=production');
    }
  }
  if (e.NODE_ENV === 'production' && !e.PUBLIC_BASE_URL?.startsWith('https://')) {
    problems.push(
      '  PUBLIC_BASE_URL: required (https) when NODE_ENV=production (links in Teams cards point there)',
    );
  }
  problems.push(
    ...identityProblems(e),
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
    identity: identityConfig(e),
    pipeline: pipelineConfig(e, e.NODE_ENV === 'production'),
    providers: providersConfig(e),
    bot: botConfig(e, devEnabled),
    imageLinks: imageLinksConfig(e),
    web: webConfig(e),
  };
}
