// /imagine: quote, start (idempotent on the Teams activity), answer at once with the quote and progress,
// then update that same message when the image is ready. The turn returns after the first card; the wait
// runs in the background because Teams retries turns that take more than a few seconds.
import type { EstimateView, GenerationRequest, GenerationView } from '@donatello/contracts';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import type { BotUser } from '../deps.ts';
import { asProblem } from '../problems.ts';
import type { ImagineInput } from '../commands/parse.ts';
import { explainProblem } from '../cards/explain.ts';
import { failureCard, quotedProgressCard } from '../cards/generation.ts';
import type { BotContext } from './context.ts';
import type { Reply } from './reply.ts';
import { generationCard, viewerOf } from './views.ts';

export function toRequest(input: ImagineInput): GenerationRequest {
  return {
    prompt: input.prompt,
    model: input.model ?? 'auto',
    size: input.size,
    quality: input.quality,
    n: input.n,
    purpose: 'internal',
    ...(input.style ? { style: input.style } : {}),
  };
}

/** A refusal becomes a card; anything unexpected is rethrown for the caller's error card and log. */
async function refuse(reply: Reply, err: unknown, prompt?: string): Promise<void> {
  const p = asProblem(err);
  if (!p) throw err;
  // A blocked prompt is not echoed back: it holds what the checks flagged.
  const shown = p.code === 'prompt-blocked' ? undefined : prompt;
  await reply.send(failureCard({ ...(shown ? { prompt: shown } : {}), explanation: explainProblem(p) }));
}

export async function imagine(
  b: BotContext,
  reply: Reply,
  user: BotUser,
  req: GenerationRequest,
  key: string,
  teamsUserId: string,
): Promise<void> {
  let quote: EstimateView;
  let started: { generation: GenerationView; replayed: boolean };
  try {
    quote = await b.deps.estimate(user, req);
    started = await b.deps.generate(user, req, key);
  } catch (err) {
    await refuse(reply, err, req.prompt);
    return;
  }
  const g = started.generation;
  if (started.replayed) {
    // The same activity again (a Teams retry): the first delivery owns the card; nothing is generated twice.
    b.log.info({ generationId: g.id }, 'duplicate activity; generation already started');
    return;
  }
  const activityId = await reply.send(await firstCard(b, reply, user, g, quote, teamsUserId));
  await afterPosting(b, reply, user, g, activityId, teamsUserId);
}

/** Queued or running: a card for it still has an update to come. */
export const inProgress = (g: GenerationView) => g.status === 'queued' || g.status === 'running';

/** The card a generation starts with: the quote and progress while it runs, else how it already ended. */
export async function firstCard(
  b: BotContext,
  reply: Reply,
  user: BotUser,
  g: GenerationView,
  quote: EstimateView,
  teamsUserId: string,
): Promise<IAdaptiveCard> {
  const viewer = viewerOf(user, g, teamsUserId, reply.shared);
  return inProgress(g) ? quotedProgressCard(g, quote, viewer) : generationCard(b, user, g, viewer);
}

/** Once a generation's card is out (/imagine, the message extension): record where it is, then follow it. */
export async function afterPosting(
  b: BotContext,
  reply: Reply,
  user: BotUser,
  g: GenerationView,
  activityId: string,
  teamsUserId: string,
): Promise<void> {
  await rememberCard(b, reply, user, g.id, activityId, teamsUserId);
  if (inProgress(g)) {
    follow(b, reply, user, g.id, activityId, teamsUserId);
    return;
  }
  if (g.status !== 'pending_approval') return;
  // An approver may have decided between the card going out and its record being saved, in which case the
  // notifier found no card to update. Look once more; if it has moved on, bring the card up to date.
  const now = await b.deps.getGeneration(user, g.id);
  if (now.status !== 'pending_approval') follow(b, reply, user, g.id, activityId, teamsUserId);
}

/**
 * Records where a generation's card lives, durably: an approver's decision arrives later, through another
 * turn and perhaps another instance, and updates this card in place. Call it after posting any generation
 * card. The card is already out, so a failure here only costs that update (the owner's refresh still catches
 * up); it is logged, not thrown.
 */
export async function rememberCard(
  b: BotContext,
  reply: Reply,
  user: BotUser,
  generationId: string,
  activityId: string,
  teamsUserId: string,
): Promise<void> {
  if (!reply.conversation) return;
  const { id: conversationId, serviceUrl } = reply.conversation;
  try {
    await b.deps.saveGenerationCard(user.tenantId, generationId, {
      conversationId,
      activityId,
      userId: teamsUserId,
      serviceUrl,
    });
  } catch (err) {
    b.log.error({ err, generationId }, 'could not record where the generation card is');
  }
}

/** Waits for the generation in the background, then updates the card in place with how it ended. */
export function follow(
  b: BotContext,
  reply: Reply,
  user: BotUser,
  generationId: string,
  activityId: string,
  teamsUserId: string,
): void {
  b.tasks.run(`follow ${generationId}`, async (signal) => {
    const g = await b.deps.waitForGeneration(user, generationId, b.followMs, signal);
    if (signal.aborted && inProgress(g)) return; // the refresh catches up
    const card = await generationCard(b, user, g, viewerOf(user, g, teamsUserId, reply.shared), true);
    await reply.update(activityId, card);
  });
}
