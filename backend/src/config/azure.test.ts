// Settings for running on Azure (issue #13): keyless Cosmos DB and Blob Storage, the managed-identity bot,
// telemetry, the audit export, and what production insists on.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';

const error = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
};

const MI = '7a1e0000-0000-4000-8000-00000000a1d1';
const TENANT = '22222222-2222-4222-8222-222222222222';
/** What infra/modules/appservice.bicep sets, minus the provider keys from Key Vault. */
const AZURE_PROD = {
  NODE_ENV: 'production',
  PUBLIC_BASE_URL: 'https://donatello.example.com',
  ENTRA_CLIENT_ID: '11111111-1111-4111-8111-111111111111',
  ENTRA_ALLOWED_TENANTS: TENANT,
  OPENAI_API_KEY: 'sk-test',
  STORE: 'cosmos',
  COSMOS_ENDPOINT: 'https://donatello.documents.azure.com:443/',
  BLOBS: 'azure',
  AZURE_STORAGE_ACCOUNT_URL: 'https://donatello.blob.core.windows.net',
  AZURE_CLIENT_ID: MI,
  BOT_AUTH: 'managed-identity',
  BOT_ID: MI,
  BOT_TENANT_ID: TENANT,
  TEAMS_APP_ID: '55555555-5555-4555-8555-555555555555',
  IMAGE_URL_SECRET: 'x'.repeat(32),
};

describe('Azure settings', () => {
  it('runs keyless: Cosmos DB and Blob Storage through the managed identity, the bot as a UserAssignedMSI', () => {
    const c = loadConfig(AZURE_PROD);
    expect(c.store).toMatchObject({ kind: 'cosmos', key: null, database: 'donatello' });
    expect(c.blobs).toEqual({
      kind: 'azure',
      connectionString: null,
      accountUrl: 'https://donatello.blob.core.windows.net',
      container: 'images',
    });
    expect(c.azure.credential).toEqual({ managedIdentityClientId: MI });
    expect(c.bot).toEqual({
      mode: 'managed-identity',
      appId: MI,
      tenantId: TENANT,
      teamsAppId: '55555555-5555-4555-8555-555555555555',
      serviceUrls: ['https://smba.trafficmanager.net/'],
    });
    expect(c.auditExport).toEqual({
      enabled: true,
      intervalMs: 300_000,
      maxRecords: 5000,
      target: { kind: 'azure', container: 'audit' },
    });
    expect(c.telemetry).toBeNull();
    expect(c.azure.unresolvedSecrets).toEqual([]);
  });

  it('treats a Key Vault reference App Service could not resolve as unset, and says so', () => {
    const ref = (name: string) => `@Microsoft.KeyVault(VaultName=donatello-kv;SecretName=${name})`;
    const c = loadConfig({ ...AZURE_PROD, REPLICATE_API_TOKEN: ref('replicate-api-token') });
    expect(c.providers.replicate).toBeNull();
    expect(c.azure.unresolvedSecrets).toEqual(['REPLICATE_API_TOKEN']);
    const { OPENAI_API_KEY: _, ...noKey } = AZURE_PROD;
    const msg = error({
      ...noKey,
      OPENAI_API_KEY: ref('openai-api-key'),
      IMAGE_URL_SECRET: ref('image-url-secret'),
    });
    expect(msg).toMatch(/IMAGE_URL_SECRET: required/);
    expect(msg).toMatch(/LOCAL_PROVIDER: no image provider/);
    expect(msg).toMatch(
      /Key Vault references not resolved, so treated as unset: IMAGE_URL_SECRET, OPENAI_API_KEY/,
    );
  });

  it('names the managed identity production needs when a store has no key', () => {
    const { AZURE_CLIENT_ID: _, ...noIdentity } = AZURE_PROD;
    expect(error(noIdentity)).toMatch(/AZURE_CLIENT_ID: required when NODE_ENV=production/);
    // Outside production the developer's own sign-in (DefaultAzureCredential) is fine.
    const dev = loadConfig({ STORE: 'cosmos', COSMOS_ENDPOINT: 'https://x.documents.azure.com' });
    expect(dev.azure.credential.managedIdentityClientId).toBeNull();
    expect(error({ ...AZURE_PROD, AZURE_STORAGE_ACCOUNT_URL: 'http://127.0.0.1:10000/dev' })).toMatch(
      /AZURE_STORAGE_ACCOUNT_URL: must be https/,
    );
  });

  it('wants exactly one way to reach Blob Storage', () => {
    expect(error({ BLOBS: 'azure' })).toMatch(
      /AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT_URL: one is required/,
    );
    expect(
      error({
        BLOBS: 'azure',
        AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
        AZURE_STORAGE_ACCOUNT_URL: 'https://x.blob.core.windows.net',
      }),
    ).toMatch(/not both/);
    expect(error({ AZURE_STORAGE_ACCOUNT_URL: 'https://x.blob.core.windows.net' })).toMatch(
      /AZURE_STORAGE_ACCOUNT_URL: has no effect unless BLOBS=azure/,
    );
  });

  it('checks the managed-identity bot settings', () => {
    expect(error({ BOT_AUTH: 'managed-identity' })).toMatch(/BOT_ID: required[\s\S]*BOT_TENANT_ID: required/);
    expect(error({ ...AZURE_PROD, BOT_PASSWORD: 'x' })).toMatch(/BOT_PASSWORD: not allowed/);
    expect(error({ BOT_AUTH: 'secret', BOT_ID: MI })).toMatch(/BOT_PASSWORD: required when BOT_AUTH=secret/);
    // The client-secret path stays for a developer's own tenant.
    expect(loadConfig({ BOT_ID: MI, BOT_PASSWORD: 's', BOT_TENANT_ID: TENANT }).bot).toMatchObject({
      mode: 'credentials',
      password: 's',
      tenantId: TENANT,
    });
  });

  it('wants an https public address in production', () => {
    const { PUBLIC_BASE_URL: _, ...none } = AZURE_PROD;
    expect(error(none)).toMatch(/PUBLIC_BASE_URL: required \(https\)/);
    expect(error({ ...AZURE_PROD, PUBLIC_BASE_URL: 'http://donatello.example.com' })).toMatch(
      /PUBLIC_BASE_URL/,
    );
  });

  it('turns telemetry on with an Application Insights connection string', () => {
    const cs =
      'InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=https://australiaeast-1.in.applicationinsights.azure.com/';
    expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: cs }).telemetry).toEqual({
      connectionString: cs,
      tracesPerSecond: 5,
      samplingRatio: 1,
    });
    expect(
      loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: cs, TELEMETRY_TRACES_PER_SECOND: '0' }).telemetry
        ?.tracesPerSecond,
    ).toBe(0);
    expect(error({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'https://example.com' })).toMatch(
      /APPLICATIONINSIGHTS_CONNECTION_STRING/,
    );
    expect(error({ TELEMETRY_SAMPLING_RATIO: '2' })).toMatch(/TELEMETRY_SAMPLING_RATIO/);
  });

  it('exports the audit chain to a folder in the embedded mode', () => {
    const c = loadConfig({ DATA_DIR: '/tmp/donatello-x', AUDIT_EXPORT_INTERVAL_MS: '1000' });
    expect(c.auditExport).toEqual({
      enabled: true,
      intervalMs: 1000,
      maxRecords: 5000,
      target: { kind: 'fs', dir: '/tmp/donatello-x/audit-export' },
    });
    expect(loadConfig({ AUDIT_EXPORT: 'off' }).auditExport.enabled).toBe(false);
    // Off by default under test, so unrelated tests never export; a test that wants it says so.
    expect(loadConfig({ NODE_ENV: 'test' }).auditExport.enabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', AUDIT_EXPORT: 'on' }).auditExport.enabled).toBe(true);
    expect(error({ ...AZURE_PROD, AUDIT_EXPORT_DIR: '/tmp/x' })).toMatch(
      /AUDIT_EXPORT_DIR: only used with BLOBS=fs/,
    );
    expect(error({ AUDIT_EXPORT_INTERVAL_MS: '10' })).toMatch(/AUDIT_EXPORT_INTERVAL_MS/);
    expect(error({ AUDIT_EXPORT_CONTAINER: 'Audit' })).toMatch(/AUDIT_EXPORT_CONTAINER/);
  });
});
