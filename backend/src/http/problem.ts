// Every failure leaves as application/problem+json (RFC 9457) with a stable code. No stack traces leave.
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { PROBLEM_BASE, type ProblemCode, type ProblemDetails } from '@donatello/contracts';
import { AppError, ValidationError } from '../domain/errors.ts';
import { StoreUsageError } from '../ports/store.ts';

export function sendProblem(
  res: Response,
  p: { status: number; code: ProblemCode; title: string; detail?: string; extras?: Record<string, unknown> },
): void {
  const body: ProblemDetails = {
    type: `${PROBLEM_BASE}${p.code}`,
    title: p.title,
    status: p.status,
    code: p.code,
    ...(p.detail ? { detail: p.detail } : {}),
    instance: res.req.originalUrl.split('?')[0]!,
    requestId: res.getHeader('x-request-id') as string,
    ...p.extras,
  };
  if (p.status === 401) {
    // RFC 6750 §3: no error code when the request carried no credentials at all.
    res.setHeader(
      'WWW-Authenticate',
      res.req.headers.authorization ? 'Bearer error="invalid_token"' : 'Bearer',
    );
  }
  res.status(p.status).type('application/problem+json').send(JSON.stringify(body));
}

export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(res, {
    status: 404,
    code: 'not-found',
    title: 'Not found',
    detail: `No route for ${req.method} ${req.path}`,
  });
};

/** body-parser failures arrive with a `type`; map each to its problem. */
const BODY_ERRORS: Record<string, { status: number; code: ProblemCode; title: string }> = {
  'entity.parse.failed': { status: 400, code: 'invalid-json', title: 'The body is not valid JSON' },
  'entity.too.large': { status: 413, code: 'payload-too-large', title: 'The body is too large' },
  'encoding.unsupported': {
    status: 415,
    code: 'unsupported-media-type',
    title: 'Unsupported content encoding',
  },
  'charset.unsupported': { status: 415, code: 'unsupported-media-type', title: 'Unsupported charset' },
  'request.aborted': { status: 400, code: 'validation-failed', title: 'The request was aborted' },
};

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) {
      req.log.error({ err }, 'error after the response started');
      res.destroy();
      return;
    }
    if (err instanceof AppError) {
      const retryAfter = err.extras.retryAfterSeconds;
      if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
      if (err.status >= 500) req.log.error({ err }, err.message);
      else req.log.info({ code: err.code, status: err.status }, err.message);
      const extras = err instanceof ValidationError ? { errors: err.errors } : err.extras;
      sendProblem(res, { status: err.status, code: err.code, title: err.title, detail: err.message, extras });
      return;
    }
    const bodyType = (err as { type?: unknown }).type;
    const bodyError = typeof bodyType === 'string' ? BODY_ERRORS[bodyType] : undefined;
    if (bodyError) {
      req.log.info({ code: bodyError.code }, bodyError.title);
      sendProblem(res, bodyError);
      return;
    }
    if (err instanceof URIError) {
      // A malformed percent-encoding in the path (Express fails to decode a route parameter): the caller's
      // mistake, answered before any sign-in, and not worth an error-level log with a stack.
      req.log.info({ code: 'validation-failed' }, 'malformed percent-encoding in the path');
      sendProblem(res, {
        status: 400,
        code: 'validation-failed',
        title: 'The request is not valid',
        detail: 'The path holds a malformed percent-encoding',
      });
      return;
    }
    if (err instanceof StoreUsageError && /cursor/.test(err.message)) {
      sendProblem(res, {
        status: 400,
        code: 'validation-failed',
        title: 'The request is not valid',
        detail: 'The cursor is not valid',
      });
      return;
    }
    (req.log ?? log).error({ err }, 'unhandled error');
    sendProblem(res, {
      status: 500,
      code: 'internal',
      title: 'Something went wrong',
      detail: 'The server could not complete the request. Quote the request id when reporting it.',
    });
  };
}
