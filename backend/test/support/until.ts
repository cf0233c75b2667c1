// Waits for a condition, never for a fixed time: `waitFor` (support/timing.ts, scaled by TEST_SLOWDOWN) in the
// short form the API tests use: `until(check, 'what it waits for')`.
import { waitFor } from './timing.ts';

export function until<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  ms = 60_000,
): Promise<T> {
  return waitFor(check, { what, timeoutMs: ms, intervalMs: 25 });
}
