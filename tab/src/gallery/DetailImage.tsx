// The full image in the detail view, and a strip to pick among a generation's images.
import type { GenerationView } from '@donatello/contracts';
import { Badge, Skeleton, SkeletonItem, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AuthedImage, ImageTile } from '@donatello/web';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  frame: {
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    display: 'flex',
    justifyContent: 'center',
    alignItems: 'center',
    minHeight: '240px',
    overflow: 'hidden',
  },
  img: { maxWidth: '100%', maxHeight: '62vh', objectFit: 'contain', display: 'block' },
  strip: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, 72px)', gap: tokens.spacingHorizontalS },
  placeholder: { width: '100%', height: '320px' },
  empty: { padding: tokens.spacingHorizontalXL, textAlign: 'center' },
});

export function DetailImage({
  generation: g,
  selected,
  onSelect,
}: {
  generation: GenerationView;
  selected: number;
  onSelect: (i: number) => void;
}) {
  const styles = useStyles();
  const image = g.images[selected] ?? g.images[0];
  return (
    <div className={styles.root}>
      <div className={styles.frame}>
        {image ? (
          <AuthedImage
            key={image.id}
            path={image.url}
            alt={g.prompt}
            className={styles.img}
            fallback={
              <Skeleton aria-label="Loading image" style={{ width: '100%' }}>
                <SkeletonItem className={styles.placeholder} />
              </Skeleton>
            }
          />
        ) : (
          <div className={styles.empty}>
            <Badge appearance="tint" size="large">
              {g.status.replace('_', ' ')}
            </Badge>
            <Text as="p">No image: {g.error?.message ?? 'this request has not produced an image.'}</Text>
          </div>
        )}
      </div>
      {g.images.length > 1 ? (
        <div className={styles.strip} role="group" aria-label="Images in this generation">
          {g.images.map((img, i) => (
            <ImageTile
              key={img.id}
              image={img}
              alt={`${g.prompt} (${i + 1})`}
              selected={i === selected}
              onOpen={() => onSelect(i)}
            />
          ))}
        </div>
      ) : null}
    </div>
  );
}
