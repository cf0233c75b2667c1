// The Teams bot end to end through the Microsoft 365 Agents Playground: the real backend process, the Playground
// standing in for Teams, messages in through its API and the bot's answers read from its conversation stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devObjectId } from '../src/dev/seed.ts';
import { startPlaygroundHarness, type PlaygroundHarness, type StreamEvent } from './support/playground.ts';
import { testFetch } from './support/http.ts';

const DEV_TENANT = '6b0c2d4e-0000-4000-8000-00000000da11';
const cardOf = (e: StreamEvent) =>
  e.message.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
/** Every element of a card body, containers included. */
const elements = (card: any): any[] =>
  (card?.body ?? []).flatMap((el: any) => [
    el,
    ...elements({ body: [...(el.items ?? []), ...(el.columns ?? [])] }),
  ]);

describe('Agents Playground against the backend', () => {
  let h: PlaygroundHarness;
  beforeAll(async () => {
    h = await startPlaygroundHarness();
  });
  afterAll(() => h?.stop());

  it('acts for the seeded users in the dev tenant', async () => {
    const { config } = await h.config();
    expect(config.tenantId).toBe(DEV_TENANT);
    expect(config.currentUser).toMatchObject({ name: 'Alice Nguyen', aadObjectId: devObjectId('alice') });
    expect(config.users.map((u: any) => u.aadObjectId)).toEqual(
      ['bob', 'dave', 'fiona', 'carol', 'erin'].map(devObjectId),
    );
    expect(config.personalChat.id).toBe(h.personalChat);
  });

  it('/help in the personal chat answers with the help card', async () => {
    const from = h.stream.events.length;
    await h.send('/help');
    const reply = await h.stream.next((e) => e.action === 'createMessage' && !!cardOf(e), 60_000, from);
    expect(reply.actionConversationId).toBe(h.personalChat);
    expect(JSON.stringify(cardOf(reply))).toContain('/imagine');
  });

  it('/imagine answers with a card, then updates it with an image that loads without a token', async () => {
    const from = h.stream.events.length;
    await h.send('/imagine a koala presenting quarterly results');
    const first = await h.stream.next((e) => e.action === 'createMessage' && !!cardOf(e), 60_000, from);
    expect(JSON.stringify(cardOf(first))).toContain('a koala presenting quarterly results');

    const image = (e: StreamEvent) => elements(cardOf(e)).find((el) => el.type === 'Image');
    const done = await h.stream.next(
      (e) => e.message.messageId === first.message.messageId && e.action === 'updateMessage' && !!image(e),
      60_000,
      from,
    );
    const { url, altText } = image(done);
    expect(altText).toMatch(/koala presenting quarterly results/);
    // Teams fetches card images without the user's token: the link itself must carry the permission.
    const res = await testFetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\//);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  });
});
