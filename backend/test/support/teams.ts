// Bot Framework activities as Teams sends them, posted to the real host's /api/messages (development mode:
// no token check). Replies go to the activity's serviceUrl, which tests point at the fake connector.
import { randomUUID } from 'node:crypto';
import { startConnector, type FakeConnector } from '../fakes/bot-connector.ts';
import { startTestHost, type TestHost } from './host.ts';

export interface TeamsUser {
  name: string;
  /** Entra object id. */
  oid: string;
  /** Teams user id (MRI). */
  mri: string;
}

export const BOT = { id: '28:donatello-bot', name: 'DonatelloAI' };

export function teamsUsers(users: { name: string; objectId: string }[]): Record<string, TeamsUser> {
  return Object.fromEntries(
    users.map((u) => [u.name, { name: u.name, oid: u.objectId, mri: `29:${u.name}` }]),
  );
}

export interface Conversation {
  id: string;
  type: 'personal' | 'groupChat' | 'channel';
}

export const personalChat = (u: TeamsUser): Conversation => ({
  id: `a:personal-${u.name}`,
  type: 'personal',
});

export function activity(
  host: TestHost,
  serviceUrl: string,
  from: TeamsUser,
  conversation: Conversation,
  fields: Record<string, unknown>,
) {
  const tenantId = host.config.identity.dev.tenantId;
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'en-AU',
    from: { id: from.mri, aadObjectId: from.oid, name: from.name },
    recipient: BOT,
    conversation: { id: conversation.id, conversationType: conversation.type, tenantId },
    channelData: { tenant: { id: tenantId } },
    ...fields,
  };
}

export const message = (host: TestHost, serviceUrl: string, from: TeamsUser, c: Conversation, text: string) =>
  activity(host, serviceUrl, from, c, { type: 'message', text, textFormat: 'plain' });

export const cardAction = (
  host: TestHost,
  serviceUrl: string,
  from: TeamsUser,
  c: Conversation,
  replyToId: string,
  verb: string,
  data: Record<string, string>,
) =>
  activity(host, serviceUrl, from, c, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', verb, data } },
  });

export async function post(host: TestHost, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${host.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Every text on a card, for assertions about what a person reads. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of ['text', 'title', 'value', 'altText']) if (typeof o[k] === 'string') out.push(o[k]);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out.join('\n');
}

export interface BotTestbed {
  host: TestHost;
  /** Where the bot's messages go: BOT_DEV_SERVICE_URL, and the serviceUrl of the activities tests send. */
  connector: FakeConnector;
  /** The seeded users as Teams sees them. */
  u: Record<string, TeamsUser>;
  /** Dev access tokens for the REST API, by user name. */
  t: Record<string, string>;
  stop(): Promise<void>;
}

/** The real host in development mode with a fake connector, rate limits out of the way, and tokens ready. */
export async function startBotTestbed(
  tokensFor: string[],
  env: Record<string, string> = {},
): Promise<BotTestbed> {
  const connector = await startConnector();
  const host = await startTestHost({
    BOT_DEV_SERVICE_URL: connector.url,
    RATE_LIMITS: 'standard_user=1000,power_user=1000,dept_manager=1000,org_admin=1000',
    ...env,
  });
  const u = teamsUsers((await host.call('GET', '/dev/users')).body.users);
  const t: Record<string, string> = {};
  for (const name of tokensFor) t[name] = await host.token(name);
  return {
    host,
    connector,
    u,
    t,
    stop: async () => {
      await host.stop();
      await connector.stop();
    },
  };
}
