// The aspect chooser: slide shapes to the three sizes the providers make.
import { describe, expect, it } from 'vitest';
import { IMAGE_SIZE_VALUES } from '@donatello/contracts';
import {
  ASPECT_CHOICES,
  aspectForPage,
  pixelsOf,
  sizeFor,
  sizeForSlide,
  WORD_DEFAULT_SIZE,
} from './aspect.ts';

describe('aspect chooser', () => {
  it.each([
    ['16:9', 960, 540, '1792x1024'],
    ['16:10', 960, 600, '1792x1024'],
    ['widescreen 13.33 in', 960, 540, '1792x1024'],
    ['4:3', 720, 540, '1024x1024'],
    ['1:1', 540, 540, '1024x1024'],
    ['5:4', 675, 540, '1024x1024'],
    ['3:4 portrait', 540, 720, '1024x1792'],
    ['A4 portrait', 595.3, 841.9, '1024x1792'],
    ['9:16 portrait', 540, 960, '1024x1792'],
    ['A4 landscape (1.41)', 841.9, 595.3, '1024x1024'],
  ] as const)('%s slide (%d×%d pt) → %s', (_name, width, height, size) => {
    expect(sizeForSlide({ width, height })).toBe(size);
  });

  it('the thresholds sit where the issue puts them: 1.5 wide, 1.2 tall', () => {
    expect(aspectForPage({ width: 1.5, height: 1 })).toBe('wide');
    expect(aspectForPage({ width: 1.49, height: 1 })).toBe('square');
    expect(aspectForPage({ width: 1, height: 1.2 })).toBe('tall');
    expect(aspectForPage({ width: 1, height: 1.19 })).toBe('square');
  });

  it('an unreadable size falls back to wide (PowerPoint’s default 16:9)', () => {
    expect(aspectForPage({ width: 0, height: 540 })).toBe('wide');
    expect(aspectForPage({ width: Number.NaN, height: Number.NaN })).toBe('wide');
  });

  it('offers every size the API accepts, and only those', () => {
    expect(ASPECT_CHOICES.map((c) => c.size).sort()).toEqual([...IMAGE_SIZE_VALUES].sort());
    expect(sizeFor('tall')).toBe('1024x1792');
    expect(WORD_DEFAULT_SIZE).toBe('1792x1024');
    expect(pixelsOf('1792x1024')).toEqual({ widthPx: 1792, heightPx: 1024 });
  });
});
