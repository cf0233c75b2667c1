// The live quote beside the prompt form: the price, the model the router chose, what the department has left
// and what the budget decision would be, cheaper or commercially safe alternatives, an identical earlier image
// to reuse instead of paying again, and prompt-safety findings by type and position (never the text).
import type { EstimateView, ModelView } from '@donatello/contracts';
import {
  Badge,
  Button,
  Card,
  CardHeader,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Skeleton,
  SkeletonItem,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ProblemBar } from '../components/ProblemBar.tsx';
import { ImageTile } from '../components/ImageTile.tsx';
import { BudgetMeter } from '../components/BudgetMeter.tsx';
import { describeFinding, formatAud, formatDateTime } from '../format.ts';
import { alternatives, type PromptDraft } from './draft.ts';
import type { QuoteState } from './useQuote.ts';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // A stale quote says "Updating…" beside the title rather than fading: faded text fails contrast (WCAG 1.4.3).
  stale: { fontStyle: 'italic' },
  price: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  reuse: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(96px, 1fr))',
    gap: tokens.spacingHorizontalS,
  },
});

const DECISIONS: Record<
  EstimateView['decision'],
  { label: string; color: 'success' | 'warning' | 'danger' | 'informative'; text: string }
> = {
  allow: { label: 'Within budget', color: 'success', text: 'It runs straight away.' },
  warn: {
    label: 'Over budget (warning)',
    color: 'warning',
    text: 'It runs, and your managers are told the limit is passed.',
  },
  needs_approval: {
    label: 'Needs approval',
    color: 'warning',
    text: 'It is over the limit: a manager must approve it before it runs.',
  },
  deny: {
    label: 'Over the hard limit',
    color: 'danger',
    text: 'It would be refused: the department budget does not cover it.',
  },
};

export interface QuotePanelProps {
  state: QuoteState;
  draft: PromptDraft;
  models: ModelView[] | null;
  departmentName?: string | null;
  onChooseModel?: (modelId: string) => void;
  onReuse?: (generationId: string) => void;
}

export function QuotePanel({
  state,
  draft,
  models,
  departmentName,
  onChooseModel,
  onReuse,
}: QuotePanelProps) {
  const styles = useStyles();
  const { quote, stale, loading, error } = state;
  if (!quote && !loading && !error) {
    return (
      <Card className={styles.card} aria-label="Price">
        <CardHeader header={<Text weight="semibold">Price</Text>} />
        <Text className={styles.muted}>
          Describe the image to see what it costs and what your department has left.
        </Text>
      </Card>
    );
  }
  if (!quote) {
    return (
      <Card className={styles.card} aria-label="Price" aria-busy={loading}>
        <CardHeader header={<Text weight="semibold">Price</Text>} />
        {loading ? (
          <Skeleton aria-label="Working out the price">
            <SkeletonItem size={24} />
            <SkeletonItem size={16} />
          </Skeleton>
        ) : (
          <ProblemBar error={error} />
        )}
      </Card>
    );
  }
  // A prompt that safety refuses would never reach the budget: say that, not "within budget".
  const decision =
    quote.safety.decision === 'block'
      ? {
          label: 'Would be refused',
          color: 'danger' as const,
          text: 'The prompt would be refused; see why below.',
        }
      : DECISIONS[quote.decision];
  const alts = models ? alternatives(quote, models, draft) : [];
  const findings = quote.safety.findings;
  return (
    <Card className={styles.card} aria-label="Price" aria-busy={loading}>
      <CardHeader
        header={<Text weight="semibold">Price</Text>}
        description={stale ? <Text className={styles.muted}>Updating…</Text> : undefined}
      />
      <div className={stale ? styles.stale : undefined} aria-live="polite">
        <div className={styles.price}>
          <Text size={700} weight="semibold">
            {formatAud(quote.totalCostAud)}
          </Text>
          <Text className={styles.muted}>
            {draft.n > 1 ? `${draft.n} × ${formatAud(quote.unitCostAud)} ` : ''}with {quote.modelName}
          </Text>
          <Badge appearance="tint" color={decision.color}>
            {decision.label}
          </Badge>
        </div>
        <Text size={200} className={styles.muted}>
          {decision.text}
          {quote.maxCostAud !== quote.totalCostAud
            ? ` Up to ${formatAud(quote.maxCostAud)} is held while it runs, in case a dearer model has to step in.`
            : ''}
        </Text>
      </div>
      {quote.budget ? (
        <BudgetMeter budget={quote.budget} departmentName={departmentName ?? null} compact />
      ) : null}
      {findings.length > 0 ? (
        <MessageBar intent={quote.safety.decision === 'block' ? 'error' : 'warning'} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {quote.safety.decision === 'block' ? 'This prompt would be refused' : 'Check this prompt'}
            </MessageBarTitle>
            <ul className={styles.list} aria-label="What was found">
              {findings.map((f, i) => (
                <li key={i}>{describeFinding(f)}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {alts.length > 0 ? (
        <div>
          <Text weight="semibold" block>
            Other models
          </Text>
          <ul className={styles.list}>
            {alts.map((a) => (
              <li key={`${a.model.provider}/${a.model.id}/${a.why}`}>
                {a.model.displayName}: {formatAud(a.unitPriceAud)} each
                {a.why === 'commercially-safe' ? ', commercially safe' : ', cheaper'}{' '}
                {onChooseModel ? (
                  <Button size="small" appearance="transparent" onClick={() => onChooseModel(a.model.id)}>
                    Use {a.model.displayName}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {quote.existing ? (
        <div>
          <Text weight="semibold" block>
            Made before
          </Text>
          <Text as="p" size={200} className={styles.muted}>
            An identical request was made in your department on {formatDateTime(quote.existing.createdAt)}.
            Reuse it instead of paying again.
          </Text>
          <div className={styles.reuse}>
            {quote.existing.images.slice(0, 4).map((img) => (
              <ImageTile
                key={img.id}
                image={img}
                alt={draft.prompt}
                onOpen={() => onReuse?.(quote.existing!.generationId)}
              />
            ))}
          </div>
          {onReuse ? (
            <Button size="small" onClick={() => onReuse(quote.existing!.generationId)}>
              Open the earlier image
            </Button>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
