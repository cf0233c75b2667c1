// The virtualised image grid (issue #11: smooth at 2,000+ images): only the rows in view, plus a couple either
// side, are in the DOM (@tanstack/react-virtual). Columns follow the width. One tile is tabbable at a time and the
// arrow keys move between tiles (grid-keys.ts), scrolling the target row into view before focusing it.
import type { GenerationView } from '@donatello/contracts';
import { makeStyles, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { GenerationTile } from './GenerationTile.tsx';
import { nextIndex } from './grid-keys.ts';

const MIN_TILE = 200;
const GAP = 16;
const PAD = 16;
/** Caption below the square thumbnail: two lines of prompt and one of who and when, with padding. */
const CAPTION = 84;

const useStyles = makeStyles({
  scroller: { flex: '1 1 auto', minHeight: 0, overflowY: 'auto', overflowX: 'hidden', contain: 'strict' },
  grid: { position: 'relative', width: '100%' },
  row: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    display: 'grid',
    columnGap: `${GAP}px`,
    boxSizing: 'border-box',
    paddingLeft: `${PAD}px`,
    paddingRight: `${PAD}px`,
    paddingBottom: `${GAP}px`,
  },
  cell: { minWidth: 0 },
  sentinel: { height: tokens.spacingVerticalXXL },
});

function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}

export interface GalleryGridProps {
  items: GenerationView[];
  hasMore: boolean;
  onNearEnd: () => void;
  onOpen: (g: GenerationView) => void;
  label: string;
}

export function GalleryGrid({ items, hasMore, onNearEnd, onOpen, label }: GalleryGridProps) {
  const styles = useStyles();
  const scrollRef = useRef<HTMLDivElement>(null);
  const width = useWidth(scrollRef);
  const inner = Math.max(0, width - 2 * PAD);
  const columns = Math.max(1, Math.floor((inner + GAP) / (MIN_TILE + GAP)));
  const tile = columns > 0 ? (inner - GAP * (columns - 1)) / columns : MIN_TILE;
  const rows = Math.ceil(items.length / columns);

  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => Math.round(tile + CAPTION + GAP),
    overscan: 2,
    paddingStart: PAD,
  });
  useEffect(() => virtualizer.measure(), [virtualizer, tile, columns]);

  const virtualRows = virtualizer.getVirtualItems();
  const lastRow = virtualRows[virtualRows.length - 1]?.index ?? 0;
  useEffect(() => {
    if (hasMore && rows > 0 && lastRow >= rows - 8) onNearEnd();
  }, [hasMore, lastRow, rows, onNearEnd]);
  useEffect(() => {
    if (hasMore && rows === 0) onNearEnd();
  }, [hasMore, rows, onNearEnd]);

  const [active, setActive] = useState(0);
  const activeIndex = Math.min(active, Math.max(0, items.length - 1));
  const pendingFocus = useRef<number | null>(null);

  useLayoutEffect(() => {
    if (pendingFocus.current === null) return;
    const el = scrollRef.current?.querySelector<HTMLButtonElement>(
      `[data-cell="${pendingFocus.current}"] button`,
    );
    if (el) {
      el.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  });

  // Tiles are memoised: the handlers they get must not change between renders, so they read the latest
  // values through a ref.
  const latest = useRef({ items, columns, onOpen, pageRows: 1 });
  latest.current = {
    items,
    columns,
    onOpen,
    pageRows: Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / (tile + CAPTION + GAP))),
  };
  const open = useCallback((index: number) => {
    const g = latest.current.items[index];
    if (g) latest.current.onOpen(g);
  }, []);
  const focusIndex = useCallback((index: number) => setActive(index), []);
  const onKeyDown = useCallback(
    (index: number, e: KeyboardEvent<HTMLButtonElement>) => {
      const { items: all, columns: cols, pageRows } = latest.current;
      const next = nextIndex(e.key, index, all.length, cols, { ctrl: e.ctrlKey, pageRows });
      if (next === null) return;
      e.preventDefault();
      if (next === index) return;
      setActive(next);
      pendingFocus.current = next;
      virtualizer.scrollToIndex(Math.floor(next / cols), { align: 'auto' });
    },
    [virtualizer],
  );

  return (
    <div ref={scrollRef} className={styles.scroller} data-testid="gallery-scroller">
      <div
        role="grid"
        aria-label={label}
        aria-rowcount={rows}
        aria-colcount={columns}
        className={styles.grid}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {width > 0
          ? virtualRows.map((vr) => (
              <div
                key={vr.key}
                role="row"
                aria-rowindex={vr.index + 1}
                data-index={vr.index}
                ref={virtualizer.measureElement}
                className={styles.row}
                style={{
                  transform: `translateY(${vr.start}px)`,
                  gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
                }}
              >
                {items.slice(vr.index * columns, vr.index * columns + columns).map((g, c) => {
                  const index = vr.index * columns + c;
                  return (
                    <div
                      key={g.id}
                      role="gridcell"
                      aria-colindex={c + 1}
                      className={styles.cell}
                      data-cell={index}
                    >
                      <GenerationTile
                        generation={g}
                        index={index}
                        tabIndex={index === activeIndex ? 0 : -1}
                        onOpen={open}
                        onKeyDown={onKeyDown}
                        onFocus={focusIndex}
                      />
                    </div>
                  );
                })}
              </div>
            ))
          : null}
      </div>
    </div>
  );
}
