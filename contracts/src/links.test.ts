// Deep links into the gallery tab: the link the bot's cards and the tab's "Copy link" build, and what the tab reads
// back from Teams (subPageId) or a pasted link. Only a generation id ever comes out.
import { describe, expect, it } from 'vitest';
import { galleryDeepLink, generationIdFromDeepLink } from './links.ts';

const ID = '0b6f1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';

describe('gallery deep links', () => {
  it('builds the Teams entity link with the generation as subEntityId', () => {
    expect(galleryDeepLink('app-1')).toBe('https://teams.microsoft.com/l/entity/app-1/gallery');
    const link = galleryDeepLink('app-1', ID);
    expect(link).toBe(
      `https://teams.microsoft.com/l/entity/app-1/gallery?context=${encodeURIComponent(`{"subEntityId":"${ID}"}`)}`,
    );
    expect(generationIdFromDeepLink(link)).toBe(ID);
  });

  it('reads a subPageId as Teams passes it: bare, JSON, or upper case', () => {
    expect(generationIdFromDeepLink(ID)).toBe(ID);
    expect(generationIdFromDeepLink(` ${ID.toUpperCase()} `)).toBe(ID);
    expect(generationIdFromDeepLink(JSON.stringify({ subEntityId: ID }))).toBe(ID);
    expect(generationIdFromDeepLink(JSON.stringify({ subPageId: ID }))).toBe(ID);
  });

  it('gives nothing for anything that is not a generation id', () => {
    for (const bad of [
      null,
      undefined,
      '',
      'gallery',
      '{"subEntityId":42}',
      '{broken',
      `${ID}/../admin`,
      `javascript:alert(1)`,
      'https://teams.microsoft.com/l/entity/app-1/gallery',
    ]) {
      expect(generationIdFromDeepLink(bad)).toBeNull();
    }
  });
});
