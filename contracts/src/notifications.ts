import type { ApprovalView } from './approvals.ts';

/** What the backend tells people (approvals, budget alerts); the bot renders each as a card. */
export type Notification =
  | { kind: 'approval.requested'; tenantId: string; to: string[]; approval: ApprovalView }
  | { kind: 'approval.decided'; tenantId: string; to: string[]; approval: ApprovalView }
  | {
      kind: 'budget.threshold';
      tenantId: string;
      to: string[];
      departmentId: string;
      threshold: number;
      period: string;
      spentAud: string;
      limitAud: string;
    };
