// Refusals that need a host of their own, each answer held to the OpenAPI document by the test host
// (support/conformance.ts): rate limits with Retry-After, moderation that fails closed, a provider that is down.
import { expect, describe, it } from 'vitest';
import { startTestHost } from './support/host.ts';
import { freePort } from './support/servers.ts';

describe('rate limits', () => {
  it('answers 429 with Retry-After, for generations and (at five times the limit) quotes', async () => {
    const limited = await startTestHost({ RATE_LIMITS: 'standard_user=1' });
    try {
      const alice = await limited.token('alice');
      expect(
        (await limited.call('POST', '/api/v1/generations', { token: alice, body: { prompt: 'one' } })).status,
      ).toBe(202);
      const res = await limited.call('POST', '/api/v1/generations', {
        token: alice,
        body: { prompt: 'two' },
      });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      let estimate = 200;
      for (let i = 0; i < 6 && estimate === 200; i++) {
        estimate = (
          await limited.call('POST', '/api/v1/estimates', { token: alice, body: { prompt: 'one' } })
        ).status;
      }
      expect(estimate).toBe(429);
    } finally {
      await limited.stop();
    }
  });
});

describe('services that are down', () => {
  it('moderation fails closed with 503, and a failed provider answers as its problem', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/v1`;
    const moderated = await startTestHost({
      MODERATION: 'openai',
      MODERATION_OPENAI_BASE_URL: closed,
      MODERATION_OPENAI_API_KEY: 'sk-test',
      MODERATION_TIMEOUT_MS: '2000',
    });
    const noProvider = await startTestHost({
      LOCAL_PROVIDER: 'off',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: closed,
      OPENAI_MODELS: 'dall-e-3',
    });
    try {
      for (const path of ['/api/v1/estimates', '/api/v1/generations']) {
        const res = await moderated.call('POST', path, {
          token: await moderated.token('alice'),
          body: { prompt: 'a koala' },
        });
        expect(res.status, path).toBe(503);
        expect(res.body.code).toBe('service-unavailable');
      }
      const failed = await noProvider.call('POST', '/api/v1/generations', {
        token: await noProvider.token('alice'),
        body: { prompt: 'a koala' },
        headers: { prefer: 'wait=30' },
      });
      expect(failed.status).toBe(503);
      expect(failed.body).toMatchObject({ code: 'no-provider-available', generationId: expect.any(String) });
    } finally {
      await Promise.all([moderated.stop(), noProvider.stop()]);
    }
  });
});
