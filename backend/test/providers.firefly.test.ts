// The Firefly adapter (REST) against the local fake Firefly API, fake IMS, and HTTPS output host.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FireflyImageProvider, type FireflyProviderOptions } from '../src/providers/firefly.ts';
import { FIREFLY_SCOPE } from '../src/providers/firefly-ims.ts';
import type { GenerateInput } from '../src/providers/port.ts';
import { startFakeFirefly, type FakeFirefly } from './fakes/firefly-fake.ts';
import {
  expectProviderError,
  GIVES_UP_WITHIN_MS,
  timeout,
  timeoutOnce,
} from './fakes/expect-provider-error.ts';

let fake: FakeFirefly;

const SECRET = 'ff-client-secret';
const input: GenerateInput = {
  model: 'firefly-image-3',
  prompt: 'a lighthouse in fog',
  negativePrompt: 'text',
  size: '1792x1024',
  quality: 'standard',
  n: 2,
  style: 'art',
};

function make(extra: Partial<FireflyProviderOptions> = {}): FireflyImageProvider {
  return new FireflyImageProvider({
    clientId: fake.clientId,
    clientSecret: SECRET,
    imsUrl: fake.ims.imsUrl,
    baseUrl: fake.baseUrl,
    pollIntervalMs: 20,
    imageFetch: { allowedHosts: ['127.0.0.1'], ca: fake.images.ca },
    ...extra,
  });
}

beforeAll(async () => {
  fake = await startFakeFirefly();
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(() => {
  fake.mode = 'ok';
  fake.contentPolicyAt = 'submit';
  fake.ims.ttlSeconds = 86_399;
  fake.requests.length = 0;
  fake.ims.requests.length = 0;
});

describe('Firefly adapter', () => {
  it('lists firefly-image-3: commercially safe, A$0.10 / A$0.15', () => {
    expect(make().models()).toEqual([
      expect.objectContaining({
        id: 'firefly-image-3',
        provider: 'firefly',
        priceMicros: { standard: 100_000, hd: 150_000 },
        commercialSafe: true,
        region: 'united-states',
        maxImages: 4,
      }),
    ]);
    expect(make({ region: 'australia' }).models()[0]!.region).toBe('australia');
  });

  it('ok (async): IMS token, generate-async, status polling, JPEGs from pre-signed URLs', async () => {
    const provider = make();
    const result = await provider.generate(input, timeout(30_000));
    const served = fake.outputs.get(result.providerRequestId!)!;
    expect(result.images.map((img, i) => img.bytes.equals(served[i]!))).toEqual([true, true]);
    expect(result.images[0]!.contentType).toBe('image/jpeg');

    expect(fake.ims.requests).toHaveLength(1);
    expect(fake.ims.requests[0]!.body).toEqual({
      grant_type: 'client_credentials',
      client_id: fake.clientId,
      client_secret: SECRET,
      scope: FIREFLY_SCOPE,
    });
    const [submit, ...polls] = fake.requests;
    expect(submit).toMatchObject({ method: 'POST', path: '/v3/images/generate-async' });
    expect(submit!.headers.authorization).toBe(`Bearer ${fake.ims.issued.at(-1)}`);
    expect(submit!.headers['x-api-key']).toBe(fake.clientId);
    expect(submit!.headers['x-model-version']).toBe('image3');
    expect(submit!.body).toEqual({
      prompt: 'a lighthouse in fog',
      negativePrompt: 'text',
      numVariations: 2,
      size: { width: 1344, height: 768 },
      contentClass: 'art',
    });
    expect(polls.length).toBeGreaterThan(0);
    expect(
      polls.every((r) => r.method === 'GET' && r.path === `/v3/status/${result.providerRequestId}`),
    ).toBe(true);
  });

  it('ok (sync): POST /v3/images/generate with an HD size', async () => {
    const result = await make({ mode: 'sync' }).generate(
      { ...input, size: '1024x1792', quality: 'hd', n: 1, style: undefined, seed: 5 },
      timeout(30_000),
    );
    expect(result.images).toHaveLength(1);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.path).toBe('/v3/images/generate');
    expect(fake.requests[0]!.body).toEqual({
      prompt: 'a lighthouse in fog',
      negativePrompt: 'text',
      numVariations: 1,
      size: { width: 1792, height: 2304 },
      seeds: [5],
    });
  });

  it('caches the token, refreshes it shortly before expiry, and once after a 401', async () => {
    const provider = make();
    await provider.generate({ ...input, n: 1 }, timeout(30_000));
    await provider.generate({ ...input, n: 1 }, timeout(30_000));
    expect(fake.ims.requests).toHaveLength(1);

    fake.ims.revokeAll();
    await provider.generate({ ...input, n: 1 }, timeout(30_000));
    expect(fake.ims.requests).toHaveLength(2);

    fake.ims.ttlSeconds = 60; // short-lived: reused until a tenth of its life is left
    const shortLived = make();
    await shortLived.generate({ ...input, n: 1 }, timeout(30_000));
    await shortLived.generate({ ...input, n: 1 }, timeout(30_000));
    expect(fake.ims.requests).toHaveLength(3);

    fake.ims.ttlSeconds = 0; // already due for refresh: every call fetches a new one
    const expired = make();
    await expired.generate({ ...input, n: 1 }, timeout(30_000));
    const before = fake.ims.requests.length;
    await expired.generate({ ...input, n: 1 }, timeout(30_000));
    expect(fake.ims.requests.length - before).toBeGreaterThanOrEqual(2);
  });

  it('bad client credentials → auth', async () => {
    await expectProviderError(make({ clientSecret: 'wrong' }).generate(input, timeout(30_000)), 'auth');
    await expectProviderError(make({ clientId: 'someone-else' }).generate(input, timeout(30_000)), 'auth');
    expect(fake.requests).toHaveLength(0);
  });

  it('slow beyond the timeout → timeout, and the job is cancelled', async () => {
    fake.mode = 'slow';
    const cancelsBefore = fake.cancels.length;
    const requestsBefore = fake.requests.length;
    // The time runs out once the job is known (the first status poll), however long submitting it took.
    const polled = () => fake.requests.slice(requestsBefore).some((r) => r.path.startsWith('/v3/status/'));
    const started = Date.now();
    await expectProviderError(make().generate(input, timeoutOnce(polled)), 'timeout');
    expect(Date.now() - started).toBeLessThan(GIVES_UP_WITHIN_MS);
    expect(fake.cancels.length - cancelsBefore).toBe(1);
    expect(fake.requests.at(-1)).toMatchObject({ method: 'PUT', path: `/v3/cancel/${fake.cancels.at(-1)}` });
  });

  it('slow (sync) beyond the timeout → timeout', async () => {
    fake.mode = 'slow';
    await expectProviderError(make({ mode: 'sync' }).generate(input, timeout(200)), 'timeout');
  });

  it('rate_limited → rate_limited with Retry-After', async () => {
    fake.mode = 'rate_limited';
    const err = await expectProviderError(make().generate(input, timeout(30_000)), 'rate_limited');
    expect(err.retryAfterMs).toBe(7_000);
  });

  it('server_error → server', async () => {
    fake.mode = 'server_error';
    const err = await expectProviderError(make().generate(input, timeout(30_000)), 'server');
    expect(err.status).toBe(500);
  });

  it('malformed → bad_response', async () => {
    fake.mode = 'malformed';
    await expectProviderError(make().generate(input, timeout(30_000)), 'bad_response');
    await expectProviderError(make({ mode: 'sync' }).generate(input, timeout(30_000)), 'bad_response');
  });

  it('content_policy at submit (HTTP 451 prompt_unsafe) → content_policy, no fallback', async () => {
    fake.mode = 'content_policy';
    const err = await expectProviderError(make().generate(input, timeout(30_000)), 'content_policy');
    expect(err.status).toBe(451);
  });

  it('content_policy in the job (output_media_unsafe) → content_policy', async () => {
    fake.mode = 'content_policy';
    fake.contentPolicyAt = 'job';
    await expectProviderError(make().generate(input, timeout(30_000)), 'content_policy');
  });

  it('bad_host → disallowed_url, and the image is never fetched', async () => {
    fake.mode = 'bad_host';
    const hitsBefore = fake.images.hits;
    await expectProviderError(make().generate(input, timeout(30_000)), 'disallowed_url');
    expect(fake.images.hits).toBe(hitsBefore);
  });

  it('refuses a prompt over 1024 characters and unknown models without calling Firefly', async () => {
    await expectProviderError(
      make().generate({ ...input, prompt: 'x'.repeat(1025) }, timeout(30_000)),
      'bad_request',
    );
    await expectProviderError(make().generate({ ...input, model: 'sdxl' }, timeout(30_000)), 'bad_request');
    expect(fake.requests).toHaveLength(0);
    expect(fake.ims.requests).toHaveLength(0);
  });
});
