// A department's budget at a glance: how much of this period's limit is spent, what is left, what the mode does
// when it runs out, and when it resets. The bar turns to warning at the first alert threshold and to error at the
// limit, the same thresholds that alert the managers.
import type { BudgetSummaryView } from '@donatello/contracts';
import { Badge, Field, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import { formatAud, formatDate, formatPercent } from '../format.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: '220px' },
  line: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
});

const MODE_TEXT: Record<BudgetSummaryView['mode'], { badge: string; rule: string }> = {
  hard: { badge: 'Hard limit', rule: 'Requests over the limit are refused.' },
  soft: { badge: 'Soft limit', rule: 'Requests over the limit wait for a manager to approve them.' },
  warn: { badge: 'Warning only', rule: 'Requests over the limit run, and the managers are told.' },
};

export type MeterLevel = 'ok' | 'warning' | 'over';

/** Where spending stands against the thresholds: `over` at or past the limit, `warning` past the first alert. */
export function meterLevel(
  b: Pick<BudgetSummaryView, 'utilisation' | 'thresholds' | 'remainingAud'>,
): MeterLevel {
  const pct = b.utilisation * 100;
  if (pct >= 100 || Number(b.remainingAud) === 0) return 'over';
  const first = b.thresholds[0] ?? 80;
  return pct >= first ? 'warning' : 'ok';
}

export function BudgetMeter({
  budget,
  departmentName,
  compact = false,
}: {
  budget: BudgetSummaryView;
  departmentName?: string | null;
  compact?: boolean;
}) {
  const styles = useStyles();
  const level = meterLevel(budget);
  const mode = MODE_TEXT[budget.mode];
  const reserved = Number(budget.reservedAud) > 0;
  const label = `${departmentName ? `${departmentName} budget` : 'Budget'} this period`;
  return (
    <div className={styles.root}>
      <Field
        label={label}
        validationState={level === 'over' ? 'error' : level === 'warning' ? 'warning' : 'none'}
        validationMessage={
          level === 'over'
            ? `The limit is reached. ${mode.rule}`
            : level === 'warning'
              ? `${formatPercent(budget.utilisation)} used: past the ${budget.thresholds[0]}% alert.`
              : undefined
        }
      >
        <ProgressBar
          value={Math.min(1, Math.max(0, budget.utilisation))}
          max={1}
          thickness="large"
          color={level === 'over' ? 'error' : level === 'warning' ? 'warning' : 'brand'}
          aria-valuetext={`${formatAud(budget.spentAud)} spent of ${formatAud(budget.limitAud)}`}
        />
      </Field>
      <div className={styles.line}>
        <Text weight="semibold">{formatAud(budget.remainingAud)} left</Text>
        <Text className={styles.muted}>
          {formatAud(budget.spentAud)} spent of {formatAud(budget.limitAud)}
        </Text>
        <Badge
          appearance="outline"
          color={budget.mode === 'hard' ? 'danger' : budget.mode === 'soft' ? 'warning' : 'informative'}
        >
          {mode.badge}
        </Badge>
      </div>
      {compact ? null : (
        <>
          {reserved ? (
            <Text size={200} className={styles.muted}>
              {formatAud(budget.reservedAud)} held for requests in progress.
            </Text>
          ) : null}
          <Text size={200} className={styles.muted}>
            {mode.rule} Resets {formatDate(budget.period.end, budget.period.timeZone)}.
            {budget.forecast.exhaustsOn
              ? ` At this pace it runs out on ${formatDate(budget.forecast.exhaustsOn)}.`
              : ''}
          </Text>
        </>
      )}
    </div>
  );
}
