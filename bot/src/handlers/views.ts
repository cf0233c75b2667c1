// The card for a generation as it is now, for the person looking at it (owner or not).
import type { ApprovalView, GenerationView } from '@donatello/contracts';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import type { BotUser } from '../deps.ts';
import {
  generationFailedCard,
  pendingApprovalCard,
  resultCard,
  stillWorkingCard,
  workingCard,
  type Viewer,
} from '../cards/generation.ts';
import { statusLine } from '../cards/approval.ts';
import type { BotContext } from './context.ts';
import { asProblem } from '../problems.ts';

/**
 * Who the card is drawn for. Only the owner's view differs (Delete), so only the owner's client refreshes it.
 * A card posted in a shared chat is what everyone there sees, so it is drawn without Delete and the owner's
 * client refreshes it (refresh.userIds) into the owner's view.
 */
export function viewerOf(user: BotUser, g: GenerationView, teamsUserId: string, shared = false): Viewer {
  const owner = user.objectId === g.owner.objectId;
  return { owner: owner && !shared, refreshFor: owner ? [teamsUserId] : [] };
}

export async function generationCard(
  b: BotContext,
  user: BotUser,
  g: GenerationView,
  viewer: Viewer,
  gaveUpWaiting = false,
): Promise<IAdaptiveCard> {
  // A request that needed approval keeps saying who decided and when, on every copy and every refresh.
  const approval = g.approval ? await approvalOf(b, user, g.approval.id) : null;
  const decision = approval && approval.status !== 'pending' ? statusLine(approval) : undefined;
  switch (g.status) {
    case 'succeeded': {
      // "What the department has left" is the owner's department; other viewers may not see that budget.
      const remaining =
        user.departmentId === g.departmentId
          ? ((await b.deps.budget(user)).budget?.remainingAud ?? null)
          : null;
      return resultCard({
        generation: g,
        imageUrls: g.images.map((i) => b.deps.signedImageUrl(user.tenantId, i.id)),
        remainingAud: remaining,
        galleryUrl: b.deps.galleryUrl(g.id),
        viewer,
        ...(decision ? { decision } : {}),
      });
    }
    case 'pending_approval': {
      const approvers = approval?.approvers.map((a) => a.displayName) ?? [];
      return pendingApprovalCard({ generation: g, approvers, viewer });
    }
    case 'queued':
    case 'running':
      return gaveUpWaiting ? stillWorkingCard(g, b.deps.galleryUrl(g.id)) : workingCard(g, viewer, decision);
    default:
      return generationFailedCard(g, decision);
  }
}

async function approvalOf(b: BotContext, user: BotUser, approvalId: string): Promise<ApprovalView | null> {
  try {
    return await b.deps.getApproval(user, approvalId);
  } catch (err) {
    // Someone other than the requester may not read the approval; the card then names no one.
    if (asProblem(err)?.status === 403) return null;
    throw err;
  }
}
