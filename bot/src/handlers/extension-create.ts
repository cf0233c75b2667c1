// "Create image" (composeExtension/fetchTask and submitAction): a form with the live quote; "Check price"
// quotes again, "Create" starts the generation and posts its card into the conversation, where it updates
// to the image like an /imagine card. No invoke waits on a provider: Create returns once the job is queued.
import type { GenerationRequest, GenerationView } from '@donatello/contracts';
import type { MessagingExtensionAction, MessagingExtensionActionResponse } from '@microsoft/teams.api';
import {
  createFormCard,
  DEFAULT_FORM,
  FORM_INTENTS,
  type FormValues,
  type QuoteState,
} from '../cards/create-form.ts';
import { explain, explainProblem } from '../cards/explain.ts';
import { NOT_SET_UP } from '../cards/unknown-user.ts';
import type { BotUser } from '../deps.ts';
import { asProblem } from '../problems.ts';
import type { BotContext } from './context.ts';
import { afterPosting, firstCard } from './imagine.ts';
import { userOf } from './messages.ts';
import type { Reply } from './reply.ts';
import { idempotencyKey, type Turn } from './turn.ts';

export const CREATE_IMAGE = 'createImage';

const taskMessage = (value: string): MessagingExtensionActionResponse => ({
  task: { type: 'message', value },
});
/**
 * The answer to Create: a short message in the dialog rather than no body. Teams would also close the dialog on
 * an empty answer, but a message confirms what happened (and the Agents Playground requires one).
 */
const STARTED = taskMessage(
  "Creating your image: its card is in the conversation and updates when it's ready.",
);

function form(values: FormValues, models: { id: string; name: string }[], state: QuoteState) {
  return {
    task: {
      type: 'continue' as const,
      value: {
        title: 'Create image',
        width: 'medium' as const,
        height: 'large' as const,
        card: {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: createFormCard({ values, models, state }),
        },
      },
    },
  };
}

/** Plain text of a Teams message (its body is HTML in channels and chats), to seed the prompt. */
export function messageText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/li)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 4000);
}

/** The form's values as submitted; anything unexpected falls back to the default (the form offers no other). */
export function formValues(data: unknown): FormValues {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const str = (k: string) => (typeof d[k] === 'string' ? d[k] : '');
  const size = str('size');
  const model = str('model');
  return {
    prompt: str('prompt').slice(0, 4000),
    size: ['1024x1024', '1792x1024', '1024x1792'].includes(size) ? size : DEFAULT_FORM.size,
    quality: str('quality') === 'hd' ? 'hd' : 'standard',
    model: /^(auto|[a-z0-9][a-z0-9.-]{1,63})$/.test(model) ? model : DEFAULT_FORM.model,
  };
}

function requestOf(v: FormValues): GenerationRequest {
  return {
    prompt: v.prompt,
    model: v.model,
    size: v.size as GenerationRequest['size'],
    quality: v.quality,
    n: 1,
    purpose: 'internal',
  };
}

/** Teams always names the command; a local client may leave it out, and this is the only action there is. */
const isCreate = (a: MessagingExtensionAction) => !a.commandId || a.commandId === CREATE_IMAGE;

async function quoteOf(b: BotContext, user: BotUser, v: FormValues): Promise<QuoteState> {
  if (!v.prompt.trim()) return { kind: 'empty' };
  try {
    return { kind: 'quote', quote: await b.deps.estimate(user, requestOf(v)) };
  } catch (err) {
    const p = asProblem(err);
    if (!p) throw err;
    return { kind: 'problem', explanation: explainProblem(p) };
  }
}

export async function onCreateOpen(
  b: BotContext,
  t: Turn,
  action: MessagingExtensionAction,
): Promise<MessagingExtensionActionResponse> {
  if (!isCreate(action)) return taskMessage('This command is not available.');
  const user = await userOf(b, t);
  if (!user) return taskMessage(NOT_SET_UP);
  const body = action.commandContext === 'message' ? action.messagePayload?.body?.content : undefined;
  const values = { ...DEFAULT_FORM, prompt: body ? messageText(body) : '' };
  return form(values, b.deps.models(), await quoteOf(b, user, values));
}

export async function onCreateSubmit(
  b: BotContext,
  t: Turn,
  action: MessagingExtensionAction,
  reply: Reply,
): Promise<MessagingExtensionActionResponse> {
  if (!isCreate(action)) return taskMessage('This command is not available.');
  const user = await userOf(b, t);
  if (!user) return taskMessage(NOT_SET_UP);
  const values = formValues(action.data);
  const intent = (action.data as { intent?: unknown } | undefined)?.intent;
  const state = await quoteOf(b, user, values);
  if (intent !== FORM_INTENTS.create || state.kind !== 'quote' || state.quote.decision === 'deny')
    return form(values, b.deps.models(), state);

  let g: GenerationView;
  try {
    const started = await b.deps.generate(user, requestOf(values), idempotencyKey(t));
    // A retried submit (same invoke activity): the first delivery posted the card.
    if (started.replayed) return STARTED;
    g = started.generation;
  } catch (err) {
    const p = asProblem(err);
    if (!p) throw err;
    return form(values, b.deps.models(), { kind: 'problem', explanation: explainProblem(p) });
  }
  const first = await firstCard(b, reply, user, g, state.quote, t.userId);
  let activityId: string;
  try {
    activityId = await reply.send(first);
  } catch (err) {
    // The bot is not in this conversation (a chat it was never added to): insert the card into the compose
    // box instead. Its refresh brings it up to date for the owner when the image is ready.
    b.log.warn({ err, generationId: g.id }, 'could not post into the conversation; inserting the card');
    return {
      composeExtension: {
        type: 'result',
        attachmentLayout: 'list',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: first }],
      },
    };
  }
  await afterPosting(b, reply, user, g, activityId, t.userId);
  return STARTED;
}

/** For the form's own failures that are not problems (kept apart so the handler stays readable). */
export const unexpected = () => taskMessage(`${explain('internal').title}. ${explain('internal').text}`);
