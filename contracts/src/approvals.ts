import { z } from 'zod';

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'expired'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export interface PersonRef {
  objectId: string;
  displayName: string;
}

export interface ApprovalView {
  id: string;
  status: ApprovalStatus;
  generationId: string;
  departmentId: string;
  /** The department's name when the request was made. */
  departmentName: string;
  requester: PersonRef;
  approvers: PersonRef[];
  prompt: string;
  amountAud: string;
  createdAt: string;
  expiresAt: string;
  decidedBy: PersonRef | null;
  decidedAt: string | null;
  comment: string | null;
}

export const DecisionRequest = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().min(1).max(500).optional(),
});
export type DecisionRequest = z.infer<typeof DecisionRequest>;

export const ApprovalListQuery = z.object({
  status: z.enum(APPROVAL_STATUSES).optional(),
  cursor: z.string().min(1).max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
