import { describe, expect, it } from 'vitest';
import { GEN_ID, generationView } from '../fixtures.test-support.ts';
import { foundImageAttachment } from './found-image.ts';
import { cardText, checkCard } from './validate.test-support.ts';

describe('Find image result', () => {
  const found = {
    generation: generationView({ prompt: 'a koala [click](https://evil.example) presenting' }),
    imageUrl: `https://donatello.example/api/v1/images/${GEN_ID}_0/signed?sig=a`,
    thumbnailUrl: `https://donatello.example/api/v1/images/${GEN_ID}_0/thumbnail/signed?sig=b`,
    galleryUrl: 'https://teams.microsoft.com/l/entity/app/gallery',
  };

  it('previews the thumbnail and inserts a card with the full image, alt text and no cost', () => {
    const a = foundImageAttachment(found);
    expect(a.preview?.contentType).toBe('application/vnd.microsoft.card.thumbnail');
    expect(a.preview?.content.images[0]).toEqual({
      url: found.thumbnailUrl,
      alt: expect.stringMatching(/^AI-generated image: a koala/),
    });
    expect(checkCard(a.content).events).toEqual([]);
    const text = cardText(a.content);
    expect(text).toContain('Alice Nguyen');
    expect(text).not.toMatch(/A\$/);
    expect(JSON.stringify(a.content)).toContain(found.imageUrl);
    // A prompt cannot smuggle a link into the card's Markdown (alt text is not rendered as Markdown).
    const blocks = (a.content.body as { type: string }[]).filter((e) => e.type === 'TextBlock');
    expect(JSON.stringify(blocks)).toContain('koala [click]');
    expect(JSON.stringify(blocks)).not.toContain('](https://evil.example)');
  });
});
