// The moderation port and the HTTP plumbing its adapters share.
// Moderation fails closed: any failure to get a well-formed answer (network, timeout, non-2xx, bad JSON)
// throws ModerationUnavailableError, which the API answers with 503. A prompt is never let through because
// the moderation service could not be asked. Error messages name the provider and the failure, never the
// prompt, the response body (it may echo the prompt) or the key.
import { AppError } from '../domain/errors.ts';

export interface Moderator {
  /** For error messages and the health view: `openai` or `azure`. */
  readonly provider: string;
  /** The categories the service flagged (empty when the text is acceptable). Throws when it cannot tell. */
  moderate(text: string, signal?: AbortSignal): Promise<string[]>;
}

export type ModerationFailure = 'timeout' | 'network' | 'http-status' | 'malformed-response';

export class ModerationUnavailableError extends AppError {
  override name = 'ModerationUnavailableError';
  readonly provider: string;
  readonly reason: ModerationFailure;
  readonly httpStatus?: number;
  constructor(provider: string, reason: ModerationFailure, detail: string, httpStatus?: number) {
    super(
      'service-unavailable',
      503,
      'Content moderation is unavailable',
      `The ${provider} moderation service could not check the prompt: ${detail}`,
    );
    this.provider = provider;
    this.reason = reason;
    this.httpStatus = httpStatus;
  }
}

export interface PostJsonRequest {
  provider: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * POSTs JSON and returns the parsed 2xx body. The timeout covers the whole exchange, including reading the
 * body. A cancellation by the caller is passed on as is (the caller knows why); everything else becomes a
 * ModerationUnavailableError.
 */
export async function postJson(req: PostJsonRequest): Promise<unknown> {
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  const fail = (error: unknown): never => {
    if (req.signal?.aborted) throw req.signal.reason;
    if (timeout.aborted) {
      throw new ModerationUnavailableError(req.provider, 'timeout', `no answer within ${req.timeoutMs} ms`);
    }
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    const why = typeof code === 'string' ? code : 'request failed';
    throw new ModerationUnavailableError(req.provider, 'network', why);
  };

  let res: Response;
  try {
    res = await fetch(req.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...req.headers },
      body: JSON.stringify(req.body),
      signal,
      redirect: 'error',
    });
  } catch (error) {
    return fail(error);
  }
  if (!res.ok) {
    // The body is not needed (it may echo the prompt); release the connection. A failed cancel changes
    // nothing about the outcome, which is the error thrown next.
    await res.body?.cancel().catch(() => undefined);
    throw new ModerationUnavailableError(req.provider, 'http-status', `HTTP ${res.status}`, res.status);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (error) {
    return fail(error);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ModerationUnavailableError(req.provider, 'malformed-response', 'the answer is not JSON');
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
