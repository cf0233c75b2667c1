// Fitting in points: inside a slide with a margin and centred, or across a Word text column.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEXT_COLUMN, fitInside, fitOnSlide, fitToColumn } from './fit.ts';
import { DEFAULT_SLIDE, SLIDE_MARGIN_PT } from './office-host.ts';

describe('fitting', () => {
  it('keeps the aspect ratio, stays inside the margin and is centred', () => {
    for (const slide of [
      { width: 960, height: 540 },
      { width: 720, height: 540 },
      { width: 540, height: 960 },
      { width: 1920, height: 1080 },
    ])
      for (const [w, h] of [
        [1792, 1024],
        [1024, 1024],
        [1024, 1792],
      ] as const) {
        const p = fitOnSlide({ ...slide, measured: true }, w, h);
        expect(Math.abs(p.width / p.height - w / h)).toBeLessThan(0.01);
        expect(p.left).toBeGreaterThanOrEqual(SLIDE_MARGIN_PT - 0.01);
        expect(p.top).toBeGreaterThanOrEqual(SLIDE_MARGIN_PT - 0.01);
        expect(p.left + p.width).toBeLessThanOrEqual(slide.width - SLIDE_MARGIN_PT + 0.01);
        expect(p.top + p.height).toBeLessThanOrEqual(slide.height - SLIDE_MARGIN_PT + 0.01);
        // Centred: equal space on both sides, and one pair of sides touches the margin.
        expect(Math.abs(p.left - (slide.width - p.left - p.width))).toBeLessThan(0.02);
        expect(Math.abs(p.top - (slide.height - p.top - p.height))).toBeLessThan(0.02);
        expect(Math.min(p.left, p.top)).toBeCloseTo(SLIDE_MARGIN_PT, 1);
      }
  });

  it('the default slide is 960×540 pt', () => {
    expect(fitOnSlide(DEFAULT_SLIDE, 1792, 1024)).toEqual({ left: 70.5, top: 36, width: 819, height: 468 });
  });

  it('fits inside an offset box (a placeholder) without a margin', () => {
    expect(fitInside({ left: 100, top: 50, width: 400, height: 400 }, 1792, 1024)).toEqual({
      left: 100,
      top: 135.71,
      width: 400,
      height: 228.57,
    });
  });

  it('Word: full column width unless the page height limits it', () => {
    expect(fitToColumn(DEFAULT_TEXT_COLUMN, 1792, 1024)).toEqual({ width: 451.3, height: 257.89 });
    expect(fitToColumn(DEFAULT_TEXT_COLUMN, 1024, 1024)).toEqual({ width: 451.3, height: 451.3 });
    expect(fitToColumn(DEFAULT_TEXT_COLUMN, 1024, 1792)).toEqual({ width: 398.8, height: 697.9 });
  });

  it('refuses a size that is not positive', () => {
    expect(() => fitOnSlide(DEFAULT_SLIDE, 0, 1024)).toThrow(RangeError);
    expect(() => fitOnSlide(DEFAULT_SLIDE, Number.NaN, 1024)).toThrow(RangeError);
  });
});
