// Sending and updating cards in the conversation of the current activity. Updates go through the
// conversation activities API (PUT /v3/conversations/{id}/activities/{activityId}) and may run after the
// turn has ended.
import type { Client as ApiClient } from '@microsoft/teams.api';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { cardMessage } from './turn.ts';

export interface Reply {
  /** Posts a card; returns the new message's activity id. */
  send(card: IAdaptiveCard): Promise<string>;
  update(activityId: string, card: IAdaptiveCard): Promise<void>;
  /** Where the cards go, when known: recorded with a generation's card so others can update it later. */
  readonly conversation?: { id: string; serviceUrl: string };
  /** A group chat or channel: everyone there sees the same card, so it is drawn for nobody in particular. */
  readonly shared: boolean;
}

interface SendingContext {
  send(activity: ReturnType<typeof cardMessage>): Promise<{ id: string }>;
  api: ApiClient;
  activity: { conversation: { id: string; conversationType?: string }; serviceUrl?: string };
}

export function replyVia(ctx: SendingContext): Reply {
  const conversationId = ctx.activity.conversation.id;
  const api = ctx.api;
  return {
    conversation: { id: conversationId, serviceUrl: ctx.activity.serviceUrl ?? '' },
    shared: (ctx.activity.conversation.conversationType ?? 'personal') !== 'personal',
    send: async (card) => (await ctx.send(cardMessage(card))).id,
    update: async (activityId, card) => {
      await api.conversations.updateActivity(conversationId, activityId, cardMessage(card));
    },
  };
}
