// The message extension through the real host's /api/messages (development mode), with a fake Bot Framework
// connector: the "Create image" form with its live quote, creating from it (card posted into the
// conversation, then updated), refusals kept on the form, and "Find image" over the person's own gallery.
import { randomUUID } from 'node:crypto';
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
  type Conversation,
  type TeamsUser,
} from './support/teams.ts';
import { scaled } from './support/timing.ts';
import { testFetch } from './support/http.ts';

let bed: BotTestbed;
let host: TestHost;
let connector: FakeConnector;
let u: Record<string, TeamsUser>;
let t: Record<string, string>;
const group: Conversation = { id: '19:extension-group@thread.v2', type: 'groupChat' };

beforeAll(async () => {
  bed = await startBotTestbed(['alice', 'bob', 'carol', 'dave']);
  ({ host, connector, u, t } = bed);
});
afterAll(() => bed?.stop());

const invoke = async (who: TeamsUser, name: string, value: unknown, c = group, id: string = randomUUID()) => {
  const res = await post(host, {
    ...activity(host, connector.url, who, c, { type: 'invoke', name, value }),
    id,
  });
  expect(res.status).toBe(200);
  return res.body;
};
const open = (who: TeamsUser, value: Record<string, unknown> = {}) =>
  invoke(who, 'composeExtension/fetchTask', {
    commandId: 'createImage',
    commandContext: 'compose',
    ...value,
  });
const submit = (who: TeamsUser, data: Record<string, unknown>, c = group, id?: string) =>
  invoke(
    who,
    'composeExtension/submitAction',
    { commandId: 'createImage', commandContext: 'compose', data },
    c,
    id,
  );
const search = (who: TeamsUser, words: string | null, options = { skip: 0, count: 10 }) =>
  invoke(who, 'composeExtension/query', {
    commandId: 'findImage',
    parameters: [words === null ? { name: 'initialRun', value: 'true' } : { name: 'query', value: words }],
    queryOptions: options,
  });
const formOf = (body: any) => {
  expect(body.task.type).toBe('continue');
  return body.task.value.card.content;
};
const input = (card: any, id: string) => card.body.find((e: any) => e.id === id);
const buttons = (card: any) => (card.actions ?? []).map((a: any) => a.title);
const generations = async (token: string, q: string) =>
  (await host.call('GET', `/api/v1/generations?q=${encodeURIComponent(q)}`, { token })).body.items;
const load = (link: string) => {
  const url = new URL(link);
  return testFetch(`${host.url}${url.pathname}${url.search}`);
};

describe('Create image form', () => {
  it('from a message, seeds the prompt with its text and shows the live quote', async () => {
    const form = formOf(
      await open(u.alice!, {
        commandContext: 'message',
        messagePayload: {
          body: { contentType: 'html', content: '<p>A koala &amp; a wombat <b>presenting</b> results</p>' },
        },
      }),
    );
    expect(input(form, 'prompt').value).toBe('A koala & a wombat presenting results');
    const text = cardText(form);
    expect(text).toContain('Estimated cost');
    expect(text).toContain('A$0.0200');
    expect(text).toMatch(/Department has left\nA\$\d+\.\d{4}/);
    expect(buttons(form)).toEqual(['Check price', 'Create']);
    // Quoting starts nothing.
    expect(await generations(t.alice!, 'wombat presenting')).toHaveLength(0);
  });

  it('from the compose box, asks for a prompt before quoting', async () => {
    const form = formOf(await open(u.alice!));
    expect(input(form, 'prompt').value).toBe('');
    expect(cardText(form)).toMatch(/Type a prompt, then choose Check price/);
    expect(input(form, 'model').choices.map((c: any) => c.value)).toEqual(['auto', 'local-scene']);
  });

  it('Check price quotes what is on the form: wide and HD costs more', async () => {
    const form = formOf(
      await submit(u.alice!, {
        intent: 'quote',
        prompt: 'a lighthouse at dawn',
        size: '1792x1024',
        quality: 'hd',
        model: 'auto',
      }),
    );
    expect(cardText(form)).toContain('A$0.0400');
    expect(input(form, 'size').value).toBe('1792x1024');
    expect(input(form, 'quality').value).toBe('hd');
  });

  it('a blocked prompt stays on the form with what was found, and nothing starts', async () => {
    const prompt = 'poster for jane.citizen@example.com';
    const form = formOf(
      await submit(u.alice!, { intent: 'create', prompt, size: '1024x1024', model: 'auto' }),
    );
    const text = cardText(form);
    expect(text).toMatch(/Prompt blocked/);
    expect(text).toMatch(/an email address/);
    // The person's own text is kept in the input so nothing they typed is lost.
    expect(input(form, 'prompt').value).toBe(prompt);
    expect(await generations(t.alice!, 'poster for')).toHaveLength(0);
  });

  it('unexpected values fall back to the defaults the form offers', async () => {
    const form = formOf(
      await submit(u.alice!, {
        intent: 'quote',
        prompt: 'a red kite',
        size: '9x9',
        quality: 7,
        model: 'Bad Model!',
      }),
    );
    expect(input(form, 'size').value).toBe('1024x1024');
    expect(input(form, 'quality').value).toBe('standard');
    expect(input(form, 'model').value).toBe('auto');
  });

  it('Create closes the form, posts the card into the conversation and updates it with the image', async () => {
    const before = connector.in(group.id).length;
    const id = randomUUID();
    const data = {
      intent: 'create',
      prompt: 'a koala presenting quarterly results',
      size: '1024x1024',
      model: 'auto',
    };
    expect(await submit(u.alice!, data, group, id)).toMatchObject({
      task: { type: 'message', value: expect.stringMatching(/Creating your image/) },
    });
    await host.bot!.idle();
    const calls = connector.in(group.id).slice(before);
    expect(calls.map((c) => c.method)).toEqual(['POST', 'PUT']);
    expect(cardText(connector.card(calls[0]))).toMatch(/Creating your image/);
    const done = connector.card(calls[1]);
    expect(cardText(done)).toMatch(/Your image is ready/);
    // Everyone in the group sees this card: no Delete on it; alice's client refreshes it into her view.
    expect(done.actions.map((a: any) => a.title)).toEqual(['Regenerate', 'Open in gallery']);
    expect(done.refresh.userIds).toEqual([u.alice!.mri]);
    const link = JSON.stringify(done).match(/https?:\/\/[^"]+\/signed\?[^"]+/)![0];
    expect((await load(link)).headers.get('content-type')).toMatch(/^image\//);
    // The gallery deep link names the Teams app (TEAMS_APP_ID), not the bot.
    expect(JSON.stringify(done)).toContain(
      'https://teams.microsoft.com/l/entity/d0a7e110-0000-4000-8000-000000000001/gallery',
    );

    // Teams retries an invoke with the same id: no second card, no second charge.
    expect(await submit(u.alice!, data, group, id)).toMatchObject({
      task: { type: 'message', value: expect.stringMatching(/Creating your image/) },
    });
    await host.bot!.idle();
    expect(connector.in(group.id).length).toBe(before + 2);
    expect(await generations(t.alice!, 'koala presenting quarterly')).toHaveLength(1);
  });

  it('where the bot is not a member, the card goes into the compose box instead', async () => {
    const lonely: Conversation = { id: '19:no-bot-here@thread.v2', type: 'groupChat' };
    connector.notMemberOf.add(lonely.id);
    const body = await submit(
      u.alice!,
      { intent: 'create', prompt: 'a platypus reading a spreadsheet', size: '1024x1024', model: 'auto' },
      lonely,
    );
    expect(body.composeExtension.type).toBe('result');
    const card = body.composeExtension.attachments[0].content;
    expect(cardText(card)).toMatch(/platypus reading a spreadsheet/);
    expect(card.refresh.userIds).toEqual([u.alice!.mri]);
    const [g] = await generations(t.alice!, 'platypus');
    expect(g).toBeDefined();
    // No card to follow here: wait for the job itself (later searches expect its image).
    await host.pipeline.worker.waitFor(host.config.identity.dev.tenantId, g.id, scaled(60_000));
  });

  it('over a hard limit, the form explains and offers no Create', async () => {
    await host.call('PATCH', '/api/v1/departments/finance', {
      token: t.carol,
      body: { budget: { limitAud: '0.01' } },
    });
    const form = formOf(
      await submit(u.dave!, { intent: 'quote', prompt: 'a pie chart of pies', model: 'auto' }),
    );
    expect(cardText(form)).toMatch(/reached its spending limit/);
    expect(buttons(form)).toEqual(['Check price']);
    // A forced Create is refused by the backend the same way, and nothing is generated.
    const again = formOf(
      await submit(u.dave!, { intent: 'create', prompt: 'a pie chart of pies', model: 'auto' }),
    );
    expect(buttons(again)).toEqual(['Check price']);
    expect(await generations(t.dave!, 'pie chart of pies')).toHaveLength(0);
  });

  it('someone the product does not know gets a message, not a form', async () => {
    const stranger = { name: 'stranger', oid: randomUUID(), mri: '29:stranger' };
    const body = await open(stranger);
    expect(body.task).toMatchObject({ type: 'message' });
    expect(body.task.value).toMatch(/not set up yet/);
  });
});

describe('Find image', () => {
  it('finds the person’s own images by prompt words, with thumbnails that load without a token', async () => {
    const body = await search(u.alice!, 'KOALA');
    const results = body.composeExtension.attachments;
    expect(body.composeExtension.type).toBe('result');
    expect(results).toHaveLength(1);
    const [r] = results;
    expect(cardText(r.content)).toMatch(/koala presenting quarterly results/);
    expect(cardText(r.content)).not.toMatch(/A\$/); // a shared card shows no budget or cost
    const thumb = r.preview.content.images[0];
    expect(thumb.alt).toMatch(/^AI-generated image: a koala/);
    expect(thumb.url).toMatch(/\/thumbnail\/signed\?/);
    const res = await load(thumb.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    // The thumbnail's signature does not open the full image.
    expect((await load(thumb.url.replace('/thumbnail/signed', '/signed'))).status).toBe(404);
  });

  it('the initial run lists the latest images; pages follow skip and count', async () => {
    const all = (await search(u.alice!, null)).composeExtension.attachments;
    expect(all.length).toBeGreaterThanOrEqual(2);
    const second = (await search(u.alice!, null, { skip: 1, count: 1 })).composeExtension.attachments;
    expect(second).toHaveLength(1);
    expect(second[0].preview.content.title).toBe(all[1].preview.content.title);
  });

  it('never shows someone else’s images, and says so when nothing matches', async () => {
    const bob = await search(u.bob!, 'koala');
    expect(bob.composeExtension).toEqual({ type: 'message', text: 'No images of yours match "koala".' });
    const none = await search(u.carol!, null);
    expect(none.composeExtension.text).toMatch(/You have no images yet/);
  });

  it('an unknown command gets a message', async () => {
    const body = await invoke(u.alice!, 'composeExtension/query', { commandId: 'nope', parameters: [] });
    expect(body.composeExtension.type).toBe('message');
  });
});

// The personal chat works the same way: the card lands where the command was used.
it('creating from the personal chat posts there', async () => {
  const chat = personalChat(u.bob!);
  const before = connector.in(chat.id).length;
  await submit(u.bob!, { intent: 'create', prompt: 'a bridge made of paperclips', model: 'auto' }, chat);
  await host.bot!.idle();
  const calls = connector.in(chat.id).slice(before);
  expect(calls).toHaveLength(2);
  // Bob's own chat: the card is drawn for him, with Delete.
  expect(connector.card(calls[1]).actions.map((a: any) => a.title)).toContain('Delete');
});

// Over a soft limit the posted card waits for a manager and becomes the image when they approve.
it('a card posted from the form updates in place when a manager approves it', async () => {
  const bobChat = personalChat(u.bob!);
  const hello = message(host, connector.url, u.bob!, bobChat, '/help'); // bob's 1:1 chat becomes known
  expect((await post(host, hello)).status).toBe(200);
  await host.call('PATCH', '/api/v1/departments/marketing', {
    token: t.carol,
    body: { budget: { limitAud: '0' } },
  });
  const before = connector.in(group.id).length;
  const form = { intent: 'create', prompt: 'a koala asking for more budget', model: 'auto' };
  await submit(u.alice!, form);
  await host.bot!.idle();
  const posted = connector.in(group.id)[before]!;
  expect(cardText(connector.card(posted))).toMatch(/I asked Bob Smith to approve/);

  const ask = connector.card(connector.in(bobChat.id).at(-1));
  const approvalId = ask.actions.find((a: any) => a.verb === 'approve').data.approvalId;
  const click = cardAction(host, connector.url, u.bob!, bobChat, 'x', 'approve', { approvalId });
  expect((await post(host, click)).status).toBe(200);
  await host.bot!.idle();
  const updates = connector.in(group.id).filter((c) => c.method === 'PUT' && c.activityId === posted.id);
  const final = cardText(connector.card(updates.at(-1)));
  expect(final).toMatch(/Your image is ready/);
  expect(final).toMatch(/Approved by Bob Smith/);
});
