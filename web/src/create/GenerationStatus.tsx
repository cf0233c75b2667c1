// Where a generation stands after Generate: progress while it runs, who must approve it while it waits (updated
// when they decide), the images when it is done, and the reason when it is not. The page decides what a
// finished image offers (the tab opens it in the gallery; the add-in inserts it).
import type { GenerationView } from '@donatello/contracts';
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Field,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { ProblemBar } from '../components/ProblemBar.tsx';
import { ImageTile } from '../components/ImageTile.tsx';
import { formatAud, formatDateTime } from '../format.ts';
import type { GenerationState } from './useGeneration.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  images: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
});

function names(people: { displayName: string }[]): string {
  const n = people.map((p) => p.displayName);
  return n.length <= 1 ? (n[0] ?? 'a manager') : `${n.slice(0, -1).join(', ')} or ${n[n.length - 1]}`;
}

export function GenerationStatus({
  state,
  onOpenImage,
  imageActions,
  selectedIndex,
  tileShape = 'square',
}: {
  state: Pick<GenerationState, 'phase' | 'generation' | 'approval' | 'error'>;
  onOpenImage?: (g: GenerationView, index: number) => void;
  /** The image the page is working with (the add-in's insert), drawn as selected. */
  selectedIndex?: number;
  /** How the images are drawn (ImageTile's `shape`): the add-in shows them in their own shape. */
  tileShape?: 'square' | 'natural';
  /** Extra actions under the finished images (Insert, Open in gallery). */
  imageActions?: (g: GenerationView) => ReactNode;
}) {
  const styles = useStyles();
  const g = state.generation;
  switch (state.phase) {
    case 'idle':
      return null;
    case 'starting':
    case 'working':
      return (
        <div className={styles.root} role="status">
          <Field
            label={g?.status === 'running' ? `Drawing ${g.n} image${g.n === 1 ? '' : 's'}…` : 'Starting…'}
            hint={g ? `${g.model ? `${g.model} · ` : ''}${formatAud(g.costAud)} reserved` : undefined}
          >
            <ProgressBar />
          </Field>
        </div>
      );
    case 'waiting-approval': {
      const a = state.approval;
      return (
        <MessageBar intent="warning" layout="multiline" role="status">
          <MessageBarBody>
            <MessageBarTitle>Waiting for approval</MessageBarTitle>
            {a
              ? ` This is over your department's limit, so ${names(a.approvers)} must approve it (${formatAud(a.amountAud)}). It runs as soon as they do; this page updates by itself. The request expires ${formatDateTime(a.expiresAt)}.`
              : " This is over your department's limit, so a manager must approve it. This page updates when they decide."}
          </MessageBarBody>
        </MessageBar>
      );
    }
    case 'failed':
      return <ProblemBar error={state.error} />;
    case 'succeeded':
      if (!g) return null;
      return (
        <div className={styles.root} role="status">
          {g.approval?.status === 'approved' && state.approval?.decidedBy ? (
            <MessageBar intent="success">
              <MessageBarBody>
                <MessageBarTitle>Approved</MessageBarTitle> by {state.approval.decidedBy.displayName}
                {state.approval.comment ? `: “${state.approval.comment}”` : ''}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          <Text weight="semibold">
            Done: {g.images.length} image{g.images.length === 1 ? '' : 's'} for {formatAud(g.costAud)}
          </Text>
          <div className={styles.images}>
            {g.images.map((img, i) => (
              <ImageTile
                key={img.id}
                image={img}
                alt={g.prompt}
                title={`Image ${i + 1} of ${g.images.length}`}
                selected={selectedIndex === i}
                shape={tileShape}
                onOpen={() => onOpenImage?.(g, i)}
              />
            ))}
          </div>
          {imageActions?.(g)}
        </div>
      );
  }
}
