// Access tokens that passed every check, remembered until they expire, so that a caller's next request skips
// the signature check: an RS256 verify that runs on libuv's thread pool, where it queues behind image encoding
// and file writes under load. What a reader must not break: only a fully verified token is ever remembered,
// and never past its `exp`.
import type { Principal } from './principal.ts';

export interface VerifiedTokenOptions {
  /** At most this many tokens (the oldest go first). */
  maxEntries: number;
  now?: () => number;
}

export class VerifiedTokens {
  private readonly entries = new Map<string, { principal: Principal; untilMs: number }>();
  private readonly maxEntries: number;
  private readonly now: () => number;
  constructor(opts: VerifiedTokenOptions) {
    this.maxEntries = opts.maxEntries;
    this.now = opts.now ?? (() => Date.now());
  }

  get(token: string): Principal | null {
    const e = this.entries.get(token);
    if (!e) return null;
    if (this.now() >= e.untilMs) {
      this.entries.delete(token);
      return null;
    }
    return e.principal;
  }

  /** `expSeconds` is the token's `exp` claim; a token without one is not remembered. */
  remember(token: string, principal: Principal, expSeconds: unknown): void {
    if (typeof expSeconds !== 'number' || !Number.isFinite(expSeconds) || this.maxEntries <= 0) return;
    const untilMs = expSeconds * 1000;
    if (untilMs <= this.now()) return;
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    // Shared by every request that presents this token: nobody may change it.
    const frozen = Object.freeze({ ...principal, scopes: Object.freeze([...principal.scopes]) as string[] });
    this.entries.set(token, { principal: frozen, untilMs });
  }

  get size(): number {
    return this.entries.size;
  }
}
