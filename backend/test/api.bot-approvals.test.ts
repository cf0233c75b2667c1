// Soft-limit approvals through the real host (development mode) and a fake Bot Framework connector: decided
// from an Adaptive Card (one winner; the decider comes from the activity), the requester's original card
// updated in place with the decision (who, when) and the result, wherever she asked; a 1:1 decision card only
// for requests made outside Teams (the REST API).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHost } from './support/host.ts';
import type { FakeConnector } from './fakes/bot-connector.ts';
import {
  cardAction,
  cardText,
  message,
  personalChat,
  post,
  startBotTestbed,
  type BotTestbed,
  type TeamsUser,
} from './support/teams.ts';

let bed: BotTestbed;
let host: TestHost;
let connector: FakeConnector;
let u: Record<string, TeamsUser>;
let t: Record<string, string>;

beforeAll(async () => {
  bed = await startBotTestbed(['alice', 'bob', 'carol']);
  ({ host, connector, u, t } = bed);
  await say(u.bob!, '/help'); // the approver's 1:1 chat becomes known
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

describe('soft-limit approval from a card', () => {
  let approvalId: string;
  let bobCardId: string;

  it('the requester is told who was asked; the approver gets Approve and Reject', async () => {
    await host.call('PATCH', '/api/v1/departments/marketing', {
      token: t.carol,
      body: { budget: { limitAud: '0' } },
    });
    await say(u.alice!, '/imagine a koala asking for more budget');
    const pending = cardText(connector.card(last(u.alice!)));
    expect(pending).toMatch(/Waiting for approval/);
    expect(pending).toContain('I asked Bob Smith to approve');

    const toBob = last(u.bob!)!;
    const card = connector.card(toBob);
    expect(toBob.method).toBe('POST');
    expect(cardText(card)).toMatch(/Approval needed/);
    expect(cardText(card)).toMatch(/Department\nMarketing/); // the name, not the id
    const approve = card.actions.find((a: any) => a.verb === 'approve');
    expect(Object.keys(approve.data)).toEqual(['approvalId']);
    expect(card.refresh.userIds).toEqual([u.bob!.mri]);
    approvalId = approve.data.approvalId;
    bobCardId = toBob.id;
  });

  it('the requester cannot approve their own request, whatever the card data says', async () => {
    const res = await click(u.alice!, 'x', 'approve', { approvalId });
    expect(res.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(res.value)).toMatch(/nobody approves their own request/);
    expect(res.value.actions).toBeUndefined();
  });

  it('the approver approves; a second click learns who decided; the requester gets the result', async () => {
    const aliceCardId = last(u.alice!)!.id; // the "Waiting for approval" card
    const aliceBefore = connector.in(chatOf(u.alice!).id).length;
    const res = await click(u.bob!, bobCardId, 'approve', { approvalId });
    expect(res).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardText(res.value)).toMatch(/Approved by Bob Smith at \{\{DATE\(/);
    expect(res.value.actions).toBeUndefined();

    const again = await click(u.bob!, bobCardId, 'reject', { approvalId });
    expect(cardText(again.value)).toMatch(/already approved by Bob Smith/);

    await settle();
    // Her original card changes in place (the decision, then the result); no second card is posted.
    const toAlice = connector.in(chatOf(u.alice!).id).slice(aliceBefore);
    expect(toAlice.length).toBeGreaterThan(0);
    expect(toAlice.every((c) => c.method === 'PUT' && c.activityId === aliceCardId)).toBe(true);
    const result = cardText(connector.card(toAlice.at(-1)));
    expect(result).toMatch(/Your image is ready/);
    expect(result).toMatch(/Approved by Bob Smith at \{\{DATE\(/);
    expect(JSON.stringify(connector.card(toAlice.at(-1)))).toMatch(/\/signed\?/);
  });

  it('the approval refresh shows the decided status to the approver', async () => {
    const res = await click(u.bob!, bobCardId, 'approval.refresh', { approvalId });
    expect(cardText(res.value)).toMatch(/Overage request approved/);
  });

  it('a rejection updates the card in the chat where she asked, with who and when', async () => {
    const group = { id: '19:creative-review@thread.v2', type: 'groupChat' as const };
    const ask = message(
      host,
      connector.url,
      u.alice!,
      group,
      '<at>DonatelloAI</at> /imagine a koala in a tutu',
    );
    expect((await post(host, ask)).status).toBe(200);
    const aliceCard = connector.in(group.id).at(-1)!;
    expect(cardText(connector.card(aliceCard))).toContain('I asked Bob Smith to approve');
    const toBob = connector.card(last(u.bob!));
    const id = toBob.actions.find((a: any) => a.verb === 'reject').data.approvalId;

    const personalBefore = connector.in(chatOf(u.alice!).id).length;
    const res = await click(u.bob!, last(u.bob!)!.id, 'reject', { approvalId: id });
    expect(cardText(res.value)).toMatch(/Rejected by Bob Smith at \{\{DATE\(/);
    await settle();
    const update = connector.in(group.id).at(-1)!;
    expect(update).toMatchObject({ method: 'PUT', activityId: aliceCard.id });
    const text = cardText(connector.card(update));
    expect(text).toMatch(/Request rejected/);
    expect(text).toMatch(/Rejected by Bob Smith at \{\{DATE\(2\d{3}-[^)]+, SHORT\)\}\} \{\{TIME\(/);
    expect(text).toMatch(/Nothing was charged/);
    // The decision is on her card; her 1:1 chat gets no second copy.
    expect(connector.in(chatOf(u.alice!).id).length).toBe(personalBefore);
  });

  it('a decision made while her card is still on its way still reaches that card', async () => {
    const group = { id: '19:race@thread.v2', type: 'groupChat' as const };
    let decided = false;
    // Bob decides (through the REST API) after the bot has posted alice's card and before Teams has answered,
    // so the decision's notification cannot know the card yet.
    connector.hooks.beforeAnswer = async (call) => {
      if (decided || call.conversationId !== group.id || call.method !== 'POST') return;
      decided = true;
      const pending = await host.call('GET', '/api/v1/approvals?status=pending', { token: t.bob });
      const [approval] = pending.body.items;
      await host.call('POST', `/api/v1/approvals/${approval.id}/decision`, {
        token: t.bob,
        body: { decision: 'approve' },
      });
    };
    try {
      const ask = message(
        host,
        connector.url,
        u.alice!,
        group,
        '<at>DonatelloAI</at> /imagine a racing koala',
      );
      expect((await post(host, ask)).status).toBe(200);
      await settle();
    } finally {
      connector.hooks.beforeAnswer = null;
    }
    expect(decided).toBe(true);
    const [posted, ...updates] = connector.in(group.id);
    expect(cardText(connector.card(posted))).toMatch(/Waiting for approval/);
    expect(updates.at(-1)).toMatchObject({ method: 'PUT', activityId: posted!.id });
    expect(cardText(connector.card(updates.at(-1)))).toMatch(/Your image is ready/);
  });

  it('a request without a recorded card (the REST API) still gets the 1:1 decision card', async () => {
    const created = await host.call('POST', '/api/v1/generations', {
      token: t.alice,
      body: { prompt: 'a koala filling in a form' },
      headers: { 'idempotency-key': 'rest-approval-1' },
    });
    expect(created.status).toBe(202);
    expect(created.body.status).toBe('pending_approval');
    const aliceBefore = connector.in(chatOf(u.alice!).id).length;
    const decided = await host.call('POST', `/api/v1/approvals/${created.body.approval.id}/decision`, {
      token: t.bob,
      body: { decision: 'approve' },
    });
    expect(decided.status).toBe(200);
    await settle();
    const toAlice = connector.in(chatOf(u.alice!).id).slice(aliceBefore);
    expect(toAlice.map((c) => c.method)).toEqual(['POST', 'PUT']);
    expect(cardText(connector.card(toAlice[0]))).toMatch(/Your request was approved/);
    expect(toAlice[1]!.activityId).toBe(toAlice[0]!.id);
    expect(cardText(connector.card(toAlice[1]))).toMatch(/Your image is ready/);
  });
});

it('housekeeping forgets where cards were posted once their approval window is long over', async () => {
  const tenantId = host.config.identity.dev.tenantId;
  const kept = await host.store.count('cards', {});
  expect(kept).toBeGreaterThan(0); // the cards of the requests above
  const longAgo = new Date(Date.now() - host.config.pipeline.approvalTtlMs - 2 * 86_400_000).toISOString();
  await host.store.create('cards', tenantId, 'old-generation:card', {
    tenantId,
    generationId: 'old-generation',
    conversationId: '19:old@thread.v2',
    activityId: 'activity-old',
    userId: u.alice!.mri,
    serviceUrl: connector.url,
    createdAt: longAgo,
  });
  await host.pipeline.housekeeping.runOnce();
  expect(await host.store.get('cards', tenantId, 'old-generation:card')).toBeNull();
  expect(await host.store.count('cards', {})).toBe(kept);
});
