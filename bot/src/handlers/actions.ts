// Action.Execute (adaptiveCard/action invokes). The card data carries only an id; who clicked is the
// authenticated activity's user. The answer is the card to show in place of the clicked one.
import type { GenerationRequest, GenerationView } from '@donatello/contracts';
import type { AdaptiveCardActionResponse } from '@microsoft/teams.api';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import type { BotUser } from '../deps.ts';
import { asProblem } from '../problems.ts';
import { VERBS } from '../cards/kit.ts';
import { deletedCard } from '../cards/generation.ts';
import { explainProblem } from '../cards/explain.ts';
import { NOT_SET_UP } from '../cards/unknown-user.ts';
import type { BotContext } from './context.ts';
import { approvalAction } from './approval-actions.ts';
import { imagine } from './imagine.ts';
import { userOf } from './messages.ts';
import type { Reply } from './reply.ts';
import { idempotencyKey, type Turn } from './turn.ts';
import { generationCard, viewerOf } from './views.ts';

export const cardResponse = (value: IAdaptiveCard): AdaptiveCardActionResponse => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.card.adaptive',
  value,
});

/** A message instead of a card: the clicked card stays as it is. */
export const messageResponse = (value: string): AdaptiveCardActionResponse => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.activity.message',
  value,
});

const badRequest = (message: string): AdaptiveCardActionResponse => ({
  statusCode: 400,
  type: 'application/vnd.microsoft.error',
  value: { code: 'BadRequest', message, innerHttpError: { statusCode: 400, body: null } },
});

export interface Clicked {
  verb: string;
  data: Record<string, unknown>;
  /** The message that holds the clicked card. */
  messageId: string | null;
}

export async function onCardAction(
  b: BotContext,
  t: Turn,
  clicked: Clicked,
  reply: Reply,
): Promise<AdaptiveCardActionResponse> {
  const user = await userOf(b, t);
  if (!user) return messageResponse(NOT_SET_UP);
  const id = (key: string) => {
    const v = clicked.data[key];
    return typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v) ? v : null;
  };
  try {
    switch (clicked.verb) {
      case VERBS.approve:
      case VERBS.reject:
      case VERBS.approvalRefresh: {
        const approvalId = id('approvalId');
        if (!approvalId) return badRequest('approvalId is missing');
        return cardResponse(await approvalAction(b, user, clicked.verb, approvalId));
      }
      case VERBS.generationRefresh: {
        const generationId = id('generationId');
        if (!generationId) return badRequest('generationId is missing');
        const g = await visible(b, user, generationId);
        // Deleted since (or never visible to this viewer): the card says so instead of showing an error.
        if (!g) return cardResponse(deletedCard());
        return cardResponse(await generationCard(b, user, g, viewerOf(user, g, t.userId)));
      }
      case VERBS.regenerate: {
        const generationId = id('generationId');
        if (!generationId) return badRequest('generationId is missing');
        return await regenerate(b, t, user, generationId, reply);
      }
      case VERBS.remove: {
        const generationId = id('generationId');
        if (!generationId) return badRequest('generationId is missing');
        await b.deps.deleteGeneration(user, generationId);
        const card = deletedCard(user.displayName);
        // Everyone in the conversation sees the deletion, not only the person who clicked.
        if (clicked.messageId) await reply.update(clicked.messageId, card);
        return cardResponse(card);
      }
      default:
        return badRequest(`Unknown action "${clicked.verb}"`);
    }
  } catch (err) {
    const p = asProblem(err);
    if (!p) throw err;
    const e = explainProblem(p);
    return messageResponse(`${e.title}. ${e.text}`);
  }
}

async function visible(b: BotContext, user: BotUser, id: string): Promise<GenerationView | null> {
  try {
    return await b.deps.getGeneration(user, id);
  } catch (err) {
    if (asProblem(err)?.status === 404) return null;
    throw err;
  }
}

/** Same prompt and settings, as a new generation for whoever clicked, in a new card. */
async function regenerate(
  b: BotContext,
  t: Turn,
  user: BotUser,
  generationId: string,
  reply: Reply,
): Promise<AdaptiveCardActionResponse> {
  const g = await b.deps.getGeneration(user, generationId);
  const req: GenerationRequest = {
    prompt: g.prompt,
    model: g.model ?? 'auto',
    size: g.size as GenerationRequest['size'],
    quality: g.quality,
    n: g.n,
    purpose: g.purpose,
    ...(g.negativePrompt ? { negativePrompt: g.negativePrompt } : {}),
    ...(g.style ? { style: g.style } : {}),
  };
  await imagine(b, reply, user, req, idempotencyKey(t), t.userId);
  return messageResponse('Creating a new version: a new card is on its way.');
}
