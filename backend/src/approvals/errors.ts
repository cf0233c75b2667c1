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
