// Arrow-key movement in the image grid (a roving tabindex: one tile is tabbable, arrows move between them).
// Pure, so the rules are tested without a browser: left/right step, up/down move a row, Home/End go to the
// row's ends (with Ctrl: the whole grid's), PageUp/PageDown move a screenful of rows.

export function nextIndex(
  key: string,
  index: number,
  count: number,
  columns: number,
  opts: { ctrl?: boolean; pageRows?: number } = {},
): number | null {
  if (count === 0) return null;
  const cols = Math.max(1, columns);
  const rowStart = index - (index % cols);
  const page = Math.max(1, opts.pageRows ?? 3) * cols;
  let next: number;
  switch (key) {
    case 'ArrowRight':
      next = index + 1;
      break;
    case 'ArrowLeft':
      next = index - 1;
      break;
    case 'ArrowDown':
      next = index + cols;
      break;
    case 'ArrowUp':
      next = index - cols;
      break;
    case 'Home':
      next = opts.ctrl ? 0 : rowStart;
      break;
    case 'End':
      next = opts.ctrl ? count - 1 : Math.min(count - 1, rowStart + cols - 1);
      break;
    case 'PageDown':
      next = Math.min(count - 1, index + page);
      break;
    case 'PageUp':
      next = Math.max(0, index - page);
      break;
    default:
      return null;
  }
  if (next < 0 || next >= count) return index;
  return next;
}
