// The line under the shape choice in the task pane: whether the chosen shape suits the slide or page, and what
// happens to one that does not (it is fitted, never cropped).
import type { ImageSize } from '../host/index.ts';

export function shapeHint(
  size: string,
  suits: ImageSize | null,
  surface: 'slide' | 'page',
): string | undefined {
  if (suits === null) return undefined;
  if (size === suits) return `Suits the ${surface}.`;
  return surface === 'page'
    ? 'Fitted to the text column, never cropped.'
    : 'Fitted inside the slide with a margin, never cropped.';
}
