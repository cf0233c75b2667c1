// Test helper: awaits a rejection and checks it is a ProviderError of the expected kind, with the fallback
// flag the router relies on.
import { expect } from 'vitest';
import { ProviderError, type ProviderErrorKind } from '../../src/providers/port.ts';
import { scaled } from '../support/timing.ts';

const NO_FALLBACK: ProviderErrorKind[] = ['content_policy', 'bad_request'];

export async function expectProviderError(
  promise: Promise<unknown>,
  kind: ProviderErrorKind,
): Promise<ProviderError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'expected a rejection').toBeInstanceOf(ProviderError);
  const pe = err as ProviderError;
  expect({ kind: pe.kind, message: pe.message }).toMatchObject({ kind });
  expect(pe.fallback).toBe(!NO_FALLBACK.includes(kind));
  return pe;
}

/**
 * A signal that aborts after `ms` × TEST_SLOWDOWN, as the router's timeout does. A healthy call gets a generous
 * budget (30 s); a call to a fake in `slow` mode may get a short one, since the fake never answers in time.
 */
export const timeout = (ms: number): AbortSignal => AbortSignal.timeout(scaled(ms));

/** How long giving up on a slow fake may take: far below its SLOW_FAKE_MS, scaled for a busy machine. */
export const GIVES_UP_WITHIN_MS = scaled(15_000);

/**
 * A signal that fires (as a timeout, like the router's) once `ready` holds: for tests that need the abort to
 * come after a step, such as a job being submitted, however long that step takes on a busy machine.
 */
export function timeoutOnce(ready: () => boolean): AbortSignal {
  const controller = new AbortController();
  const deadline = Date.now() + scaled(30_000);
  const tick = setInterval(() => {
    if (!ready() && Date.now() < deadline) return;
    clearInterval(tick);
    controller.abort(new DOMException('The operation timed out.', 'TimeoutError'));
  }, 10);
  return controller.signal;
}
