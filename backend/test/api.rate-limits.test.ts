// Per-user rate limits through the REST API (docs/api.md): a fixed calendar-minute window per user and role,
// 429 with Retry-After past the limit, and housekeeping's pruning of windows that have ended.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS, RateLimiter } from '../src/generations/rate-limiter.ts';
import { startTestHost, type TestHost } from './support/host.ts';
import { pause, scaled } from './support/timing.ts';

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost({ RATE_LIMITS: 'standard_user=3,power_user=3' });
});
afterAll(async () => {
  await host?.stop();
});

describe('rate limits', () => {
  it('past the limit: 429 with Retry-After', async () => {
    // Windows are calendar minutes: five requests that straddle a minute boundary count in two windows.
    // So each attempt starts with room left in its minute, and one that straddled anyway is done again by
    // another user (alice's count in the new window is no longer zero).
    for (const user of ['alice', 'dave']) {
      const t = await host.token(user);
      await roomLeftInThisMinute(Math.min(scaled(20_000), 50_000));
      const window = minuteNow();
      const statuses = [];
      for (let i = 0; i < 5; i++) {
        const r = await host.call('POST', '/api/v1/generations', {
          token: t,
          body: { prompt: `limit ${i}` },
        });
        statuses.push(r.status);
        if (r.status === 429) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      if (minuteNow() !== window) continue;
      expect(statuses).toEqual([202, 202, 202, 429, 429]);
      return;
    }
    throw new Error('every attempt straddled a minute boundary');
  });
});

describe('rate-limit housekeeping', () => {
  it('prunes windows that have ended and keeps current ones', async () => {
    // The host's limiter with the clock held still, so no window ends while the test runs.
    const now = Date.now();
    const limiter = new RateLimiter(host.store, DEFAULT_RATE_LIMITS, () => now);
    await limiter.prune(); // windows of earlier tests that have ended by now
    const before = await host.store.count('ratelimits', {});
    expect(before).toBeGreaterThan(0); // the test above left current windows
    expect(await limiter.prune()).toBe(0); // every window left is still current
    await host.store.create('ratelimits', 'x:y', 'generate:y:1', { count: 1, cap: 10, expiresAt: now - 1 });
    expect(await limiter.prune()).toBe(1);
    expect(await host.store.count('ratelimits', {})).toBe(before);
  });
});

/** The rate limiter's window: the calendar minute (generations/rate-limiter.ts). */
const minuteNow = () => Math.floor(Date.now() / 60_000);

/** Returns once at least `ms` are left in the current minute (waiting for the next one if need be). */
async function roomLeftInThisMinute(ms: number): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < ms) await pause(left + 10);
}
