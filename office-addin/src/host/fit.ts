// Where a picture goes, in points: inside a slide with a margin and centred, or across a Word text column.
// Pure arithmetic, shared by the PowerPoint, Word and preview hosts so all three place a picture the same way.
// Do not break: the result always keeps the image's aspect ratio and never leaves the box it was fitted into.
import { SLIDE_MARGIN_PT, type PageSize, type Placement } from './office-host.ts';

/** Points are kept to two decimals: finer than any screen or printer, and stable in tests. */
const round = (n: number) => Math.round(n * 100) / 100;

function checkImage(widthPx: number, heightPx: number): void {
  if (!(widthPx > 0 && heightPx > 0 && Number.isFinite(widthPx) && Number.isFinite(heightPx)))
    throw new RangeError(`image size must be positive, got ${widthPx}×${heightPx}`);
}

/**
 * The largest rectangle with the image's aspect ratio inside `box` less `margin` on every side, centred in the box.
 * Pictures grow or shrink to fill the space: a generated image is meant to be the slide's subject.
 */
export function fitInside(
  box: { left?: number; top?: number; width: number; height: number },
  widthPx: number,
  heightPx: number,
  margin = 0,
): Placement {
  checkImage(widthPx, heightPx);
  const availableW = Math.max(box.width - 2 * margin, 1);
  const availableH = Math.max(box.height - 2 * margin, 1);
  const scale = Math.min(availableW / widthPx, availableH / heightPx);
  const width = widthPx * scale;
  const height = heightPx * scale;
  return {
    left: round((box.left ?? 0) + (box.width - width) / 2),
    top: round((box.top ?? 0) + (box.height - height) / 2),
    width: round(width),
    height: round(height),
  };
}

/** A picture on a slide: inside the slide less SLIDE_MARGIN_PT, centred. */
export function fitOnSlide(slide: PageSize, widthPx: number, heightPx: number): Placement {
  return fitInside(slide, widthPx, heightPx, SLIDE_MARGIN_PT);
}

/** A4 with Word's 2.54 cm margins, in points: the text area assumed when Word cannot report its page setup
 * (Word on the web has no page setup API). A4 because the customers are Australian. */
export const DEFAULT_TEXT_COLUMN = { width: 451.3, height: 697.9 } as const;

/** An inline picture in Word: as wide as the text column, but never taller than the page's text area. */
export function fitToColumn(
  column: { width: number; height: number },
  widthPx: number,
  heightPx: number,
): { width: number; height: number } {
  const { width, height } = fitInside(column, widthPx, heightPx);
  return { width, height };
}
