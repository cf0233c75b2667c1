// /budget: the caller's department budget for the current period.
import type { BudgetSummaryView } from '@donatello/contracts';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { aud, card, facts, note, text, title, when } from './kit.ts';

const MODES = {
  hard: 'Hard limit: requests over budget are refused',
  soft: 'Soft limit: requests over budget need a manager to approve',
  warn: 'Warn only: managers are alerted when it is passed',
} as const;

export function budgetCard(p: {
  department: { id: string; name: string } | null;
  budget: BudgetSummaryView | null;
}): IAdaptiveCard {
  if (!p.department || !p.budget) {
    return card([
      title('No department yet'),
      text(
        'You are not in a department, so there is no budget to show. Ask an administrator to add you to one.',
      ),
    ]);
  }
  const b = p.budget;
  const used = Math.round(b.utilisation * 100);
  return card([
    title(`${p.department.name}: budget this period`),
    facts([
      ['Limit', aud(b.limitAud)],
      ['Spent', `${aud(b.spentAud)} (${used}%)`],
      ['In progress', b.reservedAud === '0.0000' ? null : aud(b.reservedAud)],
      ['Left', aud(b.remainingAud)],
      ['Approved overages', b.overageAud === '0.0000' ? null : aud(b.overageAud)],
      ['Period', `${when(b.period.start)} to ${when(b.period.end)}`],
      ['Mode', MODES[b.mode]],
    ]),
    ...(b.forecast.exhaustsOn ? [note(`At this pace the budget runs out on ${b.forecast.exhaustsOn}.`)] : []),
  ]);
}
