// Small helpers every remote adapter shares: turning HTTP statuses, aborts and transport failures into
// ProviderError kinds, reading Retry-After, and abortable waits for polling loops.
import type { ProviderId } from '@donatello/contracts';
import { ProviderError, type ProviderErrorKind } from './port.ts';

interface HeaderSource {
  get(name: string): string | null;
}

/** Retry-After as milliseconds: `retry-after-ms` (OpenAI, Azure) first, then `retry-after` seconds or HTTP date. */
export function retryAfterMs(headers: HeaderSource | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The kind for an HTTP error status; provider-specific content-policy rules are applied by the caller. */
export function kindForStatus(status: number): ProviderErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status === 451) return 'content_policy';
  if (status >= 500) return 'server';
  if (status >= 400) return 'bad_request';
  return 'bad_response';
}

/** The router's signal carries the timeout, so any abort it reports is classified as `timeout`. */
export function abortedError(provider: ProviderId, signal: AbortSignal, cause?: unknown): ProviderError {
  const reason: unknown = signal.reason;
  const why = reason instanceof Error ? reason.message : 'aborted';
  return new ProviderError(provider, 'timeout', `${provider}: request aborted (${why})`, {
    cause: cause ?? reason,
  });
}

/** Transport-level failures: the request never produced an HTTP answer. */
function isTransportFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err instanceof TypeError && err.message === 'fetch failed') return true;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^(E[A-Z_]+|UND_ERR_[A-Z_]+|ERR_TLS_[A-Z_]+|CERT_[A-Z_]+)$/.test(code);
}

/**
 * Last-resort classification: keep ProviderErrors, aborts become `timeout`, transport failures `network`,
 * anything else (JSON syntax errors, unexpected shapes) `bad_response`.
 */
export function toProviderError(provider: ProviderId, err: unknown, signal: AbortSignal): ProviderError {
  if (err instanceof ProviderError) return err;
  if (signal.aborted) return abortedError(provider, signal, err);
  if (isTransportFailure(err)) {
    return new ProviderError(provider, 'network', `${provider}: ${describe(err)}`, { cause: err });
  }
  return new ProviderError(provider, 'bad_response', `${provider}: ${describe(err)}`, { cause: err });
}

export function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return `${err.message}${cause}`;
}

/** The caller's signal combined with the adapter's own upper bound. */
export function withDeadline(signal: AbortSignal, timeoutMs: number): AbortSignal {
  return AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
}

/** Waits `ms`, rejecting with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Reads a JSON body; a body that is not JSON is a `bad_response`. */
export async function readJson(provider: ProviderId, res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ProviderError(
      provider,
      'bad_response',
      `${provider}: response is not JSON (HTTP ${res.status})`,
      {
        status: res.status,
        cause: err,
      },
    );
  }
}

/** A short, safe excerpt of an error body for messages (bodies never carry secrets we sent). */
export function excerpt(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
