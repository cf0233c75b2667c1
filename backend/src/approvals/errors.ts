import { AppError } from '../domain/errors.ts';

export class AlreadyDecidedError extends AppError {
  constructor(
    phrase: string,
    decidedBy: { objectId: string; displayName: string } | null,
    decidedAt: string | null,
  ) {
    super('already-decided', 409, 'Already decided', `This request was already ${phrase}`, {
      decidedBy,
      decidedAt,
    });
  }
}

export class ApprovalExpiredError extends AppError {
  constructor(expiresAt: string) {
    super(
      'approval-expired',
      409,
      'Approval expired',
      `This request expired at ${expiresAt} and can no longer be decided`,
    );
  }
}

/** 409: the department is in hard mode, so the request was closed instead of approved; nothing is charged. */
export class HardLimitError extends AppError {
  constructor(reason: string) {
    super('budget-exceeded', 409, 'The budget is a hard limit', reason);
  }
}
