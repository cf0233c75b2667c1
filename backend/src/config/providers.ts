// Settings of the remote image providers. A provider is on only when its credentials are set (issue #3).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { csv, httpUrl } from './fields.ts';
import type { AzureOpenAIProviderOptions } from '../providers/azure-openai.ts';
import type { FireflyProviderOptions } from '../providers/firefly.ts';
import type { OpenAIProviderOptions } from '../providers/openai.ts';
import type { ReplicateProviderOptions } from '../providers/replicate.ts';

const ms = (def: number) => z.coerce.number().int().min(100).max(3_600_000).default(def);
const region = z.enum(['australia', 'united-states', 'global']);
const modelMap = z.string().transform((v, ctx) => {
  const out: Record<string, string> = {};
  for (const part of v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(dall-e-3|gpt-image-1)=([A-Za-z0-9._-]{1,64})$/.exec(part);
    if (!m) {
      ctx.addIssue({
        code: 'custom',
        message: `"${part}" is not model=name (models: dall-e-3, gpt-image-1)`,
      });
      return z.NEVER;
    }
    out[m[1]!] = m[2]!;
  }
  return out;
});

export const ProvidersEnv = z.object({
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: httpUrl.default('https://api.openai.com/v1'),
  OPENAI_ORG_ID: z.string().min(1).optional(),
  OPENAI_PROJECT_ID: z.string().min(1).optional(),
  OPENAI_MODELS: csv.pipe(z.array(z.enum(['dall-e-3', 'gpt-image-1'])).min(1)).optional(),
  OPENAI_REGION: region.default('global'),
  OPENAI_TIMEOUT_MS: ms(30_000),
  OPENAI_IMAGE_HOSTS: csv.optional(),

  AZURE_OPENAI_ENDPOINT: httpUrl.optional(),
  AZURE_OPENAI_API_KEY: z.string().min(1).optional(),
  AZURE_OPENAI_DEPLOYMENTS: modelMap.optional(),
  AZURE_OPENAI_API_VERSION: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/)
    .optional(),
  AZURE_OPENAI_API_VERSIONS: modelMap.optional(),
  AZURE_OPENAI_REGION: z
    .string()
    .regex(/^[a-z0-9]{3,40}$/, 'an Azure region name such as australiaeast')
    .optional(),
  AZURE_OPENAI_TIMEOUT_MS: ms(30_000),
  AZURE_OPENAI_IMAGE_HOSTS: csv.optional(),

  REPLICATE_API_TOKEN: z.string().min(1).optional(),
  REPLICATE_BASE_URL: httpUrl.default('https://api.replicate.com/v1'),
  REPLICATE_TIMEOUT_MS: ms(180_000),
  REPLICATE_WAIT_SECONDS: z.coerce.number().int().min(0).max(60).default(60),
  REPLICATE_POLL_INTERVAL_MS: ms(1000),
  REPLICATE_SDXL_VERSION: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  REPLICATE_IMAGE_HOSTS: csv.optional(),

  FIREFLY_CLIENT_ID: z.string().min(1).optional(),
  FIREFLY_CLIENT_SECRET: z.string().min(1).optional(),
  FIREFLY_IMS_URL: httpUrl.default('https://ims-na1.adobelogin.com'),
  FIREFLY_BASE_URL: httpUrl.default('https://firefly-api.adobe.io'),
  FIREFLY_MODE: z.enum(['async', 'sync']).default('async'),
  FIREFLY_REGION: region.default('united-states'),
  FIREFLY_TIMEOUT_MS: ms(60_000),
  FIREFLY_POLL_INTERVAL_MS: ms(1000),
  FIREFLY_API_HOSTS: csv.optional(),
  FIREFLY_IMAGE_HOSTS: csv.optional(),

  IMAGE_FETCH_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  /** Extra CA certificates (PEM file) for fetching provider images, e.g. behind a TLS-inspecting proxy. */
  IMAGE_FETCH_CA_FILE: z.string().min(1).optional(),
});
export type ProvidersEnv = z.infer<typeof ProvidersEnv>;

export interface ProvidersConfig {
  openai: (OpenAIProviderOptions & { timeoutMs: number }) | null;
  azureOpenai: (AzureOpenAIProviderOptions & { timeoutMs: number }) | null;
  replicate: (ReplicateProviderOptions & { timeoutMs: number }) | null;
  firefly: (FireflyProviderOptions & { timeoutMs: number }) | null;
}

export function providersProblems(e: ProvidersEnv, production: boolean): string[] {
  const p: string[] = [];
  if (production) {
    // Keys travel with every call: never over plain HTTP in production.
    const urls = {
      OPENAI_BASE_URL: e.OPENAI_BASE_URL,
      AZURE_OPENAI_ENDPOINT: e.AZURE_OPENAI_ENDPOINT,
      REPLICATE_BASE_URL: e.REPLICATE_BASE_URL,
      FIREFLY_IMS_URL: e.FIREFLY_IMS_URL,
      FIREFLY_BASE_URL: e.FIREFLY_BASE_URL,
    };
    for (const [name, url] of Object.entries(urls)) {
      if (url && !url.startsWith('https://')) p.push(`  ${name}: must be https when NODE_ENV=production`);
    }
  }
  const azure = [e.AZURE_OPENAI_ENDPOINT, e.AZURE_OPENAI_API_KEY, e.AZURE_OPENAI_DEPLOYMENTS];
  if (azure.some((v) => v !== undefined) && azure.some((v) => v === undefined)) {
    p.push('  AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY, AZURE_OPENAI_DEPLOYMENTS: set all three or none');
  }
  if ((e.FIREFLY_CLIENT_ID === undefined) !== (e.FIREFLY_CLIENT_SECRET === undefined)) {
    p.push('  FIREFLY_CLIENT_ID, FIREFLY_CLIENT_SECRET: set both or neither');
  }
  if (e.IMAGE_FETCH_CA_FILE) {
    try {
      readFileSync(e.IMAGE_FETCH_CA_FILE, 'utf8');
    } catch {
      p.push(`  IMAGE_FETCH_CA_FILE: cannot read ${e.IMAGE_FETCH_CA_FILE}`);
    }
  }
  return p;
}

export function providersConfig(e: ProvidersEnv): ProvidersConfig {
  const ca = e.IMAGE_FETCH_CA_FILE ? readFileSync(e.IMAGE_FETCH_CA_FILE, 'utf8') : undefined;
  const fetchOpts = (hosts: string[] | undefined) => ({
    maxBytes: e.IMAGE_FETCH_MAX_BYTES,
    ...(hosts ? { allowedHosts: hosts } : {}),
    ...(ca ? { ca } : {}),
  });
  return {
    openai: e.OPENAI_API_KEY
      ? {
          apiKey: e.OPENAI_API_KEY,
          baseURL: e.OPENAI_BASE_URL,
          ...(e.OPENAI_ORG_ID ? { organization: e.OPENAI_ORG_ID } : {}),
          ...(e.OPENAI_PROJECT_ID ? { project: e.OPENAI_PROJECT_ID } : {}),
          ...(e.OPENAI_MODELS ? { models: e.OPENAI_MODELS } : {}),
          region: e.OPENAI_REGION,
          timeoutMs: e.OPENAI_TIMEOUT_MS,
          imageFetch: fetchOpts(e.OPENAI_IMAGE_HOSTS),
        }
      : null,
    azureOpenai:
      e.AZURE_OPENAI_ENDPOINT && e.AZURE_OPENAI_API_KEY && e.AZURE_OPENAI_DEPLOYMENTS
        ? {
            endpoint: e.AZURE_OPENAI_ENDPOINT,
            apiKey: e.AZURE_OPENAI_API_KEY,
            deployments: e.AZURE_OPENAI_DEPLOYMENTS,
            ...(e.AZURE_OPENAI_API_VERSION ? { apiVersion: e.AZURE_OPENAI_API_VERSION } : {}),
            ...(e.AZURE_OPENAI_API_VERSIONS ? { apiVersions: e.AZURE_OPENAI_API_VERSIONS } : {}),
            ...(e.AZURE_OPENAI_REGION ? { region: e.AZURE_OPENAI_REGION } : {}),
            timeoutMs: e.AZURE_OPENAI_TIMEOUT_MS,
            imageFetch: fetchOpts(e.AZURE_OPENAI_IMAGE_HOSTS),
          }
        : null,
    replicate: e.REPLICATE_API_TOKEN
      ? {
          apiToken: e.REPLICATE_API_TOKEN,
          baseUrl: e.REPLICATE_BASE_URL,
          timeoutMs: e.REPLICATE_TIMEOUT_MS,
          waitSeconds: e.REPLICATE_WAIT_SECONDS,
          pollIntervalMs: e.REPLICATE_POLL_INTERVAL_MS,
          ...(e.REPLICATE_SDXL_VERSION ? { sdxlVersion: e.REPLICATE_SDXL_VERSION } : {}),
          imageFetch: fetchOpts(e.REPLICATE_IMAGE_HOSTS),
        }
      : null,
    firefly:
      e.FIREFLY_CLIENT_ID && e.FIREFLY_CLIENT_SECRET
        ? {
            clientId: e.FIREFLY_CLIENT_ID,
            clientSecret: e.FIREFLY_CLIENT_SECRET,
            imsUrl: e.FIREFLY_IMS_URL,
            baseUrl: e.FIREFLY_BASE_URL,
            mode: e.FIREFLY_MODE,
            region: e.FIREFLY_REGION,
            timeoutMs: e.FIREFLY_TIMEOUT_MS,
            pollIntervalMs: e.FIREFLY_POLL_INTERVAL_MS,
            ...(e.FIREFLY_API_HOSTS ? { apiHosts: e.FIREFLY_API_HOSTS } : {}),
            imageFetch: fetchOpts(e.FIREFLY_IMAGE_HOSTS),
          }
        : null,
  };
}
