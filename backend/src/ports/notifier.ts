// The notifier port: how people hear about approvals and budget alerts. The Teams bot implements it; until
// then a logging notifier, and a recording one for tests.
import type { ApprovalView } from '@donatello/contracts';

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

export interface Notifier {
  /** Best effort: a failure is logged by the caller and never undoes the decision it reports. */
  notify(n: Notification): Promise<void>;
}
