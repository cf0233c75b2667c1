import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.ts';

describe('CircuitBreaker', () => {
  it('opens after the threshold, half-opens after the cool-down, closes on success', () => {
    let now = 0;
    const b = new CircuitBreaker({ threshold: 3, cooldownMs: 1000, now: () => now });
    b.failure();
    b.failure();
    expect(b.allow()).toBe(true);
    b.failure();
    expect(b.status).toBe('open');
    expect(b.allow()).toBe(false);
    expect(b.retryInMs()).toBe(1000);
    now = 1000;
    expect(b.allow()).toBe(true);
    expect(b.status).toBe('half-open');
    expect(b.allow()).toBe(false); // one trial at a time
    b.success();
    expect(b.status).toBe('closed');
  });

  it('a failed trial opens it again; a success in between resets the count', () => {
    let now = 0;
    const b = new CircuitBreaker({ threshold: 2, cooldownMs: 500, now: () => now });
    b.failure();
    b.success();
    b.failure();
    expect(b.status).toBe('closed');
    b.failure();
    now = 600;
    expect(b.allow()).toBe(true);
    b.failure();
    expect(b.status).toBe('open');
    expect(b.allow()).toBe(false);
  });
});
