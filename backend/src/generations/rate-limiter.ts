// Per-user rate limits by role (issue #3), kept in the store so every instance shares them: a fixed one-minute
// window per user, counted with a guarded increment (the count can never pass the limit, whatever the
// concurrency). Over the limit: 429 with Retry-After.
import type { Role } from '@donatello/contracts';
import { AppError } from '../domain/errors.ts';
import type { DocumentStore } from '../ports/store.ts';

export type RateLimits = Record<Role, number>;

export const DEFAULT_RATE_LIMITS: RateLimits = {
  standard_user: 10,
  power_user: 30,
  dept_manager: 30,
  org_admin: 60,
  super_admin: 60,
};

export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(limit: number, retryAfterSeconds: number) {
    super(
      'rate-limited',
      429,
      'Too many requests',
      `At most ${limit} requests a minute; try again in ${retryAfterSeconds} s`,
      {
        retryAfterSeconds,
      },
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class RateLimiter {
  private readonly store: DocumentStore;
  private readonly limits: RateLimits;
  private readonly now: () => number;
  constructor(store: DocumentStore, limits: RateLimits, now: () => number = () => Date.now()) {
    this.store = store;
    this.limits = limits;
    this.now = now;
  }

  /** Counts one request for `bucket` (e.g. `generate`) or throws RateLimitedError. `weight` scales the limit. */
  async take(
    user: { tenantId: string; objectId: string; role: Role },
    bucket: string,
    weight = 1,
  ): Promise<void> {
    const limit = this.limits[user.role] * weight;
    const now = this.now();
    const window = Math.floor(now / 60_000);
    const pk = `${user.tenantId}:${user.objectId}`;
    // Unique across partitions (see docs/storage.md): the Cosmos test server matches patch conditions by id.
    const id = `${bucket}:${user.objectId}:${window}`;
    const underCap = [{ fields: ['count'], atMost: { field: 'cap' } }];
    // One write in the usual case: the window exists and is counted up. The first request of a window finds it
    // missing and starts it at one; a racing first request then loses the create and counts up instead.
    let res = await this.store.increment('ratelimits', pk, id, { count: 1 }, underCap);
    if (!res.ok && res.reason === 'missing') {
      const started = await this.store.create('ratelimits', pk, id, {
        count: 1,
        cap: limit,
        expiresAt: (window + 2) * 60_000,
      });
      res = started
        ? { ok: true, doc: started }
        : await this.store.increment('ratelimits', pk, id, { count: 1 }, underCap);
    }
    if (!res.ok)
      throw new RateLimitedError(limit, Math.max(1, Math.ceil(((window + 1) * 60_000 - now) / 1000)));
  }

  /** Removes windows that ended more than a minute ago (called by the sweeper). */
  async prune(): Promise<number> {
    const old = await this.store.query('ratelimits', {
      where: [{ field: 'expiresAt', op: '<', value: this.now() }],
      limit: 200,
    });
    for (const d of old.items) await this.store.delete('ratelimits', d.pk, d.id);
    return old.items.length;
  }
}
