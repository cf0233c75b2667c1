// The budget form sends only what changed, leaves what is not a number for the API to name, and reads the audited
// before/after back in words.
import type { DepartmentView } from '@donatello/contracts';
import { describe, expect, it } from 'vitest';
import { changes, fieldsOf, messageFor, patchOf } from './budget-form.ts';

const finance: DepartmentView = {
  id: 'finance',
  name: 'Finance',
  budget: {
    limitAud: '2.0000',
    mode: 'hard',
    thresholds: [80, 90, 100],
    resetDay: 1,
    timeZone: 'Australia/Sydney',
  },
  policy: { residency: 'any', allowedProviders: [], piiAction: 'block' },
  createdAt: '',
  updatedAt: '',
};

describe('budget form', () => {
  it('shows amounts as typed and sends nothing when nothing changed', () => {
    expect(fieldsOf(finance)).toMatchObject({ limitAud: '2.00', thresholds: '80, 90, 100', resetDay: '1' });
    expect(patchOf(finance, fieldsOf(finance))).toBeNull();
  });
  it('sends only the changed fields, grouped as the API wants them', () => {
    const f = { ...fieldsOf(finance), limitAud: '1.00', mode: 'soft' as const, allowedProviders: ['local'] };
    expect(patchOf(finance, f)).toEqual({
      budget: { limitAud: '1.00', mode: 'soft' },
      policy: { allowedProviders: ['local'] },
    });
  });
  it('keeps what is not a whole number as text, for the API to refuse by name', () => {
    const f = { ...fieldsOf(finance), thresholds: '50, lots', resetDay: '31' };
    expect(patchOf(finance, f)).toEqual({ budget: { thresholds: [50, 'lots'], resetDay: 31 } });
    expect(
      messageFor(
        { 'budget.thresholds.1': 'Invalid input: expected number, received string' },
        'budget.thresholds',
      ),
    ).toMatch(/expected number/);
  });
  it('reads a change in words', () => {
    const after = { ...finance, budget: { ...finance.budget, limitAud: '1.0000' } };
    expect(changes(finance, after)).toEqual([{ field: 'Monthly limit', before: 'A$2.00', after: 'A$1.00' }]);
  });
});
