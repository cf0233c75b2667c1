// A moderation answer, reused for the same text for a minute. A quote and the generation that follows it (an
// /imagine card, the message extension's Create, a REST estimate then create) moderate the same prompt seconds
// apart; asking once takes one service round trip out of a Teams invoke, which has seconds to answer, and one
// call off the bill. Only answers are kept, never failures: moderation fails closed and a failed check must
// be asked again. Entries are keyed by a SHA-256 of the text, so no prompt is held in memory.
import { createHash } from 'node:crypto';
import type { Moderator } from './moderation.ts';

export interface ModerationCacheOptions {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

export class CachingModerator implements Moderator {
  readonly #inner: Moderator;
  readonly #opts: Required<ModerationCacheOptions>;
  /** Oldest first (Map keeps insertion order), so the first key is the one to evict. */
  readonly #answers = new Map<string, { until: number; categories: string[] }>();

  constructor(inner: Moderator, options: ModerationCacheOptions) {
    this.#inner = inner;
    this.#opts = { now: () => Date.now(), ...options };
  }

  get provider(): string {
    return this.#inner.provider;
  }

  async moderate(text: string, signal?: AbortSignal): Promise<string[]> {
    const key = createHash('sha256').update(text).digest('base64url');
    const now = this.#opts.now();
    const hit = this.#answers.get(key);
    if (hit && hit.until > now) return [...hit.categories];
    const categories = await this.#inner.moderate(text, signal);
    this.#answers.delete(key);
    this.#answers.set(key, { until: now + this.#opts.ttlMs, categories: [...categories] });
    for (const oldest of this.#answers.keys()) {
      if (this.#answers.size <= this.#opts.maxEntries) break;
      this.#answers.delete(oldest);
    }
    return categories;
  }
}
