// The aspect chooser: which of the three image sizes the providers make suits a slide or a page, and the
// choices the task pane offers. 16:9 (and other wide slides) → 1792×1024; 4:3 and 1:1 → 1024×1024;
// portrait → 1024×1792 (issue #12). Do not break: every size returned is one the API accepts (IMAGE_SIZE_VALUES).
import type { ImageSize, PageSize } from './office-host.ts';

export type Aspect = 'wide' | 'square' | 'tall';

export interface AspectChoice {
  aspect: Aspect;
  size: ImageSize;
  label: string;
}

export const ASPECT_CHOICES: readonly AspectChoice[] = [
  { aspect: 'wide', size: '1792x1024', label: 'Wide (16:9)' },
  { aspect: 'square', size: '1024x1024', label: 'Square (1:1)' },
  { aspect: 'tall', size: '1024x1792', label: 'Tall (9:16)' },
];

/**
 * Width over height from 1.5 up counts as wide: 16:9 (1.78) and 16:10 (1.6) are wide, 4:3 (1.33) is not, which
 * is what the issue asks (4:3 gets a square image rather than a wide one cropped by the fitting).
 * Height over width from 1.2 up counts as tall: 3:4 (1.33), A4 (1.41) and 9:16 (1.78) portrait slides.
 * Anything between, 5:4 through 5:6, is close enough to square.
 */
const WIDE_FROM = 1.5;
const TALL_FROM = 1.2;

export function aspectForPage(page: Pick<PageSize, 'width' | 'height'>): Aspect {
  if (!(page.width > 0 && page.height > 0)) return 'wide';
  if (page.width / page.height >= WIDE_FROM) return 'wide';
  if (page.height / page.width >= TALL_FROM) return 'tall';
  return 'square';
}

export function sizeFor(aspect: Aspect): ImageSize {
  const choice = ASPECT_CHOICES.find((c) => c.aspect === aspect);
  if (!choice) throw new RangeError(`unknown aspect ${String(aspect)}`);
  return choice.size;
}

/** The default image size for a slide of this size (PowerPoint). */
export function sizeForSlide(slide: Pick<PageSize, 'width' | 'height'>): ImageSize {
  return sizeFor(aspectForPage(slide));
}

/**
 * Word: a wide image. A picture fitted to an A4 text column (451 pt) comes out 258 pt tall when wide but 451 pt
 * (two thirds of the page) when square, and documents illustrate text rather than carry full-page art.
 */
export const WORD_DEFAULT_SIZE: ImageSize = '1792x1024';

/** Pixel size of an API size string. */
export function pixelsOf(size: ImageSize): { widthPx: number; heightPx: number } {
  const [w, h] = size.split('x').map(Number) as [number, number];
  return { widthPx: w, heightPx: h };
}
