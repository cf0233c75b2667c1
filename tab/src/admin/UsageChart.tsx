// Spend by day as a bar chart (@fluentui/react-charts). Amounts become numbers only here, to draw bars; every
// figure shown as text is the API's decimal string.
import type { UsageView } from '@donatello/contracts';
import { VerticalBarChart, type VerticalBarChartDataPoint } from '@fluentui/react-charts';
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { formatAud, formatDate } from '@donatello/web';

const useStyles = makeStyles({
  chart: { width: '100%', minHeight: '260px' },
  empty: { color: tokens.colorNeutralForeground3, padding: `${tokens.spacingVerticalXL} 0` },
});

export function UsageChart({ usage }: { usage: UsageView }) {
  const styles = useStyles();
  if (usage.rows.length === 0) return <Text className={styles.empty}>Nothing was spent in this period.</Text>;
  const data: VerticalBarChartDataPoint[] = usage.rows.map((r) => ({
    x: formatDate(r.key),
    y: Number(r.costAud),
    legend: 'Spend',
    xAxisCalloutData: formatDate(r.key),
    yAxisCalloutData: formatAud(r.costAud),
    barLabel: formatAud(r.costAud),
  }));
  return (
    <div className={styles.chart}>
      <VerticalBarChart
        data={data}
        chartTitle="Spend by day (AUD)"
        height={260}
        hideLegend
        useSingleColor
        colors={[tokens.colorBrandBackground]}
        barWidth="auto"
        maxBarWidth={48}
        yAxisTickFormat={(v: number) => `A$${v.toFixed(2)}`}
        wrapXAxisLables
      />
    </div>
  );
}
