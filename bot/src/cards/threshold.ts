// Budget threshold alerts for managers: sent once per threshold per period.
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { aud, card, facts, text, title } from './kit.ts';

export function thresholdCard(p: {
  departmentId: string;
  threshold: number;
  period: string;
  spentAud: string;
  limitAud: string;
}): IAdaptiveCard {
  const over = p.threshold >= 100;
  return card([
    title(
      over
        ? `⚠️ ${p.departmentId} has used its whole budget`
        : `${p.departmentId} has used ${p.threshold}% of its budget`,
    ),
    facts([
      ['Spent', aud(p.spentAud)],
      ['Limit', aud(p.limitAud)],
      ['Period starting', p.period],
    ]),
    text(
      over
        ? 'Depending on the budget mode, new requests are refused, wait for approval, or run as overages.'
        : 'You get this alert once per threshold each period.',
      { isSubtle: true },
    ),
  ]);
}
