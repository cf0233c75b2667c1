// The fault matrix (issue #3): each remote provider, as the first candidate with the local provider behind
// it, answering slow, 429, 500, malformed, a content-policy refusal, or an image URL on a host off the list.
// Transient faults fall back to the next candidate; a policy refusal fails cleanly without falling back.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMode } from './fakes/common.ts';
import { startFakeOpenAI, type FakeOpenAI } from './fakes/openai-fake.ts';
import { startFakeAzureOpenAI, type FakeAzureOpenAI } from './fakes/azure-openai-fake.ts';
import { startFakeReplicate, type FakeReplicate } from './fakes/replicate-fake.ts';
import { startFakeFirefly, type FakeFirefly } from './fakes/firefly-fake.ts';
import { OpenAIImageProvider } from '../src/providers/openai.ts';
import { AzureOpenAIImageProvider } from '../src/providers/azure-openai.ts';
import { ReplicateImageProvider } from '../src/providers/replicate.ts';
import { FireflyImageProvider } from '../src/providers/firefly.ts';
import { LocalProvider } from '../src/providers/local/local-provider.ts';
import { ProviderRegistry } from '../src/providers/registry.ts';
import { ContentPolicyError, NoProviderAvailableError, Router } from '../src/providers/router.ts';
import type { ImageSize } from '../src/providers/port.ts';
import { scaled } from './support/timing.ts';

/** A call that should answer gets a generous budget, so a busy machine never turns it into a timeout. */
const HEALTHY_MS = scaled(30_000);
/** The budget in the `slow` case: short, since a slow fake never answers in time (fakes/common.ts). */
const HURRIED_MS = 400;
let fakes: { openai: FakeOpenAI; azure: FakeAzureOpenAI; replicate: FakeReplicate; firefly: FakeFirefly };
let registry: ProviderRegistry;
let router: Router;
/** The same providers with the short budget, for the `slow` case. */
let hurriedRegistry: ProviderRegistry;
let hurried: Router;

beforeAll(async () => {
  const [openai, azure, replicate, firefly] = await Promise.all([
    startFakeOpenAI(),
    startFakeAzureOpenAI(),
    startFakeReplicate(),
    startFakeFirefly(),
  ]);
  fakes = { openai, azure, replicate, firefly };
  registry = registryWith(HEALTHY_MS);
  router = new Router(registry, pino({ level: 'silent' }));
  hurriedRegistry = registryWith(HURRIED_MS);
  hurried = new Router(hurriedRegistry, pino({ level: 'silent' }));
});
afterAll(async () => {
  await Promise.all(Object.values(fakes ?? {}).map((f) => f.stop()));
});

/** Every remote provider (each with `timeoutMs`) and the local one behind them. */
function registryWith(timeoutMs: number): ProviderRegistry {
  const { openai, azure, replicate, firefly } = fakes;
  const imageFetch = (ca: string) => ({ allowedHosts: ['127.0.0.1'], ca });
  return new ProviderRegistry(
    [
      {
        provider: new OpenAIImageProvider({ apiKey: openai.apiKey, baseURL: openai.baseURL }),
        timeoutMs,
      },
      {
        provider: new AzureOpenAIImageProvider({
          endpoint: azure.endpoint,
          apiKey: azure.apiKey,
          deployments: { 'dall-e-3': 'corp-dalle3' },
          region: 'australiaeast',
        }),
        timeoutMs,
      },
      {
        provider: new ReplicateImageProvider({
          apiToken: replicate.token,
          baseUrl: replicate.baseUrl,
          pollIntervalMs: 20,
          imageFetch: imageFetch(replicate.images.ca),
        }),
        timeoutMs,
      },
      {
        provider: new FireflyImageProvider({
          clientId: firefly.clientId,
          clientSecret: 'ff-client-secret',
          imsUrl: firefly.ims.imsUrl,
          baseUrl: firefly.baseUrl,
          pollIntervalMs: 20,
          apiHosts: ['127.0.0.1'],
          imageFetch: imageFetch(firefly.images.ca),
        }),
        timeoutMs,
      },
      { provider: new LocalProvider({ fast: true }), timeoutMs: HEALTHY_MS },
    ],
    // A high threshold keeps breakers out of the matrix; they have their own test below.
    { threshold: 1000, cooldownMs: 60_000 },
  );
}

const PROVIDERS = [
  { name: 'openai', model: 'dall-e-3', fake: () => fakes.openai },
  { name: 'azure-openai', model: 'dall-e-3', fake: () => fakes.azure },
  { name: 'replicate', model: 'sdxl', fake: () => fakes.replicate },
  { name: 'firefly', model: 'firefly-image-3', fake: () => fakes.firefly },
] as const;

const FAULTS: { mode: FakeMode; kind: string; falls: boolean }[] = [
  { mode: 'slow', kind: 'timeout', falls: true },
  { mode: 'rate_limited', kind: 'rate_limited', falls: true },
  { mode: 'server_error', kind: 'server', falls: true },
  { mode: 'malformed', kind: 'bad_response', falls: true },
  { mode: 'bad_host', kind: 'disallowed_url', falls: true },
  { mode: 'content_policy', kind: 'content_policy', falls: false },
];

const input = {
  prompt: 'a lighthouse at dusk',
  size: '1024x1024' as ImageSize,
  quality: 'standard' as const,
  n: 1,
};

/** The provider's model, then the local one; each model carries its registry's time budget. */
function chainFor(provider: string, model: string, from = registry) {
  const models = from.models();
  const first = models.find((m) => m.provider === provider && m.id === model)!;
  return [first, models.find((m) => m.provider === 'local')!];
}

describe.each(PROVIDERS)('$name', ({ name, model, fake }) => {
  it('ok: answers itself, no fallback', async () => {
    fake().mode = 'ok';
    const { model: used, result, attempts } = await router.generate(chainFor(name, model), input);
    expect(used.provider).toBe(name);
    expect(result.images.length).toBeGreaterThan(0);
    expect(attempts.map((a) => a.outcome)).toEqual(['succeeded']);
  });

  it.each(FAULTS)('$mode: $kind, fallback $falls', async ({ mode, kind, falls }) => {
    fake().mode = mode;
    try {
      const run =
        mode === 'slow'
          ? hurried.generate(chainFor(name, model, hurriedRegistry), input)
          : router.generate(chainFor(name, model), input);
      if (falls) {
        const { model: used, attempts } = await run;
        expect(used.provider).toBe('local');
        expect(attempts.map((a) => `${a.provider}:${a.outcome}`)).toEqual([
          `${name}:${kind}`,
          'local:succeeded',
        ]);
      } else {
        await expect(run).rejects.toBeInstanceOf(ContentPolicyError);
      }
    } finally {
      fake().mode = 'ok';
    }
  });
});

describe('circuit breaker through the router', () => {
  it('after repeated failures the provider is skipped until its cool-down ends', async () => {
    let now = 0;
    const reg = new ProviderRegistry(
      [
        {
          provider: new OpenAIImageProvider({ apiKey: fakes.openai.apiKey, baseURL: fakes.openai.baseURL }),
          timeoutMs: HEALTHY_MS,
        },
        { provider: new LocalProvider({ fast: true }), timeoutMs: HEALTHY_MS },
      ],
      { threshold: 2, cooldownMs: 1000, now: () => now },
    );
    const r = new Router(reg, pino({ level: 'silent' }));
    const chain = [
      reg.models().find((m) => m.id === 'dall-e-3')!,
      reg.models().find((m) => m.provider === 'local')!,
    ];
    fakes.openai.mode = 'server_error';
    try {
      const before = fakes.openai.requests.length;
      await r.generate(chain, input);
      await r.generate(chain, input);
      const third = await r.generate(chain, input);
      expect(third.attempts[0]!.outcome).toBe('skipped');
      expect(fakes.openai.requests.length - before).toBe(2);
      now = 1000; // cool-down over: one trial goes through, and succeeds
      fakes.openai.mode = 'ok';
      const fourth = await r.generate(chain, input);
      expect(fourth.model.provider).toBe('openai');
      expect(reg.breaker('openai').status).toBe('closed');
    } finally {
      fakes.openai.mode = 'ok';
    }
  });

  it('when every candidate fails: 503 no-provider-available listing what was tried', async () => {
    fakes.openai.mode = 'server_error';
    fakes.replicate.mode = 'rate_limited';
    try {
      const models = registry.models();
      const chain = [
        models.find((m) => m.id === 'dall-e-3' && m.provider === 'openai')!,
        models.find((m) => m.id === 'sdxl')!,
      ];
      const err = await router.generate(chain, input).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NoProviderAvailableError);
      expect((err as NoProviderAvailableError).status).toBe(503);
      expect((err as Error).message).toMatch(/dall-e-3: server, sdxl: rate_limited/);
    } finally {
      fakes.openai.mode = 'ok';
      fakes.replicate.mode = 'ok';
    }
  });
});
