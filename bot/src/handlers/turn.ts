// Who is speaking and where, read from the authenticated activity (never from card data).
import { createHash } from 'node:crypto';
import type { Activity } from '@microsoft/teams.api';
import { MessageActivityInput } from '@microsoft/teams.api';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import type { StoredConversation } from '../deps.ts';

export interface Turn {
  tenantId: string | null;
  aadObjectId: string | null;
  /** The user's Teams id (MRI). */
  userId: string;
  conversationId: string;
  personal: boolean;
  activityId: string;
  serviceUrl: string;
  botId: string;
  channelId: string;
}

export function turnOf(a: Activity): Turn {
  return {
    tenantId: a.conversation.tenantId ?? a.channelData?.tenant?.id ?? null,
    aadObjectId: a.from.aadObjectId ?? null,
    userId: a.from.id,
    conversationId: a.conversation.id,
    personal: (a.conversation.conversationType ?? 'personal') === 'personal',
    activityId: a.id,
    serviceUrl: a.serviceUrl ?? '',
    botId: a.recipient.id,
    channelId: a.channelId,
  };
}

/**
 * The Idempotency-Key for a generation started by this activity. Teams redelivers an activity with the same
 * id in the same conversation, so a retried or duplicated message never generates (or charges) twice.
 */
export function idempotencyKey(t: Turn): string {
  const h = createHash('sha256').update(`${t.conversationId}\n${t.activityId}`).digest('base64url');
  return `teams:${h}`;
}

export function conversationOf(t: Turn): StoredConversation | null {
  if (!t.tenantId || !t.aadObjectId || !t.personal) return null;
  return {
    conversationId: t.conversationId,
    serviceUrl: t.serviceUrl,
    channelId: t.channelId,
    tenantId: t.tenantId,
    userId: t.userId,
    aadObjectId: t.aadObjectId,
    botId: t.botId,
  };
}

export function cardMessage(card: IAdaptiveCard): MessageActivityInput {
  return new MessageActivityInput().addCard('adaptive', card);
}
