// What made an image, for people and auditors: prompt, model and provider, size and quality, cost, who and when,
// and the provenance hash (SHA-256 of the image bytes, also written into the PNG's metadata).
import type { GenerationView, ImageView } from '@donatello/contracts';
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { SIZE_LABELS, formatAud, formatDateTime } from '@donatello/web';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  def: { margin: 0, overflowWrap: 'anywhere' },
  hash: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
  prompt: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 },
});

export function DetailFacts({
  generation: g,
  image,
}: {
  generation: GenerationView;
  image: ImageView | null;
}) {
  const styles = useStyles();
  const rows: [string, React.ReactNode][] = [
    ['Prompt', <p className={styles.prompt}>{g.prompt}</p>],
    ...(g.negativePrompt ? ([['Left out', g.negativePrompt]] as [string, string][]) : []),
    ['Model', g.model ?? '—'],
    ['Provider', g.provider ?? '—'],
    ['Size', `${SIZE_LABELS[g.size] ?? ''} ${g.size.replace('x', '×')}${g.quality === 'hd' ? ', HD' : ''}`],
    ...(g.style ? ([['Style', g.style]] as [string, string][]) : []),
    ['For', g.purpose === 'external' ? 'Use outside the organisation' : 'Use inside the organisation'],
    ['Cost', formatAud(g.costAud)],
    ['Made by', g.owner.displayName],
    ['When', formatDateTime(g.finishedAt ?? g.createdAt)],
    ['Status', g.status.replace('_', ' ')],
    ...(image
      ? ([['Provenance (SHA-256)', <span className={styles.hash}>{image.sha256}</span>]] as [
          string,
          React.ReactNode,
        ][])
      : []),
  ];
  return (
    <dl className={styles.list}>
      {rows.map(([term, value]) => (
        <div key={term} style={{ display: 'contents' }}>
          <dt className={styles.term}>
            <Text>{term}</Text>
          </dt>
          <dd className={styles.def}>{typeof value === 'string' ? <Text>{value}</Text> : value}</dd>
        </div>
      ))}
    </dl>
  );
}
