// The one error family (DESIGN §11). Each error carries a stable problem code and an HTTP status; the error
// middleware turns it into application/problem+json and the bot into a friendly card.
import type { ProblemCode } from '@donatello/contracts';

export class AppError extends Error {
  override name = 'AppError';
  readonly code: ProblemCode;
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly extras: Record<string, unknown>;
  constructor(
    code: ProblemCode,
    status: number,
    title: string,
    detail?: string,
    extras: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.code = code;
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.extras = extras;
  }
}

export class ValidationError extends AppError {
  readonly errors: { path: string; message: string }[];
  constructor(detail: string, errors: { path: string; message: string }[] = []) {
    super('validation-failed', 400, 'The request is not valid', detail, { errors });
    this.errors = errors;
  }
}

export class UnauthorizedError extends AppError {
  constructor(detail = 'A valid bearer access token is required') {
    super('unauthorized', 401, 'Not signed in', detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(detail = 'You are not allowed to do this') {
    super('forbidden', 403, 'Forbidden', detail);
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'The resource') {
    super('not-found', 404, 'Not found', `${what} does not exist or you cannot see it`);
  }
}

export class ConflictError extends AppError {
  constructor(detail: string, code: ProblemCode = 'conflict') {
    super(code, 409, code === 'already-exists' ? 'Already exists' : 'Conflict', detail);
  }
}
