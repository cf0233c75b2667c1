// One generation in the gallery grid: its first image, or where it stands when it has none (waiting for
// approval, refused, failed, still drawing). The caption names the prompt, who made it and when.
import type { GenerationView } from '@donatello/contracts';
import { Badge, Text, makeStyles, shorthands, tokens } from '@fluentui/react-components';
import { memo, type KeyboardEvent } from 'react';
import { ImageTile, formatDateTime } from '@donatello/web';

const useStyles = makeStyles({
  wrap: { position: 'relative', width: '100%' },
  count: {
    position: 'absolute',
    top: tokens.spacingVerticalS,
    right: tokens.spacingHorizontalS,
    pointerEvents: 'none',
  },
  status: {
    width: '100%',
    display: 'flex',
    flexDirection: 'column',
    padding: 0,
    ...shorthands.border(tokens.strokeWidthThin, 'dashed', tokens.colorNeutralStroke1),
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    cursor: 'pointer',
    textAlign: 'start',
    overflow: 'hidden',
    ':focus-visible': {
      outlineWidth: tokens.strokeWidthThick,
      outlineStyle: 'solid',
      outlineColor: tokens.colorStrokeFocus2,
      outlineOffset: '2px',
    },
  },
  statusFrame: {
    aspectRatio: '1 / 1',
    width: '100%',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    backgroundColor: tokens.colorNeutralBackground3,
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

const STATUS: Record<string, { label: string; color: 'warning' | 'danger' | 'informative' | 'subtle' }> = {
  queued: { label: 'Queued', color: 'informative' },
  running: { label: 'Drawing…', color: 'informative' },
  pending_approval: { label: 'Waiting for approval', color: 'warning' },
  rejected: { label: 'Not approved', color: 'danger' },
  expired: { label: 'Approval expired', color: 'subtle' },
  failed: { label: 'Failed', color: 'danger' },
  blocked: { label: 'Prompt refused', color: 'danger' },
};

export interface GenerationTileProps {
  generation: GenerationView;
  /** Its place in the grid; the handlers get it back, so they can stay the same for every tile. */
  index: number;
  tabIndex: number;
  onOpen: (index: number) => void;
  onKeyDown: (index: number, e: KeyboardEvent<HTMLButtonElement>) => void;
  onFocus: (index: number) => void;
}

export function meta(g: GenerationView): string {
  return `${g.owner.displayName} · ${formatDateTime(g.createdAt)}`;
}

/** Memoised: scrolling re-renders the grid every frame, and only tiles whose props changed should render. */
export const GenerationTile = memo(function GenerationTile({
  generation: g,
  index,
  tabIndex,
  onOpen: openAt,
  onKeyDown: keyAt,
  onFocus: focusAt,
}: GenerationTileProps) {
  const styles = useStyles();
  const onOpen = () => openAt(index);
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => keyAt(index, e);
  const onFocus = () => focusAt(index);
  const first = g.images[0];
  if (g.status === 'succeeded' && first) {
    return (
      <div className={styles.wrap}>
        <ImageTile
          image={first}
          alt={g.prompt}
          title={g.prompt}
          meta={meta(g)}
          tabIndex={tabIndex}
          onOpen={onOpen}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
        />
        {g.images.length > 1 ? (
          <Badge className={styles.count} appearance="filled" color="informative" aria-hidden>
            {g.images.length}
          </Badge>
        ) : null}
      </div>
    );
  }
  const status = STATUS[g.status] ?? { label: g.status, color: 'subtle' as const };
  return (
    <button
      type="button"
      className={styles.status}
      tabIndex={tabIndex}
      onClick={onOpen}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      <span className={styles.statusFrame}>
        <Badge appearance="tint" color={status.color} size="large">
          {status.label}
        </Badge>
      </span>
      <span className={styles.caption}>
        <Text className={styles.title}>{g.prompt}</Text>
        <Text size={200} className={styles.meta}>
          {meta(g)}
        </Text>
      </span>
    </button>
  );
});
