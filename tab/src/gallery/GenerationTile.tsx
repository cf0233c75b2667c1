// One generation in the gallery grid: its first image, or where it stands when it has none (waiting for
// approval, refused, failed, still drawing). The caption names the prompt, who made it and when.
import type { GenerationView } from '@donatello/contracts';
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
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
  const done = g.status === 'succeeded' && first;
  const status = STATUS[g.status] ?? { label: g.status, color: 'subtle' as const };
  return (
    <div className={styles.wrap}>
      <ImageTile
        image={done ? first : null}
        placeholder={
          <Badge appearance="tint" color={status.color} size="large">
            {status.label}
          </Badge>
        }
        alt={g.prompt}
        title={g.prompt}
        meta={meta(g)}
        tabIndex={tabIndex}
        onOpen={onOpen}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
      />
      {done && g.images.length > 1 ? (
        <Badge className={styles.count} appearance="filled" color="informative" aria-hidden>
          {g.images.length}
        </Badge>
      ) : null}
    </div>
  );
});
