// A stand-in for the Bot Framework connector (the `serviceUrl` of Teams activities), following its REST API:
// POST /v3/conversations/{conversationId}/activities sends a message and answers {id};
// PUT /v3/conversations/{conversationId}/activities/{activityId} replaces one; POST .../{activityId} replies.
// It records what the bot sent, so tests can read the cards.
import { listen, record, sendJson } from './common.ts';

export interface ConnectorCall {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** The message updated (PUT) or replied to; absent for a new message. */
  activityId?: string;
  /** The id the connector gave a new message. */
  id: string;
  activity: any;
  authorization?: string;
}

export interface FakeConnector {
  url: string;
  calls: ConnectorCall[];
  /** Calls for one conversation, in order. */
  in(conversationId: string): ConnectorCall[];
  /** The first adaptive card of a call. */
  card(call: ConnectorCall | undefined): any;
  /** Conversations the bot is not a member of: sending there gets Teams' 403 BotNotInConversationRoster. */
  notMemberOf: Set<string>;
  /** Runs after a call is recorded and before it is answered: a test can make things happen meanwhile. */
  hooks: { beforeAnswer: ((call: ConnectorCall) => Promise<void>) | null };
  stop(): Promise<void>;
}

export async function startConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const notMemberOf = new Set<string>();
  const hooks: FakeConnector['hooks'] = { beforeAnswer: null };
  let n = 0;
  const l = await listen(async (req, res) => {
    const r = await record(req);
    const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(r.path);
    if (!m || (r.method !== 'POST' && r.method !== 'PUT')) {
      sendJson(res, 404, { error: { code: 'NotFound', message: `${r.method} ${r.path}` } });
      return;
    }
    const conversationId = decodeURIComponent(m[1]!);
    if (notMemberOf.has(conversationId)) {
      sendJson(res, 403, {
        error: {
          code: 'BotNotInConversationRoster',
          message: 'The bot is not part of the conversation roster.',
        },
      });
      return;
    }
    const activityId = m[2] ? decodeURIComponent(m[2]) : undefined;
    const id = r.method === 'PUT' && activityId ? activityId : `activity-${++n}`;
    const call: ConnectorCall = {
      method: r.method,
      conversationId,
      ...(activityId ? { activityId } : {}),
      id,
      activity: r.body,
      ...(r.headers.authorization ? { authorization: r.headers.authorization } : {}),
    };
    calls.push(call);
    await hooks.beforeAnswer?.(call);
    sendJson(res, r.method === 'PUT' ? 200 : 201, { id });
  });
  return {
    url: l.url,
    calls,
    notMemberOf,
    hooks,
    in: (conversationId) => calls.filter((c) => c.conversationId === conversationId),
    card: (call) =>
      call?.activity?.attachments?.find(
        (a: { contentType?: string }) => a.contentType === 'application/vnd.microsoft.card.adaptive',
      )?.content,
    stop: () => l.stop(),
  };
}
