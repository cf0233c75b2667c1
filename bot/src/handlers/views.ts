// The card for a generation as it is now, for the person looking at it (owner or not).
import type { GenerationView } from '@donatello/contracts';
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
import type { BotContext } from './context.ts';
import { asProblem } from '../problems.ts';

export function viewerOf(user: BotUser, g: GenerationView, teamsUserId: string): Viewer {
  const owner = user.objectId === g.owner.objectId;
  // Only the owner's view differs (Delete), so only the owner's client needs to refresh the card.
  return { owner, refreshFor: owner ? [teamsUserId] : [] };
}

export async function generationCard(
  b: BotContext,
  user: BotUser,
  g: GenerationView,
  viewer: Viewer,
  gaveUpWaiting = false,
): Promise<IAdaptiveCard> {
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
      });
    }
    case 'pending_approval': {
      const approvers = g.approval ? await approverNames(b, user, g.approval.id) : [];
      return pendingApprovalCard({ generation: g, approvers, viewer });
    }
    case 'queued':
    case 'running':
      return gaveUpWaiting ? stillWorkingCard(g, b.deps.galleryUrl(g.id)) : workingCard(g, viewer);
    default:
      return generationFailedCard(g);
  }
}

async function approverNames(b: BotContext, user: BotUser, approvalId: string): Promise<string[]> {
  try {
    return (await b.deps.getApproval(user, approvalId)).approvers.map((a) => a.displayName);
  } catch (err) {
    // Someone other than the requester may not read the approval; the card then names no one.
    if (asProblem(err)?.status === 403) return [];
    throw err;
  }
}
