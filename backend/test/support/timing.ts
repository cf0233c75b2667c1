// Every time limit in the tests, scaled by one setting: TEST_SLOWDOWN (default 1) multiplies vitest's test and
// hook timeouts, the HTTP clients' timeouts (support/http.ts), Playwright's waits (support/browser.ts) and every
// polling deadline. The defaults already pass on a shared two-core machine with both cores busy; a slower CI
// machine sets TEST_SLOWDOWN=2 (or more) instead of editing numbers. Used by vitest.config.ts too.
// Must not break: a wait here polls for a condition and fails naming what it waited for; nothing here sleeps a
// fixed time so that a test can then assert that "nothing else happened".

/** The factor, read once. Anything but a positive number stops the run with a message naming the setting. */
export const SLOWDOWN: number = readSlowdown(process.env.TEST_SLOWDOWN);

function readSlowdown(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 1;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`TEST_SLOWDOWN must be a positive number (for example 2), not "${raw}"`);
  return n;
}

/** `ms` stretched by TEST_SLOWDOWN. */
export const scaled = (ms: number): number => Math.round(ms * SLOWDOWN);

/** vitest's limit for one test, and for one hook (starting servers, Playground, Chromium). */
export const TEST_TIMEOUT_MS = scaled(120_000);
export const HOOK_TIMEOUT_MS = scaled(180_000);
/**
 * For the long proofs (1,000 requests through two processes, crash recovery). The Cosmos case took 15 minutes
 * on two cores shared with a dozen busy processes (2.5 idle): its audit chain is one sequence of appends.
 */
export const PROOF_TIMEOUT_MS = scaled(2_400_000);

/** An AbortSignal that fires after `ms` × TEST_SLOWDOWN: a budget for a call that should succeed. */
export const within = (ms: number): AbortSignal => AbortSignal.timeout(scaled(ms));

/** Resolves after `ms` (not scaled): only for the interval between two polls. */
export const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface WaitOptions {
  /** What is awaited, for the error message ("the queue to drain"). */
  what: string;
  /** Deadline before scaling; 30 s by default. */
  timeoutMs?: number;
  /** Time between polls; 50 ms by default. */
  intervalMs?: number;
  /** Describes the last state seen, for the error message. */
  seen?: () => string | Promise<string>;
}

/**
 * Polls `probe` until it returns something other than undefined (or false) and returns that; throws when the
 * scaled deadline passes. The probe may be async; a probe that throws fails the wait at once.
 */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  options: WaitOptions,
): Promise<T> {
  const limit = scaled(options.timeoutMs ?? 30_000);
  const deadline = Date.now() + limit;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      const seen = options.seen ? `; last seen: ${await options.seen()}` : '';
      throw new Error(`timed out after ${limit} ms waiting for ${options.what}${seen}`);
    }
    await pause(options.intervalMs ?? 50);
  }
}
