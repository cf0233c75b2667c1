// The approval card (DESIGN §4). Approvers see Approve and Reject while it is pending; everyone else, and
// everyone after a decision, sees its status. The buttons carry only the approval id: who clicked comes from
// the authenticated activity. `refresh.userIds` (the approvers' Teams ids) keeps their view current.
import type { ApprovalView } from '@donatello/contracts';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { aud, card, execute, facts, note, plain, text, title, VERBS, when } from './kit.ts';

export function approvalCard(p: {
  approval: ApprovalView;
  /** Show the buttons (the viewer is an approver and it is pending). */
  actionable: boolean;
  approverIds: string[];
  /** A line for the viewer, e.g. why their click did not count. */
  notice?: string;
}): IAdaptiveCard {
  const a = p.approval;
  const pending = a.status === 'pending';
  const data = { approvalId: a.id };
  return card(
    [
      title(pending ? 'Approval needed: budget overage' : `Overage request ${a.status}`),
      text(`${plain(a.requester.displayName, 100)} asked for an image over the department's budget.`),
      text(`"${plain(a.prompt)}"`, { isSubtle: true }),
      facts([
        ['Department', a.departmentName],
        ['Amount', aud(a.amountAud)],
        ['Requested', when(a.createdAt)],
        [pending ? 'Expires' : 'Was due by', when(a.expiresAt)],
        ['Approvers', a.approvers.map((x) => x.displayName).join(', ')],
      ]),
      ...(pending ? [] : [text(statusLine(a), { weight: 'Bolder', spacing: 'Medium' })]),
      ...(p.notice ? [note(p.notice)] : []),
    ],
    pending && p.actionable
      ? [
          execute('Approve', VERBS.approve, data, 'positive'),
          execute('Reject', VERBS.reject, data, 'destructive'),
        ]
      : [],
    { verb: VERBS.approvalRefresh, data, userIds: p.approverIds },
  );
}

export function statusLine(a: ApprovalView): string {
  // Closed without anyone deciding: the request was deleted, or the budget became a hard limit.
  if (!a.decidedBy && a.comment) return `Closed: ${plain(a.comment, 200)}.`;
  if (a.status === 'expired') return 'Nobody decided in time; the request expired.';
  const by = a.decidedBy?.displayName ?? 'someone';
  const at = a.decidedAt ? ` at ${when(a.decidedAt)}` : '';
  return `${a.status === 'approved' ? 'Approved' : 'Rejected'} by ${by}${at}${a.comment ? `: "${plain(a.comment, 200)}"` : ''}`;
}

/** For the requester: what happened to their request. */
export function decisionCard(a: ApprovalView): IAdaptiveCard {
  const approved = a.status === 'approved';
  return card([
    title(
      approved
        ? 'Your request was approved'
        : a.status === 'expired'
          ? 'Your request expired'
          : 'Your request was rejected',
    ),
    text(`"${plain(a.prompt)}"`, { isSubtle: true }),
    text(statusLine(a)),
    text(approved ? 'Your image is being created now.' : 'Nothing was charged.'),
  ]);
}
