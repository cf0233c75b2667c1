// The budget meter: the bar's level follows the alert thresholds, the text says what is left and what the mode
// does at the limit, and dates are the department's (a period starting at midnight in Sydney starts on the 1st).
import type { BudgetSummaryView } from '@donatello/contracts';
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BudgetMeter, meterLevel } from './BudgetMeter.tsx';

const budget = (over: Partial<BudgetSummaryView> = {}): BudgetSummaryView => ({
  limitAud: '5.0000',
  mode: 'soft',
  period: {
    start: '2026-11-30T13:00:00.000Z',
    end: '2026-12-31T13:00:00.000Z',
    timeZone: 'Australia/Sydney',
  },
  spentAud: '1.0000',
  reservedAud: '0.0000',
  remainingAud: '4.0000',
  overageAud: '0.0000',
  utilisation: 0.2,
  thresholds: [80, 90, 100],
  forecast: { dailyBurnAud: '0.1000', exhaustsOn: null },
  ...over,
});

const show = (b: BudgetSummaryView) =>
  render(
    <FluentProvider theme={teamsLightTheme}>
      <BudgetMeter budget={b} departmentName="Marketing" />
    </FluentProvider>,
  );

describe('BudgetMeter', () => {
  it('levels: ok below the first threshold, warning from it, over at the limit or with nothing left', () => {
    expect(meterLevel(budget({ utilisation: 0.79 }))).toBe('ok');
    expect(meterLevel(budget({ utilisation: 0.8 }))).toBe('warning');
    expect(meterLevel(budget({ utilisation: 0.5, thresholds: [50] }))).toBe('warning');
    expect(meterLevel(budget({ utilisation: 1 }))).toBe('over');
    expect(meterLevel(budget({ utilisation: 0.9, remainingAud: '0.0000' }))).toBe('over');
  });

  it('says what is left, of what, the mode, and when it resets in the department time zone', () => {
    show(budget());
    expect(screen.getByText('A$4.00 left')).toBeTruthy();
    expect(screen.getByText('A$1.00 spent of A$5.00')).toBeTruthy();
    expect(screen.getByText('Soft limit')).toBeTruthy();
    expect(screen.getByText(/Resets 1 Jan 2027\./)).toBeTruthy();
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('0.2');
    expect(bar.getAttribute('aria-valuetext')).toBe('A$1.00 spent of A$5.00');
  });

  it('warns past the first alert, and at the limit says what happens next', () => {
    const { unmount } = show(budget({ utilisation: 0.85, spentAud: '4.2500', remainingAud: '0.7500' }));
    expect(screen.getByText('85% used: past the 80% alert.')).toBeTruthy();
    unmount();
    show(budget({ mode: 'hard', utilisation: 1, spentAud: '5.0000', remainingAud: '0.0000' }));
    expect(screen.getByText('The limit is reached. Requests over the limit are refused.')).toBeTruthy();
  });

  it('mentions money held by requests in progress and the forecast', () => {
    show(budget({ reservedAud: '0.0800', forecast: { dailyBurnAud: '0.5000', exhaustsOn: '2026-12-09' } }));
    expect(screen.getByText('A$0.08 held for requests in progress.')).toBeTruthy();
    expect(screen.getByText(/At this pace it runs out on 9 Dec 2026\./)).toBeTruthy();
  });
});
