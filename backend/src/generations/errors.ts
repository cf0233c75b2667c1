import { AppError } from '../domain/errors.ts';

export class PromptBlockedError extends AppError {
  constructor(findings: { type: string; start: number; end: number }[], generationId: string | null) {
    const types = [...new Set(findings.map((f) => f.type))];
    super(
      'prompt-blocked',
      422,
      'The prompt was blocked',
      `The prompt contains: ${types.join(', ')}. Remove it and try again.`,
      {
        findings: findings.map((f) => ({ type: f.type, start: f.start, end: f.end })),
        ...(generationId ? { generationId } : {}),
      },
    );
  }
}

export class NoDepartmentError extends AppError {
  constructor() {
    super(
      'no-department',
      403,
      'No department',
      'You are not in a department yet, so there is no budget to charge. Ask an admin to add you to one.',
    );
  }
}

export class BudgetExceededError extends AppError {
  constructor(reason: string) {
    super('budget-exceeded', 402, 'Over budget', reason);
  }
}

export class IdempotencyKeyReusedError extends AppError {
  constructor() {
    super(
      'idempotency-key-reused',
      409,
      'Idempotency-Key reused',
      'This Idempotency-Key was used for a different request',
    );
  }
}
