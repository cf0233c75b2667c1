import { describe, expect, it } from 'vitest';
import { thresholdCard } from './threshold.ts';
import { cardText, checkCard } from './validate.test-support.ts';

describe('threshold card', () => {
  it('alerts managers at a threshold and at the limit', () => {
    const at80 = thresholdCard({
      departmentId: 'marketing',
      threshold: 80,
      period: '2026-11-01',
      spentAud: '4.0000',
      limitAud: '5.0000',
    });
    expect(checkCard(at80).events).toEqual([]);
    expect(cardText(at80)).toContain('marketing has used 80% of its budget');
    const at100 = thresholdCard({
      departmentId: 'marketing',
      threshold: 100,
      period: '2026-11-01',
      spentAud: '5.0000',
      limitAud: '5.0000',
    });
    expect(checkCard(at100).events).toEqual([]);
    expect(cardText(at100)).toContain('has used its whole budget');
  });
});
