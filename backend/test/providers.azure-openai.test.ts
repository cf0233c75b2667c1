// The Azure OpenAI adapter, through the SDK's AzureOpenAI client, against the local fake Azure resource.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AzureOpenAIImageProvider, regionForAzureLocation } from '../src/providers/azure-openai.ts';
import type { GenerateInput } from '../src/providers/port.ts';
import { startFakeAzureOpenAI, type FakeAzureOpenAI } from './fakes/azure-openai-fake.ts';
import { expectProviderError, GIVES_UP_WITHIN_MS, timeout } from './fakes/expect-provider-error.ts';

let fake: FakeAzureOpenAI;
let provider: AzureOpenAIImageProvider;

const dalle: GenerateInput = {
  model: 'dall-e-3',
  prompt: 'Sydney harbour at dawn',
  size: '1024x1024',
  quality: 'standard',
  n: 1,
  style: 'vivid',
};
const gpt: GenerateInput = {
  model: 'gpt-image-1',
  prompt: 'Sydney harbour at dawn',
  size: '1792x1024',
  quality: 'hd',
  n: 2,
};

beforeAll(async () => {
  fake = await startFakeAzureOpenAI();
  provider = new AzureOpenAIImageProvider({
    endpoint: fake.endpoint,
    apiKey: fake.apiKey,
    deployments: { 'dall-e-3': 'corp-dalle3', 'gpt-image-1': 'corp-gpt-image' },
    region: 'australiaeast',
  });
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(() => {
  fake.mode = 'ok';
  fake.requests.length = 0;
});

describe('Azure OpenAI adapter', () => {
  it('offers the deployed models with the Azure price and the resource region', () => {
    expect(provider.models()).toEqual([
      expect.objectContaining({
        id: 'dall-e-3',
        provider: 'azure-openai',
        region: 'australia',
        priceMicros: { standard: 50_000, hd: 100_000 },
        commercialSafe: false,
      }),
      expect.objectContaining({
        id: 'gpt-image-1',
        provider: 'azure-openai',
        region: 'australia',
        priceMicros: { standard: 50_000, hd: 100_000 },
      }),
    ]);
    const onlyDalle = new AzureOpenAIImageProvider({
      endpoint: fake.endpoint,
      apiKey: 'k',
      deployments: { 'dall-e-3': 'x' },
    });
    expect(onlyDalle.models().map((m) => m.id)).toEqual(['dall-e-3']);
    expect(onlyDalle.models()[0]!.region).toBe('global');
  });

  it('maps Azure region names to residency', () => {
    expect(regionForAzureLocation('australiaeast')).toBe('australia');
    expect(regionForAzureLocation('Australia Southeast')).toBe('australia');
    expect(regionForAzureLocation('eastus2')).toBe('united-states');
    expect(regionForAzureLocation('swedencentral')).toBe('global');
    expect(regionForAzureLocation(undefined)).toBe('global');
  });

  it('ok (dall-e-3): deployment path, api-version, api-key header, b64_json', async () => {
    const result = await provider.generate(dalle, timeout(30_000));
    expect(result.images).toHaveLength(1);
    expect(result.images[0]!.bytes.equals(fake.pngs[0]!)).toBe(true);
    expect(result.images[0]!.contentType).toBe('image/png');
    expect(result.providerRequestId).toBe('azreq-1');
    const [req] = fake.requests;
    expect(req!.path).toBe('/openai/deployments/corp-dalle3/images/generations');
    expect(req!.query.get('api-version')).toBe('2024-10-21');
    expect(req!.headers['api-key']).toBe(fake.apiKey);
    expect(req!.headers.authorization).toBeUndefined();
    expect(req!.body).toMatchObject({
      prompt: 'Sydney harbour at dawn',
      n: 1,
      size: '1024x1024',
      quality: 'standard',
      response_format: 'b64_json',
      style: 'vivid',
    });
  });

  it('ok (gpt-image-1): its own deployment and preview api-version', async () => {
    const result = await provider.generate(gpt, timeout(30_000));
    expect(result.images.map((i) => i.bytes.equals(fake.pngs[result.images.indexOf(i)]!))).toEqual([
      true,
      true,
    ]);
    const [req] = fake.requests;
    expect(req!.path).toBe('/openai/deployments/corp-gpt-image/images/generations');
    expect(req!.query.get('api-version')).toBe('2025-04-01-preview');
    expect(req!.body).toMatchObject({ n: 2, size: '1536x1024', quality: 'high' });
  });

  it('honours a configured api-version', async () => {
    const custom = new AzureOpenAIImageProvider({
      endpoint: `${fake.endpoint}/`,
      apiKey: fake.apiKey,
      deployments: { 'dall-e-3': 'corp-dalle3' },
      apiVersion: '2024-06-01',
    });
    await custom.generate(dalle, timeout(30_000));
    expect(fake.requests[0]!.query.get('api-version')).toBe('2024-06-01');
  });

  it('slow beyond the timeout → timeout', async () => {
    fake.mode = 'slow';
    const started = Date.now();
    await expectProviderError(provider.generate(dalle, timeout(200)), 'timeout');
    expect(Date.now() - started).toBeLessThan(GIVES_UP_WITHIN_MS);
  });

  it('rate_limited → rate_limited with Retry-After, one request', async () => {
    fake.mode = 'rate_limited';
    const err = await expectProviderError(provider.generate(gpt, timeout(30_000)), 'rate_limited');
    expect(err.retryAfterMs).toBe(7_000);
    expect(fake.requests).toHaveLength(1);
  });

  it('server_error → server', async () => {
    fake.mode = 'server_error';
    await expectProviderError(provider.generate(dalle, timeout(30_000)), 'server');
  });

  it('malformed → bad_response', async () => {
    fake.mode = 'malformed';
    await expectProviderError(provider.generate(dalle, timeout(30_000)), 'bad_response');
  });

  it('content_policy (ResponsibleAIPolicyViolation) → content_policy, no fallback', async () => {
    fake.mode = 'content_policy';
    const err = await expectProviderError(provider.generate(dalle, timeout(30_000)), 'content_policy');
    expect(err.status).toBe(400);
  });

  it('bad_host (an image URL off the allow-list) → disallowed_url', async () => {
    fake.mode = 'bad_host';
    await expectProviderError(provider.generate(gpt, timeout(30_000)), 'disallowed_url');
  });

  it('a wrong key → auth; an unknown deployment → bad_request', async () => {
    const wrong = new AzureOpenAIImageProvider({
      endpoint: fake.endpoint,
      apiKey: 'nope',
      deployments: { 'dall-e-3': 'corp-dalle3' },
    });
    await expectProviderError(wrong.generate(dalle, timeout(30_000)), 'auth');
    const missing = new AzureOpenAIImageProvider({
      endpoint: fake.endpoint,
      apiKey: fake.apiKey,
      deployments: { 'dall-e-3': 'gone' },
    });
    const err = await expectProviderError(missing.generate(dalle, timeout(30_000)), 'bad_request');
    expect(err.status).toBe(404);
  });

  it('refuses a model without a deployment without calling Azure', async () => {
    const onlyDalle = new AzureOpenAIImageProvider({
      endpoint: fake.endpoint,
      apiKey: fake.apiKey,
      deployments: { 'dall-e-3': 'corp-dalle3' },
    });
    await expectProviderError(onlyDalle.generate(gpt, timeout(30_000)), 'bad_request');
    expect(fake.requests).toHaveLength(0);
  });
});
