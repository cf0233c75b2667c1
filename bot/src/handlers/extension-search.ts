// "Find image" (composeExtension/query): the person's own finished images whose prompt contains the search
// words, newest first, as thumbnails to insert. Teams gives up on a search after 5 seconds, so this reads the
// store only (no provider is ever called) and answers with a message instead of nothing when it runs late.
import type { MessagingExtensionQuery, MessagingExtensionResponse } from '@microsoft/teams.api';
import { foundImageAttachment } from '../cards/found-image.ts';
import { explainProblem } from '../cards/explain.ts';
import { NOT_SET_UP } from '../cards/unknown-user.ts';
import { asProblem } from '../problems.ts';
import type { BotContext } from './context.ts';
import { userOf } from './messages.ts';
import type { Turn } from './turn.ts';

export const FIND_IMAGE = 'findImage';
const PAGE = 10;
/** Teams' limit is 5 s end to end; leave room for the network. */
export const SEARCH_DEADLINE_MS = 4000;

const message = (text: string): MessagingExtensionResponse => ({
  composeExtension: { type: 'message', text },
});

/** The search words, or null for "show my latest" (the initial run, or an empty box). */
export function searchWords(q: MessagingExtensionQuery): string | null {
  const p = q.parameters?.find((x) => x.name === 'query') ?? q.parameters?.[0];
  if (!p || p.name === 'initialRun') return null;
  const words = typeof p.value === 'string' ? p.value.trim().slice(0, 200) : '';
  return words || null;
}

function paging(q: MessagingExtensionQuery): { skip: number; count: number } {
  const n = (v: unknown, fallback: number, max: number) =>
    Number.isInteger(v) && (v as number) >= 0 ? Math.min(v as number, max) : fallback;
  return { skip: n(q.queryOptions?.skip, 0, 90), count: Math.max(1, n(q.queryOptions?.count, PAGE, 25)) };
}

export async function onSearch(
  b: BotContext,
  t: Turn,
  q: MessagingExtensionQuery,
  deadlineMs = SEARCH_DEADLINE_MS,
): Promise<MessagingExtensionResponse> {
  // Teams always names the command; a local client may leave it out, and this is the only search there is.
  if (q.commandId && q.commandId !== FIND_IMAGE)
    return message(`Unknown search "${String(q.commandId).slice(0, 40)}".`);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<MessagingExtensionResponse>((resolve) => {
    timer = setTimeout(
      () => resolve(message('The search is taking too long right now. Try again in a moment.')),
      deadlineMs,
    );
  });
  try {
    return await Promise.race([search(b, t, q), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function search(
  b: BotContext,
  t: Turn,
  q: MessagingExtensionQuery,
): Promise<MessagingExtensionResponse> {
  const user = await userOf(b, t);
  if (!user) return message(NOT_SET_UP);
  const words = searchWords(q);
  const { skip, count } = paging(q);
  let found;
  try {
    found = (await b.deps.searchGallery(user, words, skip + count)).slice(skip);
  } catch (err) {
    const p = asProblem(err);
    if (!p) throw err;
    const e = explainProblem(p);
    return message(`${e.title}. ${e.text}`);
  }
  const withImages = found.filter((g) => g.images.length > 0);
  if (!withImages.length && skip === 0)
    return message(words ? `No images of yours match "${words}".` : 'You have no images yet. Try /imagine.');
  return {
    composeExtension: {
      type: 'result',
      attachmentLayout: 'list',
      attachments: withImages.map((g) =>
        foundImageAttachment({
          generation: g,
          imageUrl: b.deps.signedImageUrl(user.tenantId, g.images[0]!.id),
          thumbnailUrl: b.deps.signedImageUrl(user.tenantId, g.images[0]!.id, 'thumbnail'),
          galleryUrl: b.deps.galleryUrl(g.id),
        }),
      ),
    },
  };
}
