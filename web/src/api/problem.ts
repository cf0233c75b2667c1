// Every failure the API client reports is an ApiProblem: the server's problem+json (RFC 9457) typed by its stable
// `code`, or a client-side code when no usable answer came back. Screens switch on `code`, never on text, and
// show the server's own `detail` and field messages.
import type { ProblemCode } from '@donatello/contracts';

/** The server's codes, plus what only a client can see: no answer at all, or an answer that is not a problem. */
export type ApiProblemCode = ProblemCode | 'network-error' | 'unexpected-response';

export interface FieldError {
  /** As the server names it: `body.prompt`, `query.from`, `header.Idempotency-Key`. */
  path: string;
  message: string;
}

export interface SafetyFinding {
  type: string;
  start?: number;
  end?: number;
  category?: string;
  field?: 'negativePrompt';
}

export class ApiProblem extends Error {
  override name = 'ApiProblem';
  readonly code: ApiProblemCode;
  readonly status: number;
  readonly title: string;
  readonly detail: string | null;
  readonly errors: FieldError[];
  /** From `Retry-After` (seconds or an HTTP date), for 429 and 503. */
  readonly retryAfterSeconds: number | null;
  readonly requestId: string | null;
  /** The whole problem body, for extension members (`findings`, `decidedBy`, `generationId`). */
  readonly body: Record<string, unknown>;

  constructor(init: {
    code: ApiProblemCode;
    status: number;
    title: string;
    detail?: string | null;
    errors?: FieldError[];
    retryAfterSeconds?: number | null;
    requestId?: string | null;
    body?: Record<string, unknown>;
  }) {
    super(init.detail ?? init.title);
    this.code = init.code;
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail ?? null;
    this.errors = init.errors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.requestId = init.requestId ?? null;
    this.body = init.body ?? {};
  }

  /** Field messages keyed by the last part of their path (`body.budget.limitAud` → `limitAud`), first wins. */
  fieldErrors(prefix = 'body.'): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) {
      if (!e.path.startsWith(prefix)) continue;
      const key = e.path.slice(prefix.length);
      out[key] ??= e.message;
    }
    return out;
  }

  /** Prompt-safety findings (422 `prompt-blocked`): types and offsets only, never the text. */
  get findings(): SafetyFinding[] {
    const f = this.body.findings;
    return Array.isArray(f) ? (f as SafetyFinding[]) : [];
  }
}

export function isProblem(err: unknown, code?: ApiProblemCode): err is ApiProblem {
  return err instanceof ApiProblem && (code === undefined || err.code === code);
}

/** `Retry-After` as seconds: a delay (`120`) or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Turns a non-2xx response into an ApiProblem, whatever its body. */
export async function problemFrom(res: Response): Promise<ApiProblem> {
  const retryAfterSeconds = parseRetryAfter(res.headers.get('retry-after'));
  const requestId = res.headers.get('x-request-id');
  let body: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = await res.json();
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    body = null;
  }
  if (body && typeof body.code === 'string' && typeof body.title === 'string') {
    return new ApiProblem({
      code: body.code as ProblemCode,
      status: res.status,
      title: body.title,
      detail: typeof body.detail === 'string' ? body.detail : null,
      errors: Array.isArray(body.errors) ? (body.errors as FieldError[]) : [],
      retryAfterSeconds,
      requestId: typeof body.requestId === 'string' ? body.requestId : requestId,
      body,
    });
  }
  return new ApiProblem({
    code: 'unexpected-response',
    status: res.status,
    title: `The server answered ${res.status}`,
    retryAfterSeconds,
    requestId,
  });
}
