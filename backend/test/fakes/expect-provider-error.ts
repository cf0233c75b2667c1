// Test helper: awaits a rejection and checks it is a ProviderError of the expected kind, with the fallback
// flag the router relies on.
import { expect } from 'vitest';
import { ProviderError, type ProviderErrorKind } from '../../src/providers/port.ts';

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

/** A signal that aborts after `ms`, as the router's timeout does. */
export const timeout = (ms: number): AbortSignal => AbortSignal.timeout(ms);
