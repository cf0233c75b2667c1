// One earlier generation in the task pane: its images (pick one when there are several), what it was and what it
// cost, and the insert panel. Reached from Recent images and from the quote's "made before" offer; inserting from
// here never charges anything.
import type { GenerationView } from '@donatello/contracts';
import { Spinner, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular } from '@fluentui/react-icons';
import { ImageTile, ProblemBar, RouteLink, formatAud, formatDateTime, useSignedIn } from '@donatello/web';
import { useEffect, useState } from 'react';
import { InsertPanel } from '../insert/InsertPanel.tsx';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  back: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
  muted: { color: tokens.colorNeutralForeground3 },
  images: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))',
    gap: tokens.spacingHorizontalS,
  },
  single: { gridTemplateColumns: '1fr' },
});

export function RecentDetail({ id }: { id: string }) {
  const styles = useStyles();
  const { api } = useSignedIn();
  const [generation, setGeneration] = useState<GenerationView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [chosen, setChosen] = useState(0);

  useEffect(() => {
    let live = true;
    setGeneration(null);
    setError(null);
    setChosen(0);
    api.generation(id).then(
      (g) => live && setGeneration(g),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [api, id]);

  const back = (
    <RouteLink to="/recent" className={styles.back}>
      <ArrowLeftRegular aria-hidden /> Recent images
    </RouteLink>
  );
  if (error) {
    return (
      <div className={styles.page}>
        {back}
        <ProblemBar error={error} />
      </div>
    );
  }
  if (!generation) return <Spinner label="Loading the image…" />;
  const image = generation.images[Math.min(chosen, generation.images.length - 1)];
  return (
    <div className={styles.page}>
      {back}
      <h1 className={styles.title}>{generation.prompt}</h1>
      <Text size={200} className={styles.muted}>
        {generation.owner.displayName} · {formatDateTime(generation.createdAt)} ·{' '}
        {generation.model ?? 'unknown'} · {formatAud(generation.costAud)}, already paid
      </Text>
      <div className={mergeClasses(styles.images, generation.images.length === 1 && styles.single)}>
        {generation.images.map((img, i) => (
          <ImageTile
            key={img.id}
            image={img}
            alt={generation.prompt}
            title={generation.images.length > 1 ? `Image ${i + 1} of ${generation.images.length}` : undefined}
            selected={generation.images.length > 1 && i === chosen}
            shape="natural"
            onOpen={() => setChosen(i)}
          />
        ))}
      </div>
      {image ? (
        <InsertPanel
          source={{ generationId: generation.id, image }}
          prompt={generation.prompt}
          which={
            generation.images.length > 1
              ? `image ${chosen + 1} of ${generation.images.length} (select another above)`
              : null
          }
        />
      ) : (
        <Text>This generation has no images to insert.</Text>
      )}
    </div>
  );
}
