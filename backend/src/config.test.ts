import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const error = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
};

const PROD_BOT = {
  PUBLIC_BASE_URL: 'https://donatello.example.com',
  BOT_ID: '33333333-3333-4333-8333-333333333333',
  BOT_PASSWORD: 'bot-secret',
  IMAGE_URL_SECRET: 'x'.repeat(32),
  TEAMS_APP_ID: '55555555-5555-4555-8555-555555555555',
};

describe('loadConfig', () => {
  it('defaults to the embedded mode with the dev issuer', () => {
    const c = loadConfig({});
    expect(c.env).toBe('development');
    expect(c.http.port).toBe(3978);
    expect(c.store).toMatchObject({ kind: 'sqlite' });
    expect(c.store.kind === 'sqlite' && c.store.path).toMatch(/\.data\/donatello\.db$/);
    expect(c.blobs.kind === 'fs' && c.blobs.dir).toMatch(/\.data\/blobs$/);
    expect(c.identity.dev.enabled).toBe(true);
    expect(c.identity.entra).toBeNull();
  });

  it('names every bad setting', () => {
    const msg = error({ PORT: 'eighty', LOG_LEVEL: 'loud', STORE: 'postgres' });
    expect(msg).toMatch(/PORT/);
    expect(msg).toMatch(/LOG_LEVEL/);
    expect(msg).toMatch(/STORE/);
  });

  it('trusts only the proxies it is told to, and checks what it is told', () => {
    expect(loadConfig({}).http.trustProxy).toEqual(['loopback', 'linklocal', 'uniquelocal']);
    expect(loadConfig({ TRUST_PROXY: 'none' }).http.trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.4, 10.1.0.0/16, fd00::/8' }).http.trustProxy).toEqual([
      '10.0.0.4',
      '10.1.0.0/16',
      'fd00::/8',
    ]);
    for (const bad of ['10.0.0.0/33', 'proxy.example', '10.0.0.1/8/1', '*']) {
      expect(error({ TRUST_PROXY: bad }), bad).toMatch(/TRUST_PROXY/);
    }
  });

  it('names what a chosen adapter needs', () => {
    expect(error({ STORE: 'cosmos' })).toMatch(/COSMOS_ENDPOINT/);
    expect(error({ STORE: 'cosmos' })).not.toMatch(/COSMOS_KEY/); // without a key: Entra ID
    expect(error({ BLOBS: 'azure' })).toMatch(/AZURE_STORAGE_CONNECTION_STRING/);
    expect(error({ ENTRA_CLIENT_ID: '11111111-1111-4111-8111-111111111111' })).toMatch(
      /ENTRA_ALLOWED_TENANTS/,
    );
    expect(error({ ENTRA_ALLOWED_TENANTS: 'not-a-guid' })).toMatch(/ENTRA_ALLOWED_TENANTS/);
    expect(
      error({ ENTRA_CLIENT_ID: '11111111-1111-4111-8111-111111111111', ENTRA_ALLOWED_TENANTS: ',' }),
    ).toMatch(/ENTRA_ALLOWED_TENANTS: required/);
    expect(error({ ENTRA_APP_ID_URI: 'api://x' })).toMatch(
      /ENTRA_APP_ID_URI: has no effect without ENTRA_CLIENT_ID/,
    );
  });

  it('never runs the dev issuer in production', () => {
    expect(error({ NODE_ENV: 'production', DEV_AUTH: 'true' })).toMatch(/DEV_AUTH/);
    expect(error({ NODE_ENV: 'production' })).toMatch(/ENTRA_CLIENT_ID/);
    const prod = loadConfig({
      NODE_ENV: 'production',
      ENTRA_CLIENT_ID: '11111111-1111-4111-8111-111111111111',
      ENTRA_ALLOWED_TENANTS: '22222222-2222-4222-8222-222222222222',
      OPENAI_API_KEY: 'sk-test',
      ...PROD_BOT,
    });
    expect(prod.pipeline.local).toBe('off');
    expect(prod.identity.dev.enabled).toBe(false);
    expect(prod.identity.entra?.audiences).toEqual(['11111111-1111-4111-8111-111111111111']);
  });

  it('refuses insecure settings in production', () => {
    const base = {
      NODE_ENV: 'production',
      ENTRA_CLIENT_ID: '11111111-1111-4111-8111-111111111111',
      ENTRA_ALLOWED_TENANTS: '22222222-2222-4222-8222-222222222222',
    };
    expect(
      error({
        ...base,
        STORE: 'cosmos',
        COSMOS_ENDPOINT: 'https://x.documents.azure.com',
        COSMOS_KEY: 'k',
        COSMOS_ALLOW_SELF_SIGNED: 'true',
      }),
    ).toMatch(/COSMOS_ALLOW_SELF_SIGNED/);
    expect(error({ ...base, ENTRA_AUTHORITY_HOST: 'http://login.example.com' })).toMatch(
      /ENTRA_AUTHORITY_HOST/,
    );
  });

  it('runs the bot in development mode without credentials, and never in production', () => {
    const dev = loadConfig({});
    expect(dev.bot).toEqual({
      mode: 'dev',
      appId: '00000000-0000-4000-8000-00000000b07d',
      serviceUrl: 'http://localhost:56150/_connector',
      teamsAppId: 'd0a7e110-0000-4000-8000-000000000001',
      serviceUrls: ['http://localhost:56150/_connector'],
    });
    expect(dev.imageLinks).toEqual({ secret: null, ttlSeconds: 30 * 86_400 });
    expect(loadConfig({ BOT_DEV_SERVICE_URL: 'http://127.0.0.1:9/_connector/' }).bot).toMatchObject({
      serviceUrl: 'http://127.0.0.1:9/_connector',
    });
    const withCreds = loadConfig({ ...PROD_BOT, BOT_TENANT_ID: '44444444-4444-4444-8444-444444444444' });
    expect(withCreds.bot).toEqual({
      mode: 'credentials',
      appId: PROD_BOT.BOT_ID,
      password: 'bot-secret',
      tenantId: '44444444-4444-4444-8444-444444444444',
      teamsAppId: PROD_BOT.TEAMS_APP_ID,
      serviceUrls: ['https://smba.trafficmanager.net/'],
    });
    expect(
      loadConfig({
        ...PROD_BOT,
        BOT_SERVICE_URLS: 'https://smba.infra.gcc.teams.microsoft.com/, https://smba.trafficmanager.net/au/',
      }).bot?.serviceUrls,
    ).toEqual(['https://smba.infra.gcc.teams.microsoft.com/', 'https://smba.trafficmanager.net/au/']);
    expect(error({ BOT_SERVICE_URLS: 'ftp://x, ' })).toMatch(/BOT_SERVICE_URLS/);
    expect(error({ BOT_SERVICE_URLS: ' , ' })).toMatch(/BOT_SERVICE_URLS/);
    const noDevIssuer = loadConfig({
      DEV_AUTH: 'false',
      ENTRA_CLIENT_ID: '11111111-1111-4111-8111-111111111111',
      ENTRA_ALLOWED_TENANTS: '22222222-2222-4222-8222-222222222222',
    });
    expect(noDevIssuer.bot).toBeNull();
    const prod = {
      NODE_ENV: 'production',
      ENTRA_CLIENT_ID: '11111111-1111-4111-8111-111111111111',
      ENTRA_ALLOWED_TENANTS: '22222222-2222-4222-8222-222222222222',
      OPENAI_API_KEY: 'sk-test',
    };
    expect(error(prod)).toMatch(
      /BOT_ID: required[\s\S]*BOT_PASSWORD: required[\s\S]*TEAMS_APP_ID: required[\s\S]*IMAGE_URL_SECRET: required/,
    );
    expect(error({ TEAMS_APP_ID: 'my-app' })).toMatch(/TEAMS_APP_ID/);
    expect(error({ ...prod, ...PROD_BOT, BOT_DEV_SERVICE_URL: 'http://localhost:1' })).toMatch(
      /BOT_DEV_SERVICE_URL: not allowed/,
    );
    expect(error({ BOT_PASSWORD: 'x' })).toMatch(/BOT_PASSWORD: has no effect without BOT_ID/);
    expect(error({ IMAGE_URL_SECRET: 'short' })).toMatch(/IMAGE_URL_SECRET/);
    expect(loadConfig({ IMAGE_URL_TTL_HOURS: '2' }).imageLinks.ttlSeconds).toBe(7200);
  });
});
