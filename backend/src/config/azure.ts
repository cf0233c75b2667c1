// Settings for running on Azure (issue #13): the managed identity that stands in for keys and connection
// strings, Azure Monitor telemetry, and the WORM export of the audit chain. Parsed by config.ts with the rest.
// The one rule not to break: production never falls back to a credential chain it did not ask for; a keyless
// store or blob store there needs AZURE_CLIENT_ID, the user-assigned identity the Bicep template creates.
import { resolve } from 'node:path';
import { z } from 'zod';
import { httpUrl, uuid } from './fields.ts';

const container = z
  .string()
  .regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'a valid Azure container name');

export const AzureEnv = z.object({
  /** Client id of the user-assigned managed identity (App Service sets no default for it). */
  AZURE_CLIENT_ID: uuid.optional(),
  /** Blob endpoint of the storage account, used with Entra ID instead of a connection string. */
  AZURE_STORAGE_ACCOUNT_URL: httpUrl.optional(),
  APPLICATIONINSIGHTS_CONNECTION_STRING: z
    .string()
    .regex(/(^|;)\s*InstrumentationKey=[^;]+/i, 'an Application Insights connection string')
    .optional(),
  /** Request traces kept per second at most (the SDK's rate-limited sampling); 0 samples by ratio instead. */
  TELEMETRY_TRACES_PER_SECOND: z.coerce.number().min(0).max(1000).default(5),
  /** With TELEMETRY_TRACES_PER_SECOND=0: the share of request traces kept (0-1). */
  TELEMETRY_SAMPLING_RATIO: z.coerce.number().min(0).max(1).default(1),
  /** Default on, except with NODE_ENV=test, where a test that wants the exporter turns it on. */
  AUDIT_EXPORT: z.enum(['on', 'off']).optional(),
  AUDIT_EXPORT_INTERVAL_MS: z.coerce.number().int().min(50).max(86_400_000).default(300_000),
  AUDIT_EXPORT_MAX_RECORDS: z.coerce.number().int().min(1).max(50_000).default(5000),
  AUDIT_EXPORT_CONTAINER: container.default('audit'),
  AUDIT_EXPORT_DIR: z.string().min(1).optional(),
});
export type AzureEnv = z.infer<typeof AzureEnv>;

/** How the process proves who it is to Cosmos DB and Blob Storage when it holds no key. */
export interface AzureCredentialConfig {
  /** The user-assigned managed identity; null means the developer's DefaultAzureCredential chain. */
  managedIdentityClientId: string | null;
}

export interface TelemetryConfig {
  connectionString: string;
  tracesPerSecond: number;
  samplingRatio: number;
}

export interface AuditExportConfig {
  enabled: boolean;
  intervalMs: number;
  /** Records per segment at most; a longer backlog becomes several segments. */
  maxRecords: number;
  /** File system in the embedded mode; the storage account's `audit` container with BLOBS=azure. */
  target: { kind: 'fs'; dir: string } | { kind: 'azure'; container: string };
}

interface Uses {
  NODE_ENV: 'development' | 'production' | 'test';
  STORE: 'sqlite' | 'cosmos';
  COSMOS_KEY?: string | undefined;
  BLOBS: 'fs' | 'azure';
  AZURE_STORAGE_CONNECTION_STRING?: string | undefined;
}

export function azureProblems(e: AzureEnv & Uses, production: boolean): string[] {
  const p: string[] = [];
  if (e.BLOBS === 'azure') {
    if (!e.AZURE_STORAGE_CONNECTION_STRING && !e.AZURE_STORAGE_ACCOUNT_URL) {
      p.push(
        '  AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT_URL: one is required when BLOBS=azure',
      );
    }
    if (e.AZURE_STORAGE_CONNECTION_STRING && e.AZURE_STORAGE_ACCOUNT_URL) {
      p.push('  AZURE_STORAGE_ACCOUNT_URL: set it or AZURE_STORAGE_CONNECTION_STRING, not both');
    }
    if (production && e.AZURE_STORAGE_ACCOUNT_URL && !e.AZURE_STORAGE_ACCOUNT_URL.startsWith('https://')) {
      p.push('  AZURE_STORAGE_ACCOUNT_URL: must be https when NODE_ENV=production');
    }
    if (e.AUDIT_EXPORT_DIR)
      p.push('  AUDIT_EXPORT_DIR: only used with BLOBS=fs (Azure uses AUDIT_EXPORT_CONTAINER)');
  } else if (e.AZURE_STORAGE_ACCOUNT_URL) {
    p.push('  AZURE_STORAGE_ACCOUNT_URL: has no effect unless BLOBS=azure');
  }
  const keyless =
    (e.STORE === 'cosmos' && !e.COSMOS_KEY) || (e.BLOBS === 'azure' && !!e.AZURE_STORAGE_ACCOUNT_URL);
  if (production && keyless && !e.AZURE_CLIENT_ID) {
    p.push(
      '  AZURE_CLIENT_ID: required when NODE_ENV=production and Cosmos DB or Blob Storage has no key (the managed identity)',
    );
  }
  return p;
}

export function azureCredentialConfig(e: AzureEnv): AzureCredentialConfig {
  return { managedIdentityClientId: e.AZURE_CLIENT_ID?.toLowerCase() ?? null };
}

export function telemetryConfig(e: AzureEnv): TelemetryConfig | null {
  if (!e.APPLICATIONINSIGHTS_CONNECTION_STRING) return null;
  return {
    connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING,
    tracesPerSecond: e.TELEMETRY_TRACES_PER_SECOND,
    samplingRatio: e.TELEMETRY_SAMPLING_RATIO,
  };
}

export function auditExportConfig(e: AzureEnv & Uses, dataDir: string): AuditExportConfig {
  return {
    enabled: (e.AUDIT_EXPORT ?? (e.NODE_ENV === 'test' ? 'off' : 'on')) === 'on',
    intervalMs: e.AUDIT_EXPORT_INTERVAL_MS,
    maxRecords: e.AUDIT_EXPORT_MAX_RECORDS,
    target:
      e.BLOBS === 'azure'
        ? { kind: 'azure', container: e.AUDIT_EXPORT_CONTAINER }
        : { kind: 'fs', dir: resolve(e.AUDIT_EXPORT_DIR ?? `${dataDir}/audit-export`) },
  };
}
