// The Replicate adapter, through the real SDK, against the local fake Replicate API and its HTTPS
// output host (standing in for replicate.delivery).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ReplicateImageProvider, type ReplicateProviderOptions } from '../src/providers/replicate.ts';
import { SDXL_VERSION } from '../src/providers/replicate-models.ts';
import type { GenerateInput } from '../src/providers/port.ts';
import { startFakeReplicate, type FakeReplicate } from './fakes/replicate-fake.ts';
import {
  expectProviderError,
  GIVES_UP_WITHIN_MS,
  timeout,
  timeoutOnce,
} from './fakes/expect-provider-error.ts';

let fake: FakeReplicate;
let provider: ReplicateImageProvider;

const sdxl: GenerateInput = {
  model: 'sdxl',
  prompt: 'a wombat surfing',
  negativePrompt: 'blurry',
  size: '1792x1024',
  quality: 'hd',
  n: 2,
  seed: 7,
};
const flux: GenerateInput = {
  model: 'flux-schnell',
  prompt: 'a wombat surfing',
  size: '1024x1792',
  quality: 'standard',
  n: 1,
};

function make(extra: Partial<ReplicateProviderOptions> = {}): ReplicateImageProvider {
  return new ReplicateImageProvider({
    apiToken: fake.token,
    baseUrl: fake.baseUrl,
    pollIntervalMs: 20,
    imageFetch: { allowedHosts: ['127.0.0.1'], ca: fake.images.ca },
    ...extra,
  });
}

beforeAll(async () => {
  fake = await startFakeReplicate();
  provider = make();
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(() => {
  fake.mode = 'ok';
  fake.requests.length = 0;
});

describe('Replicate adapter', () => {
  it('lists sdxl and flux-schnell with DESIGN §7 prices, in the US, not commercially safe', () => {
    expect(provider.models()).toEqual([
      expect.objectContaining({
        id: 'sdxl',
        provider: 'replicate',
        priceMicros: { standard: 20_000, hd: 40_000 },
        region: 'united-states',
        commercialSafe: false,
        maxImages: 4,
      }),
      expect.objectContaining({
        id: 'flux-schnell',
        priceMicros: { standard: 20_000, hd: 40_000 },
        region: 'united-states',
        commercialSafe: false,
      }),
    ]);
  });

  it('ok (sdxl): pinned version, Prefer: wait, mapped input, images fetched from the output host', async () => {
    const hitsBefore = fake.images.hits;
    const result = await provider.generate(sdxl, timeout(30_000));
    const served = fake.outputs.get(result.providerRequestId!)!;
    expect(result.images).toHaveLength(2);
    expect(result.images.map((img, i) => img.bytes.equals(served[i]!))).toEqual([true, true]);
    expect(result.images[0]!.contentType).toBe('image/png');
    expect(fake.images.hits - hitsBefore).toBe(2);
    const [create] = fake.requests;
    expect(create).toMatchObject({ method: 'POST', path: '/v1/predictions' });
    expect(create!.headers.authorization).toBe(`Bearer ${fake.token}`);
    expect(create!.headers.prefer).toBe('wait=60');
    expect(create!.body).toEqual({
      version: SDXL_VERSION,
      input: {
        prompt: 'a wombat surfing',
        negative_prompt: 'blurry',
        width: 1344,
        height: 768,
        num_outputs: 2,
        num_inference_steps: 50,
        refine: 'expert_ensemble_refiner',
        seed: 7,
      },
    });
  });

  it('ok (flux-schnell): the model endpoint, aspect ratio, WebP for standard', async () => {
    const result = await provider.generate(flux, timeout(30_000));
    expect(result.images).toHaveLength(1);
    expect(result.images[0]!.contentType).toBe('image/webp');
    expect(result.images[0]!.bytes.equals(fake.outputs.get(result.providerRequestId!)![0]!)).toBe(true);
    const [create] = fake.requests;
    expect(create!.path).toBe('/v1/models/black-forest-labs/flux-schnell/predictions');
    expect(create!.body).toEqual({
      input: {
        prompt: 'a wombat surfing',
        aspect_ratio: '9:16',
        num_outputs: 1,
        output_format: 'webp',
        output_quality: 90,
        megapixels: '1',
      },
    });
  });

  it('polls GET /v1/predictions/{id} until the prediction ends', async () => {
    const polling = make({ waitSeconds: 0 });
    const result = await polling.generate({ ...flux, quality: 'hd' }, timeout(30_000));
    expect(result.images[0]!.contentType).toBe('image/png');
    expect(fake.requests[0]!.headers.prefer).toBeUndefined();
    const polls = fake.requests.filter((r) => r.method === 'GET');
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.every((r) => r.path === `/v1/predictions/${result.providerRequestId}`)).toBe(true);
  });

  it('slow beyond the timeout → timeout', async () => {
    fake.mode = 'slow';
    const started = Date.now();
    await expectProviderError(provider.generate(sdxl, timeout(200)), 'timeout');
    expect(Date.now() - started).toBeLessThan(GIVES_UP_WITHIN_MS);
  });

  it('an abort after the prediction is known cancels it', async () => {
    fake.mode = 'slow';
    const shortWait = make({ waitSeconds: 1 });
    const cancelsBefore = fake.cancels.length;
    const requestsBefore = fake.requests.length;
    // The time runs out once the prediction is known (the first poll), however long creating it took.
    const polled = () => fake.requests.slice(requestsBefore).some((r) => r.method === 'GET');
    await expectProviderError(shortWait.generate(flux, timeoutOnce(polled)), 'timeout');
    const created = fake.requests.find((r) => r.method === 'POST' && r.path.endsWith('/predictions'));
    expect(created).toBeDefined();
    expect(fake.cancels.length - cancelsBefore).toBe(1);
    expect(fake.requests.at(-1)!.path).toBe(`/v1/predictions/${fake.cancels.at(-1)}/cancel`);
  });

  it('rate_limited → rate_limited with Retry-After, one request (the SDK retries are short-circuited)', async () => {
    fake.mode = 'rate_limited';
    const err = await expectProviderError(provider.generate(sdxl, timeout(30_000)), 'rate_limited');
    expect(err.retryAfterMs).toBe(7_000);
    expect(fake.requests).toHaveLength(1);
  });

  it('server_error → server, one request', async () => {
    fake.mode = 'server_error';
    const err = await expectProviderError(provider.generate(flux, timeout(30_000)), 'server');
    expect(err.status).toBe(500);
    expect(fake.requests).toHaveLength(1);
  });

  it('malformed → bad_response', async () => {
    fake.mode = 'malformed';
    await expectProviderError(provider.generate(sdxl, timeout(30_000)), 'bad_response');
  });

  it('content_policy (a failed NSFW prediction) → content_policy, no fallback', async () => {
    fake.mode = 'content_policy';
    const err = await expectProviderError(provider.generate(sdxl, timeout(30_000)), 'content_policy');
    expect(err.message).toMatch(/NSFW/);
    await expectProviderError(provider.generate(flux, timeout(30_000)), 'content_policy');
  });

  it('bad_host → disallowed_url, and the image is never fetched', async () => {
    fake.mode = 'bad_host';
    const hitsBefore = fake.images.hits;
    await expectProviderError(provider.generate(sdxl, timeout(30_000)), 'disallowed_url');
    expect(fake.images.hits).toBe(hitsBefore);
  });

  it('the default allow-list (replicate.delivery) refuses the fake host', async () => {
    const strict = new ReplicateImageProvider({
      apiToken: fake.token,
      baseUrl: fake.baseUrl,
      imageFetch: { ca: fake.images.ca },
    });
    await expectProviderError(strict.generate(flux, timeout(30_000)), 'disallowed_url');
  });

  it('a wrong token → auth', async () => {
    const wrong = new ReplicateImageProvider({ apiToken: 'r8_wrong', baseUrl: fake.baseUrl });
    const err = await expectProviderError(wrong.generate(flux, timeout(30_000)), 'auth');
    expect(err.status).toBe(401);
  });

  it('refuses what the model cannot do without calling the API', async () => {
    await expectProviderError(provider.generate({ ...flux, n: 5 }, timeout(30_000)), 'bad_request');
    await expectProviderError(
      provider.generate({ ...flux, model: 'dall-e-3' }, timeout(30_000)),
      'bad_request',
    );
    expect(fake.requests).toHaveLength(0);
  });
});
