// An approval request for a soft-limit overage (DESIGN §4). Partition: tenant id; id: a random UUID. It carries
// only ids and names; the decision is a compare-and-set from `pending`, so exactly one click wins.
import type { ApprovalStatus, ApprovalView, PersonRef } from '@donatello/contracts';
import { microsToAud } from '../domain/money.ts';

export interface ApprovalRecord extends Record<string, unknown> {
  tenantId: string;
  departmentId: string;
  /** Absent on requests recorded before it was kept; the view falls back to the id. */
  departmentName?: string;
  timeZone: string;
  generationId: string;
  requester: PersonRef;
  approvers: PersonRef[];
  approverOids: string[];
  /**
   * The requester's line manager from Graph, when they were asked: their right to decide comes from the org
   * chart, not a role here. Every other approver's right is their current role (authorization/permissions.ts).
   */
  lineManagerOid?: string | null;
  prompt: string;
  amountMicros: number;
  status: ApprovalStatus;
  createdAt: string;
  createdKey: string;
  expiresAt: string;
  decidedBy: PersonRef | null;
  decidedAt: string | null;
  comment: string | null;
}

export function approvalView(id: string, a: ApprovalRecord): ApprovalView {
  return {
    id,
    status: a.status,
    generationId: a.generationId,
    departmentId: a.departmentId,
    departmentName: a.departmentName ?? a.departmentId,
    requester: a.requester,
    approvers: a.approvers,
    prompt: a.prompt,
    amountAud: microsToAud(a.amountMicros),
    createdAt: a.createdAt,
    expiresAt: a.expiresAt,
    decidedBy: a.decidedBy,
    decidedAt: a.decidedAt,
    comment: a.comment,
  };
}

/** "approved by Bob Smith at 10:42" in the department's time zone. */
export function decidedPhrase(a: ApprovalRecord): string {
  const at = a.decidedAt
    ? new Intl.DateTimeFormat('en-AU', {
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone: a.timeZone,
      }).format(new Date(a.decidedAt))
    : '';
  if (a.status === 'expired') return 'expired';
  // Closed without a person's decision (the department's budget became a hard limit): say why.
  if (!a.decidedBy) return `${a.status}${a.comment ? `: ${a.comment}` : ''}`;
  return `${a.status} by ${a.decidedBy.displayName} at ${at}`;
}
