// The main Teams flows end to end through the Microsoft 365 Agents Playground: the real backend process (local
// provider), the Playground standing in for Teams, its HTTP API for what people say and click, and its
// conversation stream for what the bot posts and updates. Covers /imagine in a group chat, a soft-limit request
// approved from the approver's card (the requester's card updates with her image), and a duplicated activity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAYGROUND_CHATS } from '../../scripts/playground-config.ts';
import { call, devToken } from './support/backend-process.ts';
import { startPlaygroundHarness, type PlaygroundHarness, type StreamEvent } from './support/playground.ts';
import { waitFor } from './support/timing.ts';
import { testFetch } from './support/http.ts';

const GROUP = PLAYGROUND_CHATS.group;
const cardOf = (e: StreamEvent) =>
  e.message.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
/** Every text a person reads on a card. */
const textOf = (card: unknown): string => {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (['text', 'title', 'value'].includes(k) && typeof x === 'string') out.push(x);
        else walk(x);
      }
    }
  };
  walk(card);
  return out.join('\n');
};
const imageOf = (e: StreamEvent): { url: string; altText: string } | undefined =>
  (cardOf(e)?.body ?? []).find((el: any) => el.type === 'Image');
/** Teams loads card images without the user's token: the signed link alone must be enough. */
async function expectImageLoads(url: string): Promise<void> {
  const res = await testFetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^image\//);
  expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
}
const micros = (aud: string) => Math.round(Number(aud) * 1_000_000);

describe('Playground: alice in the group chat and a duplicated activity', () => {
  let h: PlaygroundHarness;
  beforeAll(async () => {
    // Info logs show that every copy of the duplicated activity reached the bot.
    h = await startPlaygroundHarness({ env: { LOG_LEVEL: 'info' } });
  });
  afterAll(() => h?.stop());

  it('/imagine with an @mention in the group chat answers there and updates to an image that loads', async () => {
    const from = h.stream.events.length;
    await h.send('/imagine a koala choir rehearsing --size wide', { chat: GROUP, mention: true });
    const first = await h.stream.next(
      (e) => e.action === 'createMessage' && e.actionConversationId === GROUP && !!cardOf(e),
      60_000,
      from,
    );
    expect(textOf(cardOf(first))).toContain('a koala choir rehearsing');
    const done = await h.stream.next(
      (e) => e.action === 'updateMessage' && e.message.messageId === first.message.messageId && !!imageOf(e),
      60_000,
      from,
    );
    expect(done.actionConversationId).toBe(GROUP);
    expect(imageOf(done)!.altText).toMatch(/koala choir rehearsing/);
    await expectImageLoads(imageOf(done)!.url);
  });

  it('the same activity delivered twice generates once, posts one card and charges once', async () => {
    const alice = await devToken(h.backend.base, 'alice');
    const spentBefore = (await call(h.backend.base, 'GET', '/api/v1/me', alice)).body.budget.spentAud;
    const from = h.stream.events.length;
    // One raw message activity (one id, one conversation), as Teams redelivers it after a timeout.
    const activity = {
      ...(await h.template(h.personalChat)),
      id: 'f00d0000-dup-activity-0001',
      type: 'message',
      text: '/imagine a wombat delivering the same parcel twice',
      textFormat: 'plain',
    };
    await Promise.all([h.activity(activity), h.activity(activity)]);
    const card = await h.stream.next((e) => e.action === 'createMessage' && !!cardOf(e), 60_000, from);
    await h.stream.next(
      (e) => e.action === 'updateMessage' && e.message.messageId === card.message.messageId && !!imageOf(e),
      60_000,
      from,
    );
    await h.activity(activity); // and a late redelivery, after the first one finished
    // Every copy reached the bot and was recognised (the Playground answers customActivities before the bot
    // has handled them, so wait for the bot's own word on the last one)...
    const duplicates = () =>
      h.backend.output().match(/duplicate activity; generation already started/g) ?? [];
    await waitFor(() => duplicates().length >= 2, { what: 'the bot to turn away both redeliveries' });
    expect(duplicates()).toHaveLength(2);
    // ...and only the first one did anything.
    const created = h.stream.events.slice(from).filter((e) => e.action === 'createMessage');
    expect(created.map((e) => e.message.messageId)).toEqual([card.message.messageId]);
    const mine = await call(h.backend.base, 'GET', '/api/v1/generations?q=wombat', alice);
    expect(mine.body.items).toHaveLength(1);
    const g = mine.body.items[0];
    expect(g.status).toBe('succeeded');
    const spentAfter = (await call(h.backend.base, 'GET', '/api/v1/me', alice)).body.budget.spentAud;
    expect(micros(spentAfter) - micros(spentBefore)).toBe(micros(g.costAud));
  });
});

describe('Playground: bob approves alice’s soft-limit request from his card', () => {
  let h: PlaygroundHarness;
  let approvalCard: StreamEvent;
  let aliceCard: StreamEvent;
  let approvalId: string;
  beforeAll(async () => {
    h = await startPlaygroundHarness({ currentUser: 'bob' });
  });
  afterAll(() => h?.stop());

  const execute = (verb: string) =>
    h.invoke(
      'adaptiveCard/action',
      { action: { type: 'Action.Execute', verb, data: { approvalId } } },
      { chat: h.personalChat, replyToId: approvalCard.message.messageId }, // bob is the current user
    );

  it('alice’s request over the soft limit says Bob was asked; Bob gets Approve and Reject', async () => {
    // Bob's 1:1 chat becomes known when he talks to the bot: that is where approvals reach him.
    const hello = h.stream.events.length;
    await h.send('/help');
    await h.stream.next((e) => e.actionConversationId === h.personalChat, 60_000, hello);
    // As an admin, lower marketing's (soft) limit so that alice's next request needs approval.
    const carol = await devToken(h.backend.base, 'carol');
    const patched = await call(h.backend.base, 'PATCH', '/api/v1/departments/marketing', carol, {
      budget: { limitAud: '0' },
    });
    expect(patched.status).toBe(200);

    const from = h.stream.events.length;
    await h.send('/imagine a koala asking for a bigger budget', { as: 'alice', chat: GROUP, mention: true });
    aliceCard = await h.stream.next(
      (e) => e.action === 'createMessage' && e.actionConversationId === GROUP && !!cardOf(e),
      60_000,
      from,
    );
    const asked = textOf(cardOf(aliceCard));
    expect(asked).toMatch(/Waiting for approval/);
    expect(asked).toContain('I asked Bob Smith to approve');

    approvalCard = await h.stream.next(
      (e) => e.action === 'createMessage' && e.actionConversationId === h.personalChat && !!cardOf(e),
      60_000,
      from,
    );
    const card = cardOf(approvalCard);
    expect(textOf(card)).toMatch(/Approval needed/);
    expect(textOf(card)).toContain('Alice Nguyen asked for an image');
    expect(card.actions.map((a: any) => a.verb)).toEqual(['approve', 'reject']);
    // The buttons carry only the approval id; who clicks comes from the activity.
    expect(Object.keys(card.actions[0].data)).toEqual(['approvalId']);
    approvalId = card.actions[0].data.approvalId;
  });

  it('Bob approves: his card says so, and alice’s card in the group chat becomes her image', async () => {
    const from = h.stream.events.length;
    const res = await execute('approve');
    expect(res.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(textOf(res.value)).toMatch(/Approved by Bob Smith at \{\{DATE\(/);
    expect(res.value.actions).toBeUndefined();

    const updated = await h.stream.next(
      (e) =>
        e.action === 'updateMessage' && e.message.messageId === aliceCard.message.messageId && !!imageOf(e),
      60_000,
      from,
    );
    expect(updated.actionConversationId).toBe(GROUP);
    const text = textOf(cardOf(updated));
    expect(text).toMatch(/Your image is ready/);
    expect(text).toMatch(/Approved by Bob Smith at \{\{DATE\(/);
    expect(imageOf(updated)!.altText).toMatch(/a koala asking for a bigger budget/);
    await expectImageLoads(imageOf(updated)!.url);
    // Her card changed in place: nothing new was posted to the group chat.
    expect(
      h.stream.events
        .slice(from)
        .filter((e) => e.action === 'createMessage' && e.actionConversationId === GROUP),
    ).toEqual([]);
  });

  it('a second click answers with the decided card naming Bob', async () => {
    const res = await execute('approve');
    const text = textOf(res.value);
    expect(text).toMatch(/Overage request approved/);
    expect(text).toMatch(/already approved by Bob Smith/);
    expect(res.value.actions).toBeUndefined();
  });
});
