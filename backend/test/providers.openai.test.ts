// The OpenAI adapter, through the real SDK, against the local fake of the OpenAI images API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpenAIImageProvider } from '../src/providers/openai.ts';
import type { GenerateInput } from '../src/providers/port.ts';
import { startFakeOpenAI, type FakeOpenAI } from './fakes/openai-fake.ts';
import { expectProviderError, GIVES_UP_WITHIN_MS, timeout } from './fakes/expect-provider-error.ts';

let fake: FakeOpenAI;
let provider: OpenAIImageProvider;

const dalle: GenerateInput = {
  model: 'dall-e-3',
  prompt: 'a koala reading',
  size: '1792x1024',
  quality: 'hd',
  n: 1,
  style: 'natural',
};
const gpt: GenerateInput = {
  model: 'gpt-image-1',
  prompt: 'a koala reading',
  size: '1024x1792',
  quality: 'standard',
  n: 3,
};

beforeAll(async () => {
  fake = await startFakeOpenAI();
  provider = new OpenAIImageProvider({ apiKey: fake.apiKey, baseURL: fake.baseURL });
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(() => {
  fake.mode = 'ok';
  fake.requests.length = 0;
});

describe('OpenAI adapter', () => {
  it('lists dall-e-3 and gpt-image-1 with DESIGN §7 prices', () => {
    const models = provider.models();
    expect(models.map((m) => m.id)).toEqual(['dall-e-3', 'gpt-image-1']);
    const [d, g] = models;
    expect(d).toMatchObject({
      provider: 'openai',
      maxImages: 1,
      priceMicros: { standard: 80_000, hd: 120_000 },
      commercialSafe: false,
      styles: ['vivid', 'natural'],
    });
    expect(g).toMatchObject({
      maxImages: 4,
      priceMicros: { standard: 80_000, hd: 120_000 },
      commercialSafe: false,
    });
    expect(g!.styles).toBeUndefined();
  });

  it('ok (dall-e-3): one base64 PNG, and the request the API documents', async () => {
    const result = await provider.generate(dalle, timeout(30_000));
    expect(result.images).toHaveLength(1);
    expect(result.images[0]!.contentType).toBe('image/png');
    expect(result.images[0]!.bytes.equals(fake.pngs[0]!)).toBe(true);
    expect(result.images[0]!.revisedPrompt).toContain('a koala reading');
    expect(result.providerRequestId).toBe('req_1');
    const [req] = fake.requests;
    expect(req!.path).toBe('/v1/images/generations');
    expect(req!.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(req!.body).toEqual({
      model: 'dall-e-3',
      prompt: 'a koala reading',
      n: 1,
      size: '1792x1024',
      quality: 'hd',
      response_format: 'b64_json',
      style: 'natural',
    });
  });

  it('ok (gpt-image-1): n images with its own size and quality names, no response_format', async () => {
    const result = await provider.generate(gpt, timeout(30_000));
    expect(result.images.map((i) => i.bytes.equals(fake.pngs[result.images.indexOf(i)]!))).toEqual([
      true,
      true,
      true,
    ]);
    expect(fake.requests[0]!.body).toEqual({
      model: 'gpt-image-1',
      prompt: 'a koala reading',
      n: 3,
      size: '1024x1536',
      quality: 'medium',
      output_format: 'png',
    });
    await provider.generate(
      { ...gpt, size: '1792x1024', quality: 'hd', n: 1, style: 'vivid' },
      timeout(30_000),
    );
    expect(fake.requests[1]!.body).toMatchObject({ size: '1536x1024', quality: 'high' });
    expect(fake.requests[1]!.body).not.toHaveProperty('style');
  });

  it('slow beyond the timeout → timeout', async () => {
    fake.mode = 'slow';
    const started = Date.now();
    await expectProviderError(provider.generate(dalle, timeout(200)), 'timeout');
    expect(Date.now() - started).toBeLessThan(GIVES_UP_WITHIN_MS);
  });

  it("slow beyond the adapter's own timeoutMs → timeout", async () => {
    fake.mode = 'slow';
    const bounded = new OpenAIImageProvider({ apiKey: fake.apiKey, baseURL: fake.baseURL, timeoutMs: 200 });
    await expectProviderError(bounded.generate(dalle, new AbortController().signal), 'timeout');
  });

  it('rate_limited → rate_limited with Retry-After, one request (no SDK retries)', async () => {
    fake.mode = 'rate_limited';
    const err = await expectProviderError(provider.generate(dalle, timeout(30_000)), 'rate_limited');
    expect(err.retryAfterMs).toBe(7_000);
    expect(err.status).toBe(429);
    expect(fake.requests).toHaveLength(1);
  });

  it('server_error → server, one request', async () => {
    fake.mode = 'server_error';
    const err = await expectProviderError(provider.generate(gpt, timeout(30_000)), 'server');
    expect(err.status).toBe(500);
    expect(fake.requests).toHaveLength(1);
  });

  it('malformed → bad_response', async () => {
    fake.mode = 'malformed';
    await expectProviderError(provider.generate(dalle, timeout(30_000)), 'bad_response');
  });

  it('content_policy → content_policy, no fallback (both models)', async () => {
    fake.mode = 'content_policy';
    await expectProviderError(provider.generate(dalle, timeout(30_000)), 'content_policy');
    await expectProviderError(provider.generate(gpt, timeout(30_000)), 'content_policy');
  });

  it('bad_host (an image URL off the allow-list) → disallowed_url', async () => {
    fake.mode = 'bad_host';
    await expectProviderError(provider.generate(dalle, timeout(30_000)), 'disallowed_url');
  });

  it('a wrong API key → auth', async () => {
    const wrong = new OpenAIImageProvider({ apiKey: 'sk-wrong', baseURL: fake.baseURL });
    const err = await expectProviderError(wrong.generate(dalle, timeout(30_000)), 'auth');
    expect(err.status).toBe(401);
  });

  it('a connection refused → network', async () => {
    const down = new OpenAIImageProvider({ apiKey: 'k', baseURL: 'http://127.0.0.1:1/v1' });
    await expectProviderError(down.generate(dalle, timeout(30_000)), 'network');
  });

  it('refuses what the model cannot do without calling the API', async () => {
    await expectProviderError(provider.generate({ ...dalle, n: 2 }, timeout(30_000)), 'bad_request');
    await expectProviderError(provider.generate({ ...gpt, n: 5 }, timeout(30_000)), 'bad_request');
    await expectProviderError(provider.generate({ ...dalle, model: 'sdxl' }, timeout(30_000)), 'bad_request');
    expect(fake.requests).toHaveLength(0);
  });

  it('an already aborted signal → timeout, no request', async () => {
    const ctl = new AbortController();
    ctl.abort();
    await expectProviderError(provider.generate(dalle, ctl.signal), 'timeout');
    expect(fake.requests).toHaveLength(0);
  });
});
