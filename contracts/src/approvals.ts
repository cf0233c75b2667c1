import { z } from 'zod';
import { Cursor, Guid, PersonRef, Timestamp } from './common.ts';
import { AudValue } from './money.ts';

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'expired'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const ApprovalId = Guid('an approval id');

export const ApprovalView = z
  .object({
    id: z.string(),
    status: z.enum(APPROVAL_STATUSES),
    generationId: z.string(),
    departmentId: z.string(),
    departmentName: z.string().meta({ description: "The department's name when the request was made" }),
    requester: PersonRef,
    approvers: z.array(PersonRef),
    prompt: z.string(),
    amountAud: AudValue,
    createdAt: Timestamp,
    expiresAt: Timestamp,
    decidedBy: PersonRef.nullable(),
    decidedAt: Timestamp.nullable(),
    comment: z.string().nullable(),
  })
  .meta({ id: 'Approval' });
export type ApprovalView = z.infer<typeof ApprovalView>;

export const DecisionRequest = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().min(1).max(500).optional(),
});
export type DecisionRequest = z.infer<typeof DecisionRequest>;

export const ApprovalListQuery = z.object({
  status: z.enum(APPROVAL_STATUSES).optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
