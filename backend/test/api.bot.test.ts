// The Teams bot through the real host's /api/messages (development mode), with a fake Bot Framework
// connector receiving what the bot sends: commands, the /imagine card and its update, signed image links,
// duplicate activities, refusals, and approvals decided from a card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from './support/host.ts';
import { startConnector, type FakeConnector } from './fakes/bot-connector.ts';
import {
  cardText,
  message,
  personalChat,
  post,
  startBotTestbed,
  type BotTestbed,
  type TeamsUser,
} from './support/teams.ts';
import { testFetch } from './support/http.ts';

let bed: BotTestbed;
let host: TestHost;
let connector: FakeConnector;
let u: Record<string, TeamsUser>;
let t: Record<string, string>;

beforeAll(async () => {
  bed = await startBotTestbed(['alice', 'bob', 'dave', 'carol']);
  ({ host, connector, u, t } = bed);
});
afterAll(() => bed?.stop());

const say = async (who: TeamsUser, text: string, c = personalChat(who)) => {
  const a = message(host, connector.url, who, c, text);
  const res = await post(host, a);
  expect(res.status).toBe(200);
  return a;
};
const settle = () => host.bot!.idle();
/** A card's images, as the absolute URLs Teams would load. */
const imageUrls = (card: any): string[] =>
  JSON.stringify(card).match(/https?:\/\/[^"]+\/signed\?[^"]+/g) ?? [];
/** Loads a signed link from the test host, with no Authorization header. */
const load = (link: string) => {
  const url = new URL(link);
  return testFetch(`${host.url}${url.pathname}${url.search}`);
};

describe('commands', () => {
  it('/help answers with the help card', async () => {
    await say(u.alice!, '/help');
    const card = connector.card(connector.in(personalChat(u.alice!).id).at(-1));
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(cardText(card)).toContain('/imagine <prompt>');
  });

  it('unknown text gets help, and an @mention in a group chat is stripped', async () => {
    const group = { id: '19:group-chat@thread.v2', type: 'groupChat' as const };
    await say(u.alice!, '<at>DonatelloAI</at> /budget', group);
    expect(cardText(connector.card(connector.in(group.id).at(-1)))).toContain(
      'Marketing: budget this period',
    );
    await say(u.alice!, 'hello bot');
    expect(cardText(connector.card(connector.in(personalChat(u.alice!).id).at(-1)))).toMatch(
      /didn't understand/,
    );
  });

  it('people the product does not know get a friendly card', async () => {
    const stranger = { name: 'stranger', oid: '99999999-9999-4999-8999-999999999999', mri: '29:stranger' };
    await say(stranger, '/imagine a cat');
    expect(cardText(connector.card(connector.in(personalChat(stranger).id).at(-1)))).toMatch(
      /don't know you yet/,
    );
  });
});

describe('/imagine', () => {
  it('answers at once with the quote, then updates that card with the images', async () => {
    const chat = personalChat(u.alice!);
    const before = connector.in(chat.id).length;
    await say(u.alice!, '/imagine a koala presenting quarterly results --n 2 --size wide');
    await settle();
    const calls = connector.in(chat.id).slice(before);
    expect(calls.map((c) => c.method)).toEqual(['POST', 'PUT']);
    const [first, update] = calls as [any, any];
    const quote = cardText(connector.card(first));
    expect(quote).toMatch(/Creating your image/);
    expect(quote).toContain('A$0.0400'); // 2 × local at A$0.02
    expect(quote).toMatch(/Department has left[\s\S]*A\$\d+\.\d{4}/);
    expect(update.activityId).toBe(first.id);
    const result = connector.card(update);
    expect(cardText(result)).toMatch(/Your image is ready/);
    expect(cardText(result)).toContain('AI-generated image (1 of 2): a koala presenting quarterly results');
    const links = imageUrls(result);
    expect(links).toHaveLength(2);
    const img = await load(links[0]!);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(img.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const verbs = result.actions.map((a: any) => a.verb ?? a.type);
    expect(verbs).toEqual(['regenerate', 'Action.OpenUrl', 'delete']);
  });

  it('a duplicated activity generates once and sends one card', async () => {
    const chat = personalChat(u.alice!);
    const before = connector.in(chat.id).length;
    const a = message(host, connector.url, u.alice!, chat, '/imagine a wombat on a unicycle');
    const [r1, r2] = await Promise.all([post(host, a), post(host, a)]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    expect((await post(host, a)).status).toBe(200); // and a later redelivery
    await settle();
    expect(
      connector
        .in(chat.id)
        .slice(before)
        .map((c) => c.method),
    ).toEqual(['POST', 'PUT']);
    const mine = await host.call('GET', '/api/v1/generations?q=wombat', { token: t.alice });
    expect(mine.body.items).toHaveLength(1);
  });

  it('a hard limit refuses with the amount left, and nothing is generated', async () => {
    await host.call('PATCH', '/api/v1/departments/finance', {
      token: t.carol,
      body: { budget: { limitAud: '0.01' } },
    });
    const chat = personalChat(u.dave!);
    await say(u.dave!, '/imagine a pie chart made of pies');
    await settle();
    const calls = connector.in(chat.id);
    expect(calls.map((c) => c.method)).toEqual(['POST']);
    const text = cardText(connector.card(calls[0]));
    expect(text).toMatch(/Over your department's budget/);
    expect(text).toMatch(/A\$0\.0100 left/);
    const mine = await host.call('GET', '/api/v1/generations?q=pies', { token: t.dave });
    expect(mine.body.items).toHaveLength(0);
  });

  it('a blocked prompt names what was found, never the prompt', async () => {
    const chat = personalChat(u.alice!);
    await say(u.alice!, '/imagine a poster for alice.nguyen@example.com');
    const text = cardText(connector.card(connector.in(chat.id).at(-1)));
    expect(text).toMatch(/Prompt blocked/);
    expect(text).toContain('an email address');
    expect(text).not.toContain('alice.nguyen@example.com');
  });

  it('bad options get a helpful card', async () => {
    await say(u.alice!, '/imagine a cat --n 9');
    expect(cardText(connector.card(connector.in(personalChat(u.alice!).id).at(-1)))).toMatch(/1 to 4/);
  });
});

describe('service URLs', () => {
  it('in development, refuses activities that name another serviceUrl, and sends nothing there', async () => {
    const elsewhere = await startConnector();
    try {
      const a = message(host, elsewhere.url, u.alice!, personalChat(u.alice!), '/help');
      const res = await post(host, a);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'forbidden' });
      const none = await post(host, { ...a, serviceUrl: undefined });
      expect(none.status).toBe(400);
      expect(elsewhere.calls).toHaveLength(0);
    } finally {
      await elsewhere.stop();
    }
  });
});

describe('with Bot Framework credentials', () => {
  it('refuses activities without a valid token (401)', async () => {
    const secured = await startTestHost({
      BOT_ID: '33333333-3333-4333-8333-333333333333',
      BOT_PASSWORD: 'not-a-real-secret',
    });
    try {
      const before = connector.calls.length;
      const a = message(
        secured,
        'https://smba.trafficmanager.net/au/',
        u.alice!,
        personalChat(u.alice!),
        '/help',
      );
      expect((await post(secured, a)).status).toBe(401);
      const forged = await testFetch(`${secured.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' },
        body: JSON.stringify(a),
      });
      expect(forged.status).toBe(401);
      // Only Teams' own service URLs are answered: the bot would send its token there.
      const foreign = message(secured, connector.url, u.alice!, personalChat(u.alice!), '/help');
      const refused = await post(secured, foreign);
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toMatch(/serviceUrl/);
      expect(connector.calls.length).toBe(before); // the bot never ran
    } finally {
      await secured.stop();
    }
  });
});
