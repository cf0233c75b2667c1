// Usage: spend by day (chart), by provider and by user (tables) for a period, and the chargeback CSV of this or
// the previous budget period. The chart is a picture of the "by day" numbers, which are also listed as a table.
import type { DepartmentView, UsageView } from '@donatello/contracts';
import {
  Button,
  Card,
  Dropdown,
  Field,
  Option,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { ProblemBar, formatAud, formatDate, saveFile, useSignedIn } from '@donatello/web';
import { UsageChart } from './UsageChart.tsx';
import { UsageTable } from './UsageTable.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'flex-end' },
  tables: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  total: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
});

const PERIODS = [
  { key: 'current', label: 'This budget period', days: 0 },
  { key: '7', label: 'Last 7 days', days: 7 },
  { key: '30', label: 'Last 30 days', days: 30 },
  { key: '90', label: 'Last 90 days', days: 90 },
] as const;

/** The start date (YYYY-MM-DD, the reset day) of the period before the one starting at `periodStart`. */
export function previousPeriod(periodStart: string, resetDay: number, timeZone: string): string {
  const local = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(periodStart));
  let [y, m] = local.split('-').map(Number) as [number, number];
  m -= 1;
  if (m === 0) {
    m = 12;
    y -= 1;
  }
  return `${y}-${String(m).padStart(2, '0')}-${String(resetDay).padStart(2, '0')}`;
}

export function UsagePage({ department }: { department: DepartmentView }) {
  const styles = useStyles();
  const { api } = useSignedIn();
  const [period, setPeriod] = useState<(typeof PERIODS)[number]['key']>('current');
  const [data, setData] = useState<{ day: UsageView; provider: UsageView; user: UsageView } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);

  useEffect(() => {
    const days = PERIODS.find((p) => p.key === period)!.days;
    const range = days
      ? { from: new Date(Date.now() - days * 86_400_000).toISOString(), to: new Date().toISOString() }
      : {};
    setData(null);
    setError(null);
    let live = true;
    Promise.all([
      api.usage(department.id, { ...range, groupBy: 'day' }),
      api.usage(department.id, { ...range, groupBy: 'provider' }),
      api.usage(department.id, { ...range, groupBy: 'user' }),
    ]).then(
      ([day, provider, user]) => live && setData({ day, provider, user }),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [api, department.id, period]);

  const download = async (which: 'current' | 'previous') => {
    setDownloadError(null);
    try {
      const current = data?.day.from;
      const start =
        which === 'previous' && current
          ? previousPeriod(current, department.budget.resetDay, department.budget.timeZone)
          : undefined;
      const file = await api.chargebackCsv(department.id, start);
      saveFile(file.blob, file.filename);
    } catch (err) {
      setDownloadError(err);
    }
  };

  return (
    <div className={styles.root}>
      <div className={styles.bar}>
        <Field label="Period">
          <Dropdown
            value={PERIODS.find((p) => p.key === period)!.label}
            selectedOptions={[period]}
            onOptionSelect={(_e, d) => d.optionValue && setPeriod(d.optionValue as typeof period)}
          >
            {PERIODS.map((p) => (
              <Option key={p.key} value={p.key}>
                {p.label}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Button
          icon={<ArrowDownloadRegular />}
          onClick={() => void download('current')}
          disabled={period !== 'current' || !data}
        >
          Chargeback CSV (this period)
        </Button>
        <Button
          icon={<ArrowDownloadRegular />}
          onClick={() => void download('previous')}
          disabled={period !== 'current' || !data}
        >
          Chargeback CSV (previous period)
        </Button>
      </div>
      <ProblemBar error={downloadError} />
      {error ? <ProblemBar error={error} /> : null}
      {!data && !error ? <Spinner label="Loading usage…" /> : null}
      {data ? (
        <>
          <Card>
            <Text>
              {department.name}, {formatDate(data.day.from, department.budget.timeZone)} to{' '}
              {formatDate(data.day.to, department.budget.timeZone)}
            </Text>
            <Text className={styles.total}>
              {formatAud(data.day.totalAud)} on {data.day.generations} request
              {data.day.generations === 1 ? '' : 's'}
            </Text>
            <UsageChart usage={data.day} />
          </Card>
          <div className={styles.tables}>
            <UsageTable title="By day" usage={data.day} keyLabel="Day" />
            <UsageTable title="By provider and model" usage={data.provider} keyLabel="Model" />
            <UsageTable title="By person" usage={data.user} keyLabel="Person" />
          </div>
        </>
      ) : null}
    </div>
  );
}
