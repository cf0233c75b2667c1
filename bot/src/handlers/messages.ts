// Chat messages: personal chats, and @mentions in group chats and channels. The user is the activity's
// aadObjectId within its tenant; people the product does not know get a friendly card.
import type { BotUser } from '../deps.ts';
import { parseCommand } from '../commands/parse.ts';
import { budgetCard } from '../cards/budget.ts';
import { helpCard } from '../cards/help.ts';
import { historyCard } from '../cards/history.ts';
import { failureCard } from '../cards/generation.ts';
import { explain, explainProblem } from '../cards/explain.ts';
import { unknownUserCard } from '../cards/unknown-user.ts';
import { asProblem } from '../problems.ts';
import type { BotContext } from './context.ts';
import { imagine, toRequest } from './imagine.ts';
import type { Reply } from './reply.ts';
import { conversationOf, idempotencyKey, type Turn } from './turn.ts';

const HISTORY_SIZE = 8;

export async function userOf(b: BotContext, t: Turn): Promise<BotUser | null> {
  if (!t.tenantId || !t.aadObjectId) return null;
  return b.deps.resolveUser(t.tenantId, t.aadObjectId);
}

export async function onMessage(b: BotContext, t: Turn, text: string, reply: Reply): Promise<void> {
  const user = await userOf(b, t);
  if (!user) {
    await reply.send(unknownUserCard());
    return;
  }
  // The 1:1 chat is where approvals and alerts reach this person later.
  const conversation = conversationOf(t);
  if (conversation) await b.deps.saveConversation(user.tenantId, user.objectId, conversation);
  try {
    await run(b, t, user, text, reply);
  } catch (err) {
    const p = asProblem(err);
    if (!p) {
      b.log.error({ err }, 'bot command failed');
      await reply.send(failureCard({ explanation: explain('internal') }));
      return;
    }
    await reply.send(failureCard({ explanation: explainProblem(p) }));
  }
}

async function run(b: BotContext, t: Turn, user: BotUser, text: string, reply: Reply): Promise<void> {
  const cmd = parseCommand(text);
  switch (cmd.kind) {
    case 'imagine':
      await imagine(b, reply, user, toRequest(cmd.input), idempotencyKey(t), t.userId);
      return;
    case 'invalid':
      await reply.send(failureCard({ explanation: explain('validation-failed', cmd.message) }));
      return;
    case 'budget':
      await reply.send(budgetCard(await b.deps.budget(user)));
      return;
    case 'history': {
      const items = await b.deps.history(user, HISTORY_SIZE);
      await reply.send(historyCard(items, b.deps.galleryUrl()));
      return;
    }
    case 'help':
      await reply.send(helpCard({ ...(cmd.unknown ? { unknown: cmd.unknown } : {}), group: !t.personal }));
      return;
  }
}
