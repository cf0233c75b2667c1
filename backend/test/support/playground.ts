// End-to-end harness: the real backend process plus the Microsoft 365 Agents Playground pointed at its bot
// endpoint, on free ports, with the generated config (the seeded users). Tests talk to the bot the way Teams
// does, through the Playground's HTTP and WebSocket API (FACTS.md): messages in, bot messages out on the socket.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { startBackend, type BackendProcess } from './backend-process.ts';
import { freePort } from './servers.ts';
import { testFetch } from './http.ts';
import { scaled } from './timing.ts';
import { startPlayground, type PlaygroundProcess } from '../../../scripts/playground.ts';
import { PLAYGROUND_BOT_NAME, personalChatId, playgroundUserId } from '../../../scripts/playground-config.ts';

/** One event from the conversation stream: a message the bot sent or updated. */
export interface StreamEvent {
  /** 'createMessage' or 'updateMessage'. */
  action: string;
  /** performance.now() when the event reached this process (benchmarks time cards with it). */
  receivedAt: number;
  actionConversationId: string;
  message: {
    messageId: string;
    from: { id: string };
    text?: string;
    attachments?: { contentType: string; content: any }[];
    [key: string]: unknown;
  };
}

/** The bot's side of the conversation, read from ws://…/_ws_conversation/v1/conversations/stream. */
export class BotStream {
  readonly events: StreamEvent[] = [];
  private readonly socket: WebSocket;
  private readonly waiters = new Set<() => void>();

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.addEventListener('message', (e) => {
      const receivedAt = performance.now();
      this.events.push({ ...(JSON.parse(String(e.data)) as Omit<StreamEvent, 'receivedAt'>), receivedAt });
      for (const wake of this.waiters) wake();
    });
  }

  static async open(port: number): Promise<BotStream> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/_ws_conversation/v1/conversations/stream`);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error('conversation stream did not open')), {
        once: true,
      });
    });
    return new BotStream(socket);
  }

  /**
   * The first event at or after `from` (an index into `events`) that matches; waits up to `timeoutMs`
   * (scaled by TEST_SLOWDOWN).
   */
  async next(match: (e: StreamEvent) => boolean, timeoutMs = 60_000, from = 0): Promise<StreamEvent> {
    const limit = scaled(timeoutMs);
    const deadline = Date.now() + limit;
    for (;;) {
      const found = this.events.slice(from).find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = this.events.map((e) => `${e.action} ${e.message.text ?? ''}`.trim()).join('\n  ');
        throw new Error(`no matching bot message within ${limit} ms; seen:\n  ${seen || '(none)'}`);
      }
      await new Promise<void>((resolve) => {
        const wake = () => (this.waiters.delete(wake), clearTimeout(t), resolve());
        const t = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  close(): void {
    this.socket.close();
  }
}

export interface SendOptions {
  /**
   * The seeded user who speaks; the Playground's current user (alice by default) otherwise. The Playground's
   * message API always speaks as its current user (it only checks that `from` is a member of the chat), so
   * anyone else's message goes in as a raw activity through `/_internal/v1/customActivities`.
   */
  as?: string;
  /** Conversation id; the current user's personal chat by default. */
  chat?: string;
  /** @mention the bot (group chats and channels deliver only messages that mention it). */
  mention?: boolean;
}

export interface PlaygroundHarness {
  backend: BackendProcess;
  playground: PlaygroundProcess;
  stream: BotStream;
  /** The seeded user the Playground acts as. */
  currentUser: string;
  personalChat: string;
  /** GET /_internal/v1/config: tenant, bot, users, chats and team as the Playground sees them. */
  config(): Promise<any>;
  /**
   * Sends a text message into a chat; returns the Playground's `{ messageId }` (for a raw activity, the
   * activity's id).
   */
  send(text: string, options?: SendOptions): Promise<{ messageId: string }>;
  /**
   * A raw activity for a chat as the Playground fills it in (`serviceUrl`, `recipient`, `conversation` and
   * the current user as `from`), with no `type` yet.
   */
  template(chat: string): Promise<Record<string, any>>;
  /** Delivers a raw activity to the bot as it is (its `id` and `from` kept); answers before the bot does. */
  activity(activity: Record<string, unknown>): Promise<void>;
  /**
   * Sends an invoke (card action, message extension) as the Playground's current user (it sends every invoke
   * as them) and returns the bot's invoke response; `replyToId` must be a message it knows.
   */
  invoke(name: string, value: unknown, options?: { chat?: string; replyToId?: string }): Promise<any>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** Extra backend environment; DATA_DIR, PORT and BOT_DEV_SERVICE_URL are set here unless given. */
  env?: Record<string, string>;
  currentUser?: string;
}

export async function startPlaygroundHarness(options: HarnessOptions = {}): Promise<PlaygroundHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'donatello-playground-'));
  const currentUser = options.currentUser ?? 'alice';
  const playgroundPort = await freePort();
  let backend: BackendProcess | null = null;
  let playground: PlaygroundProcess | null = null;
  const cleanup = async () => {
    await playground?.stop(scaled(10_000));
    await backend?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    backend = await startBackend({
      DATA_DIR: dir,
      // A fixed port rather than 0: links the backend puts in cards (signed image URLs) carry its base URL.
      PORT: String(await freePort()),
      BOT_DEV_SERVICE_URL: `http://localhost:${playgroundPort}/_connector`,
      ...options.env,
    });
    playground = await startPlayground({
      port: playgroundPort,
      endpoint: `${backend.base}/api/messages`,
      dir: join(dir, 'playground'),
      tenantId: loadConfig({ ...options.env }).identity.dev.tenantId,
      currentUser,
      timeoutMs: scaled(60_000),
      ...(options.env?.BOT_ID ? { botId: options.env.BOT_ID } : {}),
    });
    // Open the stream before anything is said: the socket replays held messages only to its next client.
    const stream = await BotStream.open(playgroundPort);
    const pg = `http://127.0.0.1:${playgroundPort}`;
    const post = async (path: string, body: unknown) => {
      const res = await testFetch(`${pg}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${text}`);
      return text ? (JSON.parse(text) as unknown) : undefined;
    };
    const config = async () => (await testFetch(`${pg}/_internal/v1/config`)).json() as Promise<any>;
    const seen = (await config()) as {
      config: { bot: { id: string }; currentUser: any; users: any[] };
    };
    const botId = seen.config.bot.id;
    const mention = `<at>${PLAYGROUND_BOT_NAME}</at>`;
    const template = async (chat: string) => {
      const q = new URLSearchParams({ conversationId: chat });
      const res = await testFetch(`${pg}/_internal/v1/customActivities/template?${q.toString()}`);
      if (!res.ok) throw new Error(`activity template for ${chat}: ${res.status} ${await res.text()}`);
      const t = (await res.json()) as Record<string, any>;
      delete t.type; // a placeholder ("<custom-activity-type>")
      return t;
    };
    /** Someone other than the current user speaks: a raw message activity from them. */
    const sendAs = async (user: string, chat: string, text: string, withMention: boolean) => {
      const who = [seen.config.currentUser, ...seen.config.users].find(
        (u) => u.id === playgroundUserId(user),
      );
      if (!who) throw new Error(`${user} is not a Playground user`);
      const base = await template(chat);
      const id = randomUUID();
      await post('/_internal/v1/customActivities', {
        ...base,
        id,
        type: 'message',
        text: withMention ? `${mention} ${text}` : text,
        textFormat: 'plain',
        from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId },
        ...(withMention
          ? {
              entities: [
                { type: 'mention', text: mention, mentioned: { id: botId, name: PLAYGROUND_BOT_NAME } },
              ],
            }
          : {}),
      });
      return { messageId: id };
    };
    const harness: PlaygroundHarness = {
      backend,
      playground,
      stream,
      currentUser,
      personalChat: personalChatId(currentUser),
      config,
      send: async (text, o = {}) => {
        if (o.as && o.as !== currentUser)
          return sendAs(o.as, o.chat ?? harness.personalChat, text, o.mention ?? false);
        return (await post(
          `/_conversation/v1/conversations/${encodeURIComponent(o.chat ?? harness.personalChat)}/messages`,
          {
            type: 'text',
            text: o.mention ? `${mention} ${text}` : text,
            textFormat: 'plain',
            from: { id: playgroundUserId(o.as ?? currentUser) },
            ...(o.mention ? { mentions: [{ mentioned: { id: botId }, text: mention }] } : {}),
          },
        )) as { messageId: string };
      },
      template,
      activity: async (activity) => {
        await post('/_internal/v1/customActivities', activity);
      },
      invoke: async (name, value, o = {}) => {
        return post('/_conversation/v1/invoke', {
          name,
          value,
          from: { id: playgroundUserId(currentUser) },
          conversation: { id: o.chat ?? harness.personalChat },
          ...(o.replyToId ? { replyToId: o.replyToId } : {}),
        });
      },
      stop: async () => {
        stream.close();
        await cleanup();
      },
    };
    return harness;
  } catch (err) {
    await cleanup();
    throw err;
  }
}
