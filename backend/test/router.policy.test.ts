// Routing policy (DESIGN §7) over the real adapters' model lists: explicit model, residency, allowed
// providers, commercially safe first for external use, cheapest otherwise, capability and prompt length.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { DepartmentPolicy } from '@donatello/contracts';
import { OpenAIImageProvider } from '../src/providers/openai.ts';
import { AzureOpenAIImageProvider } from '../src/providers/azure-openai.ts';
import { ReplicateImageProvider } from '../src/providers/replicate.ts';
import { FireflyImageProvider } from '../src/providers/firefly.ts';
import { LocalProvider } from '../src/providers/local/local-provider.ts';
import { ProviderRegistry } from '../src/providers/registry.ts';
import { NoProviderAvailableError, Router, type RouteRequest } from '../src/providers/router.ts';
import { AppError } from '../src/domain/errors.ts';

const registry = new ProviderRegistry(
  [
    { provider: new OpenAIImageProvider({ apiKey: 'k' }), timeoutMs: 1000 },
    {
      provider: new AzureOpenAIImageProvider({
        endpoint: 'https://x.openai.azure.com',
        apiKey: 'k',
        deployments: { 'dall-e-3': 'd' },
        region: 'australiaeast',
      }),
      timeoutMs: 1000,
    },
    { provider: new ReplicateImageProvider({ apiToken: 't' }), timeoutMs: 1000 },
    { provider: new FireflyImageProvider({ clientId: 'c', clientSecret: 's' }), timeoutMs: 1000 },
    { provider: new LocalProvider(), timeoutMs: 1000 },
  ],
  { threshold: 5, cooldownMs: 1000 },
);
const router = new Router(registry, pino({ level: 'silent' }));
const anyPolicy: DepartmentPolicy = { residency: 'any', allowedProviders: [], piiAction: 'block' };
const req = (over: Partial<RouteRequest> = {}): RouteRequest => ({
  model: 'auto',
  size: '1024x1024',
  quality: 'standard',
  n: 1,
  purpose: 'internal',
  policy: anyPolicy,
  promptLength: 40,
  ...over,
});
const ids = (r: RouteRequest) => router.candidates(r).map((m) => `${m.provider}/${m.id}`);

describe('Router.candidates', () => {
  it('cheapest first for internal use (ties by id), at most three', () => {
    expect(ids(req())).toEqual(['replicate/flux-schnell', 'local/local-scene', 'replicate/sdxl']);
  });

  it('commercially safe models first for external use', () => {
    // The local generator is our own drawing code, so it counts as commercially safe.
    expect(ids(req({ purpose: 'external' })).slice(0, 2)).toEqual([
      'local/local-scene',
      'firefly/firefly-image-3',
    ]);
  });

  it('au-only residency keeps only Australian processing', () => {
    expect(ids(req({ policy: { ...anyPolicy, residency: 'au-only' } }))).toEqual([
      'local/local-scene',
      'azure-openai/dall-e-3',
    ]);
  });

  it('allowed providers restrict the choice', () => {
    expect(ids(req({ policy: { ...anyPolicy, allowedProviders: ['openai', 'firefly'] } }))).toEqual([
      'openai/dall-e-3',
      'openai/gpt-image-1',
      'firefly/firefly-image-3',
    ]);
  });

  it('capabilities: n, size and prompt length', () => {
    // Each rule drops a model that the same request without it would keep.
    const openai: DepartmentPolicy = { ...anyPolicy, allowedProviders: ['openai'] };
    expect(ids(req({ n: 1, policy: openai }))).toEqual(['openai/dall-e-3', 'openai/gpt-image-1']);
    expect(ids(req({ n: 4, policy: openai }))).toEqual(['openai/gpt-image-1']); // DALL·E 3 makes one image
    const four = ids(req({ n: 4 }));
    expect(four.length).toBeGreaterThan(0);
    expect(four.filter((id) => id.endsWith('dall-e-3'))).toEqual([]);
    expect(ids(req({ promptLength: 200, purpose: 'external' }))).toContain('firefly/firefly-image-3');
    const long = ids(req({ promptLength: 2000, purpose: 'external' }));
    expect(long.length).toBeGreaterThan(0);
    expect(long).not.toContain('firefly/firefly-image-3');
  });

  it('an explicit model is used alone; refused when policy or capability rule it out', () => {
    expect(ids(req({ model: 'dall-e-3' }))).toEqual(['azure-openai/dall-e-3', 'openai/dall-e-3']);
    expect(ids(req({ model: 'dall-e-3', policy: { ...anyPolicy, residency: 'au-only' } }))).toEqual([
      'azure-openai/dall-e-3',
    ]);
    expect(() =>
      router.candidates(req({ model: 'gpt-image-1', policy: { ...anyPolicy, residency: 'au-only' } })),
    ).toThrow(expect.objectContaining({ status: 403 }) as unknown);
    expect(() => router.candidates(req({ model: 'dall-e-3', n: 2 }))).toThrow(AppError);
    expect(() => router.candidates(req({ model: 'imagen-9' }))).toThrow(/Unknown or unavailable model/);
  });

  it('no model fits: 503', () => {
    expect(() =>
      router.candidates(
        req({ policy: { ...anyPolicy, residency: 'au-only', allowedProviders: ['replicate'] } }),
      ),
    ).toThrow(NoProviderAvailableError);
  });
});
