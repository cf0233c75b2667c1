// The budget summary shown in quotes, /me and the admin tab, with a burn-rate forecast.
import type { BudgetSummaryView } from '@donatello/contracts';
import type { DepartmentRecord } from '../departments/record.ts';
import { microsToAud } from '../domain/money.ts';
import type { BudgetCounter } from './counter.ts';
import type { Period } from './period.ts';

const DAY_MS = 86_400_000;

export function summaryView(
  b: DepartmentRecord['budget'],
  period: Period,
  c: BudgetCounter | undefined,
  now: Date,
): BudgetSummaryView {
  const spent = c?.spent ?? 0;
  const reserved = c?.reserved ?? 0;
  const remaining = Math.max(0, b.limitMicros - spent - reserved);
  // At least an hour of history, so the first charge of a period does not predict the end of the world.
  const elapsedDays = Math.max((now.getTime() - period.start.getTime()) / DAY_MS, 1 / 24);
  const daily = Math.round(spent / elapsedDays);
  let exhaustsOn: string | null = null;
  const day = (d: Date) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone: period.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(d);
  if (remaining === 0 && spent + reserved >= b.limitMicros) exhaustsOn = day(now);
  else if (daily > 0) {
    const at = new Date(now.getTime() + (remaining / daily) * DAY_MS);
    if (at < period.end) exhaustsOn = day(at);
  }
  return {
    limitAud: microsToAud(b.limitMicros),
    mode: b.mode,
    period: { start: period.start.toISOString(), end: period.end.toISOString(), timeZone: period.timeZone },
    spentAud: microsToAud(spent),
    reservedAud: microsToAud(reserved),
    remainingAud: microsToAud(remaining),
    overageAud: microsToAud(c?.overage ?? 0),
    utilisation: b.limitMicros > 0 ? Math.round((spent / b.limitMicros) * 10_000) / 10_000 : 0,
    thresholds: b.thresholds,
    forecast: { dailyBurnAud: microsToAud(daily), exhaustsOn },
  };
}
