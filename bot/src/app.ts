// The Teams app (Teams SDK v2) on an Express application the host mounts, so /api/messages is served by the
// backend's own server, before its 404 handler. Production checks Bot Framework tokens (401 without one);
// development skips them and sends proactive messages to a local connector such as the Agents Playground.
import { stripMentionsText } from '@microsoft/teams.api';
import { App, ExpressAdapter } from '@microsoft/teams.apps';
import type { Logger } from 'pino';
import type { BotAuth, BotDeps, BotNotification } from './deps.ts';
import { helpCard } from './cards/help.ts';
import { onCardAction } from './handlers/actions.ts';
import { onCreateOpen, onCreateSubmit, unexpected } from './handlers/extension-create.ts';
import { onSearch } from './handlers/extension-search.ts';
import type { BotContext } from './handlers/context.ts';
import { onMessage, userOf } from './handlers/messages.ts';
import { replyVia } from './handlers/reply.ts';
import { conversationOf, turnOf } from './handlers/turn.ts';
import { sdkLogger } from './logger.ts';
import { TeamsNotifier } from './notifier.ts';
import { BackgroundTasks } from './tasks.ts';

export type BotHttp = ConstructorParameters<typeof ExpressAdapter>[0];

export interface CreateBotOptions {
  deps: BotDeps;
  log: Logger;
  auth: BotAuth;
  /** The Express application the host mounts; the bot adds POST /api/messages to it. */
  http: BotHttp;
  /** How long a card waits for its image before saying "still working" (default 5 minutes). */
  followMs?: number;
}

export interface Bot {
  app: App;
  notifier: { notify(n: BotNotification): Promise<void> };
  /** Resolves when no card update is pending. */
  idle(): Promise<void>;
  /** Stops waiting for images; cards left behind catch up through their refresh. */
  stop(): Promise<void>;
}

const PUBLIC_SERVICE_URL = 'https://smba.trafficmanager.net/teams';

/** An unsigned token-shaped string: the local connector accepts any bearer token, but the SDK parses it. */
function devToken(appId: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ aud: appId, iss: 'donatello-dev', exp: 4_102_444_800 })}.dev`;
}

function authOptions(auth: BotAuth) {
  if (auth.mode === 'credentials') {
    return {
      clientId: auth.appId,
      clientSecret: auth.password,
      ...(auth.tenantId ? { tenantId: auth.tenantId } : {}),
      serviceUrl: PUBLIC_SERVICE_URL,
      dangerouslyAllowUnauthenticatedRequests: false,
    };
  }
  if (auth.mode === 'managed-identity') {
    // The Teams SDK uses a user-assigned managed identity when there is no secret and the managed identity's
    // client id is the app id (a UserAssignedMSI bot registration).
    return {
      clientId: auth.appId,
      managedIdentityClientId: auth.appId,
      tenantId: auth.tenantId,
      serviceUrl: PUBLIC_SERVICE_URL,
      dangerouslyAllowUnauthenticatedRequests: false,
    };
  }
  const token = devToken(auth.appId);
  return {
    clientId: auth.appId,
    token: async () => token,
    serviceUrl: auth.serviceUrl,
    dangerouslyAllowUnauthenticatedRequests: true,
  };
}

export async function createBot(o: CreateBotOptions): Promise<Bot> {
  const logger = sdkLogger(o.log.child({ component: 'teams-sdk' }));
  const tasks = new BackgroundTasks(o.log);
  const b: BotContext = { deps: o.deps, log: o.log, tasks, followMs: o.followMs ?? 5 * 60_000 };
  const app = new App({
    httpServerAdapter: new ExpressAdapter(o.http, { logger }),
    logger,
    ...authOptions(o.auth),
  });

  app.on('message', async (ctx) => {
    const text = stripMentionsText(ctx.activity, { accountId: ctx.activity.recipient.id }) ?? '';
    await onMessage(b, turnOf(ctx.activity), text, replyVia(ctx));
  });

  app.on('card.action', async (ctx) => {
    const action = ctx.activity.value.action;
    return onCardAction(
      b,
      turnOf(ctx.activity),
      { verb: action.verb ?? '', data: action.data ?? {}, messageId: ctx.activity.replyToId ?? null },
      replyVia(ctx),
    );
  });

  // Message extension. An invoke must answer, so a failure becomes a message in the dialog, not a 500.
  const answer = async <T>(what: string, work: () => Promise<T>, fallback: () => T): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      o.log.error({ err }, `${what} failed`);
      return fallback();
    }
  };
  app.on('message.ext.query', (ctx) =>
    answer(
      'find image search',
      () => onSearch(b, turnOf(ctx.activity), ctx.activity.value),
      () => ({ composeExtension: { type: 'message', text: 'The search failed. Please try again.' } }),
    ),
  );
  app.on('message.ext.open', (ctx) =>
    answer('create image form', () => onCreateOpen(b, turnOf(ctx.activity), ctx.activity.value), unexpected),
  );
  app.on('message.ext.submit', (ctx) =>
    answer(
      'create image submit',
      () => onCreateSubmit(b, turnOf(ctx.activity), ctx.activity.value, replyVia(ctx)),
      unexpected,
    ),
  );

  app.on('install.add', async (ctx) => {
    const t = turnOf(ctx.activity);
    const user = await userOf(b, t);
    const conversation = conversationOf(t);
    if (user && conversation) await o.deps.saveConversation(user.tenantId, user.objectId, conversation);
    await ctx.send(helpCard({ group: !t.personal }));
  });

  app.event('error', ({ error }) => o.log.error({ err: error }, 'teams bot error'));

  await app.initialize();
  const notifier = new TeamsNotifier(app, b);
  return { app, notifier, idle: () => tasks.idle(), stop: () => tasks.stop() };
}
