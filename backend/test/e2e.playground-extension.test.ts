// The message extension end to end through the Microsoft 365 Agents Playground: "Create image" (the form
// from a message, its live quote, Create posting a card that updates to the image) and "Find image" (search
// results whose thumbnails load without a token), with the real backend process and the local provider.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAYGROUND_CHATS } from '../../scripts/playground-config.ts';
import { startPlaygroundHarness, type PlaygroundHarness, type StreamEvent } from './support/playground.ts';
import { testFetch } from './support/http.ts';

const cardOf = (e: StreamEvent) =>
  e.message.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
const imageOf = (card: any) => (card?.body ?? []).find((el: any) => el.type === 'Image');
const texts = (card: unknown) => JSON.stringify(card);

describe('message extension through the Agents Playground', () => {
  let h: PlaygroundHarness;
  beforeAll(async () => {
    h = await startPlaygroundHarness();
  });
  afterAll(() => h?.stop());

  const search = (words: string | null) =>
    h.invoke('composeExtension/query', {
      commandId: 'findImage',
      parameters: [words === null ? { name: 'initialRun', value: 'true' } : { name: 'query', value: words }],
      queryOptions: { skip: 0, count: 10 },
    });

  it('Find image says so when there is nothing yet', async () => {
    const res = await search(null);
    expect(res.composeExtension).toMatchObject({
      type: 'message',
      text: expect.stringMatching(/no images yet/),
    });
  });

  it('Create image from a message: the form quotes it, Create posts the card, and it updates to the image', async () => {
    const open = await h.invoke(
      'composeExtension/fetchTask',
      {
        commandId: 'createImage',
        commandContext: 'message',
        messagePayload: {
          body: { contentType: 'html', content: '<p>a wombat <b>launching</b> a product</p>' },
        },
      },
      { chat: PLAYGROUND_CHATS.group },
    );
    const form = open.task.value.card.content;
    expect(form.body.find((e: any) => e.id === 'prompt').value).toBe('a wombat launching a product');
    expect(texts(form)).toContain('A$0.0200');

    const from = h.stream.events.length;
    const submitted = await h.invoke(
      'composeExtension/submitAction',
      {
        commandId: 'createImage',
        commandContext: 'message',
        data: { intent: 'create', prompt: 'a wombat launching a product', size: '1792x1024', model: 'auto' },
      },
      { chat: PLAYGROUND_CHATS.group },
    );
    expect(submitted).toMatchObject({
      task: { type: 'message', value: expect.stringMatching(/Creating your image/) },
    });
    const first = await h.stream.next(
      (e) => e.action === 'createMessage' && e.actionConversationId === PLAYGROUND_CHATS.group && !!cardOf(e),
      60_000,
      from,
    );
    expect(texts(cardOf(first))).toMatch(/Creating your image/);
    const done = await h.stream.next(
      (e) =>
        e.action === 'updateMessage' &&
        e.message.messageId === first.message.messageId &&
        !!imageOf(cardOf(e)),
      60_000,
      from,
    );
    const img = imageOf(cardOf(done));
    expect(img.altText).toMatch(/wombat launching a product/);
    expect((await testFetch(img.url)).headers.get('content-type')).toMatch(/^image\//);
  });

  it('Find image returns the new image as a thumbnail result to insert', async () => {
    const res = await search('Wombat');
    const [hit] = res.composeExtension.attachments;
    expect(res.composeExtension.attachments).toHaveLength(1);
    expect(hit.preview.content.title).toBe('a wombat launching a product');
    const thumb = await testFetch(hit.preview.content.images[0].url);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    const full = await testFetch(imageOf(hit.content).url);
    expect(full.headers.get('content-type')).toMatch(/^image\//);
    expect((await search('platypus')).composeExtension.type).toBe('message');
  });
});
