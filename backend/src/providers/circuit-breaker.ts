// One circuit breaker per provider (DESIGN §7): after `threshold` consecutive transient failures the provider
// is skipped for `cooldownMs`; then one trial request is let through (half-open). Success closes it.
// In memory per instance: each instance learns on its own, which is enough to stop hammering a sick provider.

export interface BreakerOptions {
  threshold: number;
  cooldownMs: number;
  now?: () => number;
}

type State =
  | { kind: 'closed'; failures: number }
  | { kind: 'open'; until: number }
  | { kind: 'half-open'; since: number };

export class CircuitBreaker {
  private state: State = { kind: 'closed', failures: 0 };
  private readonly opts: Required<BreakerOptions>;

  constructor(opts: BreakerOptions) {
    this.opts = { now: () => Date.now(), ...opts };
  }

  /** Whether a request may go to the provider now. Moves open -> half-open after the cool-down. */
  allow(): boolean {
    const s = this.state;
    if (s.kind === 'closed') return true;
    const now = this.opts.now();
    // A trial that never reported back (its caller crashed) must not keep the provider shut forever.
    const trialDue = s.kind === 'open' ? now >= s.until : now - s.since >= this.opts.cooldownMs;
    if (trialDue) {
      this.state = { kind: 'half-open', since: now };
      return true;
    }
    return false;
  }

  success(): void {
    this.state = { kind: 'closed', failures: 0 };
  }

  failure(): void {
    const s = this.state;
    if (s.kind === 'half-open' || (s.kind === 'closed' && s.failures + 1 >= this.opts.threshold)) {
      this.state = { kind: 'open', until: this.opts.now() + this.opts.cooldownMs };
    } else if (s.kind === 'closed') {
      this.state = { kind: 'closed', failures: s.failures + 1 };
    }
  }

  /** When the breaker will next let a request through (ms from now), or 0 when it does now. */
  retryInMs(): number {
    return this.state.kind === 'open' ? Math.max(0, this.state.until - this.opts.now()) : 0;
  }

  get status(): 'closed' | 'open' | 'half-open' {
    return this.state.kind;
  }
}
