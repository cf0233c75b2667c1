// Card buttons and proactive cards through the real host (development mode): Delete and Regenerate, threshold
// alerts, and the welcome on install. Soft-limit approvals are in api.bot-approvals.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHost } from './support/host.ts';
import type { FakeConnector } from './fakes/bot-connector.ts';
import {
  activity,
  cardAction,
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
  bed = await startBotTestbed(['alice', 'bob', 'carol', 'dave']);
  ({ host, connector, u, t } = bed);
});
afterAll(() => bed?.stop());

const chatOf = (who: TeamsUser) => personalChat(who);
const last = (who: TeamsUser) => connector.in(chatOf(who).id).at(-1);
const say = async (who: TeamsUser, text: string) => {
  expect((await post(host, message(host, connector.url, who, chatOf(who), text))).status).toBe(200);
};
const click = async (who: TeamsUser, replyToId: string, verb: string, data: Record<string, string>) => {
  const res = await post(host, cardAction(host, connector.url, who, chatOf(who), replyToId, verb, data));
  expect(res.status).toBe(200);
  return res.body as { statusCode: number; type: string; value: any };
};
const settle = () => host.bot!.idle();

describe('install', () => {
  it('saves the personal chat and says hello', async () => {
    const a = activity(host, connector.url, u.bob!, chatOf(u.bob!), {
      type: 'installationUpdate',
      action: 'add',
    });
    expect((await post(host, a)).status).toBe(200);
    expect(cardText(connector.card(last(u.bob!)))).toContain('/imagine <prompt>');
  });
});

describe('result card buttons', () => {
  let generationId: string;
  let cardId: string;
  let link: string;

  beforeAll(async () => {
    await host.call('PATCH', '/api/v1/departments/marketing', {
      token: t.carol,
      body: { budget: { limitAud: '50' } },
    });
    await say(u.alice!, '/imagine a lighthouse at dusk');
    await settle();
    const update = last(u.alice!)!;
    const card = connector.card(update);
    generationId = card.actions.find((a: any) => a.verb === 'regenerate').data.generationId;
    cardId = update.id;
    link = JSON.stringify(card).match(/https?:\/\/[^"]+\/signed\?[^"]+/)![0];
  });

  it('Regenerate makes a new generation in a new card', async () => {
    const before = connector.in(chatOf(u.alice!).id).length;
    const res = await click(u.alice!, cardId, 'regenerate', { generationId });
    expect(res.type).toBe('application/vnd.microsoft.activity.message');
    await settle();
    const calls = connector.in(chatOf(u.alice!).id).slice(before);
    expect(calls.map((c) => c.method)).toEqual(['POST', 'PUT']);
    expect(cardText(connector.card(calls[1]))).toMatch(/Your image is ready/);
    const list = await host.call('GET', '/api/v1/generations?q=lighthouse', { token: t.alice });
    expect(list.body.items).toHaveLength(2);
  });

  it('someone else cannot delete it; the owner can, and its signed links stop working', async () => {
    const url = new URL(link);
    expect((await testFetch(`${host.url}${url.pathname}${url.search}`)).status).toBe(200);
    // Dave is in another department: he cannot even see it. (Bob, a marketing manager, could delete it.)
    const denied = await click(u.dave!, cardId, 'delete', { generationId });
    expect(denied.type).toBe('application/vnd.microsoft.activity.message');

    const before = connector.in(chatOf(u.alice!).id).length;
    const res = await click(u.alice!, cardId, 'delete', { generationId });
    expect(cardText(res.value)).toMatch(/Alice Nguyen deleted this image/);
    const update = connector.in(chatOf(u.alice!).id).slice(before);
    expect(update).toMatchObject([{ method: 'PUT', activityId: cardId }]);
    const gone = await testFetch(`${host.url}${url.pathname}${url.search}`);
    expect(gone.status).toBe(404);
    const refreshed = await click(u.alice!, cardId, 'generation.refresh', { generationId });
    expect(cardText(refreshed.value)).toContain('This image was deleted.');
  });

  it('signed links refuse a changed signature, expiry or tenant', async () => {
    const url = new URL(link);
    const q = url.searchParams;
    const variants: Record<string, string>[] = [
      { ...Object.fromEntries(q), sig: `${q.get('sig')!.slice(0, -1)}A` },
      { ...Object.fromEntries(q), exp: String(Number(q.get('exp')) + 1) },
      { ...Object.fromEntries(q), tid: '00000000-0000-4000-8000-000000000000' },
      { tid: q.get('tid')!, exp: q.get('exp')! },
    ];
    for (const v of variants) {
      const res = await testFetch(`${host.url}${url.pathname}?${new URLSearchParams(v).toString()}`);
      expect(res.status).toBe(404);
    }
  });
});

describe('threshold alerts', () => {
  it('reach the managers (here the org admin, as engineering has no manager) as a card', async () => {
    await say(u.carol!, '/help'); // the admin's 1:1 chat becomes known
    await host.call('PATCH', '/api/v1/departments/engineering', {
      token: t.carol,
      body: { budget: { limitAud: '0.10' } },
    });
    const before = connector.in(chatOf(u.carol!).id).length;
    await say(u.carol!, '/imagine a bar chart of koalas --n 4 --quality hd');
    await settle();
    const alerts = connector
      .in(chatOf(u.carol!).id)
      .slice(before)
      .map((c) => cardText(connector.card(c)))
      .filter((x) => /engineering has used/.test(x));
    // One commit passed 80, 90 and 100 %: one alert each, once per period.
    expect(alerts).toEqual([
      expect.stringContaining('engineering has used 80% of its budget'),
      expect.stringContaining('engineering has used 90% of its budget'),
      expect.stringContaining('engineering has used its whole budget'),
    ]);
  });
});
