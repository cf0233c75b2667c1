import { describe, expect, it } from 'vitest';
import { budgetView } from '../fixtures.test-support.ts';
import { budgetCard } from './budget.ts';
import { cardText, checkCard } from './validate.test-support.ts';

describe('budget card', () => {
  it('shows limit, spent, left, period and mode', () => {
    const c = budgetCard({
      department: { id: 'marketing', name: 'Marketing' },
      budget: budgetView({
        reservedAud: '0.0400',
        forecast: { dailyBurnAud: '0.2', exhaustsOn: '2026-11-28' },
      }),
    });
    expect(checkCard(c).events).toEqual([]);
    const t = cardText(c);
    for (const s of [
      'Marketing',
      'A$5.0000',
      'A$0.0400 (1%)',
      'A$4.9600',
      'Soft limit',
      '{{DATE(2026-10-31T13:00:00Z, SHORT)}}',
      '2026-11-28',
    ])
      expect(t).toContain(s);
  });

  it('explains a missing department', () => {
    const c = budgetCard({ department: null, budget: null });
    expect(checkCard(c).events).toEqual([]);
    expect(cardText(c)).toMatch(/not in a department/);
  });
});
