// One image as a tile: its thumbnail (a skeleton while it loads, a plain message if it cannot), the prompt as
// alt text and caption, and one action (open); or, before there is an image, a placeholder (where it stands) in
// the same frame. Used by the gallery grid and by the quote's "reuse" hint; the
// parent decides focus (roving tabindex) and grid roles.
import type { ImageView } from '@donatello/contracts';
import {
  Skeleton,
  SkeletonItem,
  Text,
  makeStyles,
  mergeClasses,
  shorthands,
  tokens,
} from '@fluentui/react-components';
import { ImageOffRegular } from '@fluentui/react-icons';
import { forwardRef, type KeyboardEvent, type ReactNode } from 'react';
import { useAuthedImage } from './AuthedImage.tsx';

const useStyles = makeStyles({
  tile: {
    display: 'flex',
    flexDirection: 'column',
    width: '100%',
    padding: 0,
    ...shorthands.border(tokens.strokeWidthThin, 'solid', tokens.colorNeutralStroke2),
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    cursor: 'pointer',
    textAlign: 'start',
    overflow: 'hidden',
    boxShadow: tokens.shadow2,
    ':hover': { boxShadow: tokens.shadow8, ...shorthands.borderColor(tokens.colorNeutralStroke1Hover) },
    ':focus-visible': {
      outlineWidth: tokens.strokeWidthThick,
      outlineStyle: 'solid',
      outlineColor: tokens.colorStrokeFocus2,
      outlineOffset: '2px',
    },
  },
  selected: { ...shorthands.borderColor(tokens.colorBrandStroke1) },
  pending: {
    ...shorthands.borderStyle('dashed'),
    ...shorthands.borderColor(tokens.colorNeutralStroke1),
    boxShadow: 'none',
  },
  frame: {
    position: 'relative',
    width: '100%',
    aspectRatio: '1 / 1',
    backgroundColor: tokens.colorNeutralBackground3,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
  },
  img: { width: '100%', height: '100%', objectFit: 'cover', display: 'block' },
  skeleton: { position: 'absolute', inset: 0 },
  skeletonItem: { width: '100%', height: '100%', borderRadius: 0 },
  failed: {
    color: tokens.colorNeutralForeground3,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: tokens.spacingVerticalXS,
  },
  caption: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    minWidth: 0,
  },
  title: {
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
    overflowWrap: 'anywhere',
  },
  meta: {
    color: tokens.colorNeutralForeground3,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
});

export interface ImageTileProps {
  /** null: there is no image (yet); `placeholder` fills the frame instead. */
  image: ImageView | null;
  placeholder?: ReactNode;
  /** Alt text: what the image shows (the prompt). */
  alt: string;
  title?: string;
  meta?: string;
  selected?: boolean;
  tabIndex?: number;
  onOpen?: () => void;
  onKeyDown?: (e: KeyboardEvent<HTMLButtonElement>) => void;
  onFocus?: () => void;
  className?: string;
  /**
   * `natural`: the frame has the image's own shape and shows the full image (the add-in, where the shape matters
   * on a slide); `square` (default): a square crop of the thumbnail, for grids.
   */
  shape?: 'square' | 'natural';
}

export const ImageTile = forwardRef<HTMLButtonElement, ImageTileProps>(function ImageTile(
  {
    image,
    placeholder,
    alt,
    title,
    meta,
    selected,
    tabIndex,
    onOpen,
    onKeyDown,
    onFocus,
    className,
    shape = 'square',
  },
  ref,
) {
  const styles = useStyles();
  // The 256 px thumbnail would be blurred at its natural shape across a pane: the full image then.
  const state = useAuthedImage(image && (shape === 'natural' ? image.url : image.thumbnailUrl));
  return (
    <button
      ref={ref}
      type="button"
      className={mergeClasses(styles.tile, selected && styles.selected, !image && styles.pending, className)}
      tabIndex={tabIndex}
      onClick={onOpen}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      // With a caption the button is named by what it shows (the prompt, who and when); without one, by the alt text.
      aria-label={
        title ? undefined : `Open image: ${alt}${state.status === 'failed' ? '. Image unavailable' : ''}`
      }
    >
      <span
        className={styles.frame}
        style={image && shape === 'natural' ? { aspectRatio: `${image.width} / ${image.height}` } : undefined}
      >
        {!image ? (
          placeholder
        ) : state.status === 'loaded' ? (
          // The caption already says what it is: the image itself adds nothing to read out.
          <img
            className={styles.img}
            src={state.src}
            alt={title ? '' : alt}
            draggable={false}
            decoding="async"
          />
        ) : state.status === 'failed' ? (
          <span className={styles.failed}>
            <ImageOffRegular fontSize={32} aria-hidden />
            <Text size={200}>Image unavailable</Text>
          </span>
        ) : (
          <Skeleton className={styles.skeleton} aria-label="Loading image">
            <SkeletonItem className={styles.skeletonItem} />
          </Skeleton>
        )}
      </span>
      {title || meta ? (
        <span className={styles.caption}>
          {title ? <Text className={styles.title}>{title}</Text> : null}
          {meta ? (
            <Text size={200} className={styles.meta}>
              {meta}
            </Text>
          ) : null}
        </span>
      ) : null}
    </button>
  );
});
