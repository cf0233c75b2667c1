// Approve, Reject and the approvers' refresh. The decision is the backend's compare-and-set: of any number
// of clicks exactly one wins; the others get the card with who decided and when.
import type { ApprovalView } from '@donatello/contracts';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import type { BotDeps, BotUser } from '../deps.ts';
import { asProblem } from '../problems.ts';
import { approvalCard } from '../cards/approval.ts';
import { VERBS } from '../cards/kit.ts';
import type { BotContext } from './context.ts';

/** The approvers' Teams ids (for refresh.userIds), from their saved 1:1 conversations. */
export async function teamsIdsOf(deps: BotDeps, tenantId: string, objectIds: string[]): Promise<string[]> {
  const found = await Promise.all(objectIds.map((oid) => deps.conversationOf(tenantId, oid)));
  return found.filter((c) => c !== null).map((c) => c.userId);
}

export async function approvalView(
  deps: BotDeps,
  user: BotUser,
  a: ApprovalView,
  notice?: string,
): Promise<IAdaptiveCard> {
  const approverIds = await teamsIdsOf(
    deps,
    user.tenantId,
    a.approvers.map((x) => x.objectId),
  );
  const actionable = a.status === 'pending' && a.approvers.some((x) => x.objectId === user.objectId);
  return approvalCard({ approval: a, actionable, approverIds, ...(notice ? { notice } : {}) });
}

export async function approvalAction(
  b: BotContext,
  user: BotUser,
  verb: string,
  approvalId: string,
): Promise<IAdaptiveCard> {
  if (verb === VERBS.approvalRefresh)
    return approvalView(b.deps, user, await b.deps.getApproval(user, approvalId));
  try {
    const decided = await b.deps.decideApproval(
      user,
      approvalId,
      verb === VERBS.approve ? 'approve' : 'reject',
    );
    return await approvalView(b.deps, user, decided);
  } catch (err) {
    const p = asProblem(err);
    // Too late (someone else decided, it expired, or the budget became a hard limit) or not allowed: show the
    // current state and why.
    const closing = ['already-decided', 'approval-expired', 'budget-exceeded', 'forbidden'];
    if (p && closing.includes(p.code)) {
      const notice =
        p.code === 'forbidden'
          ? `${p.detail ?? 'You cannot decide this request.'} Its department's managers and admins can.`
          : p.detail;
      const current = await readable(b.deps, user, approvalId);
      if (current) return approvalView(b.deps, user, current, notice);
    }
    throw err;
  }
}

/** The approval if this user may read it (someone outside the request may not). */
async function readable(deps: BotDeps, user: BotUser, id: string): Promise<ApprovalView | null> {
  try {
    return await deps.getApproval(user, id);
  } catch (err) {
    if (asProblem(err)?.status === 403) return null;
    throw err;
  }
}
