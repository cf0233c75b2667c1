import { describe, expect, it } from 'vitest';
import { budgetView, estimateView } from '../fixtures.test-support.ts';
import { createFormCard, DEFAULT_FORM } from './create-form.ts';
import { explain } from './explain.ts';
import { cardText, checkCard } from './validate.test-support.ts';

const models = [{ id: 'local-scene', name: 'DonatelloAI Local (offline)' }];
const values = { ...DEFAULT_FORM, prompt: 'a koala presenting quarterly results' };

function valid(c: unknown) {
  expect(checkCard(c).events).toEqual([]);
  return cardText(c);
}
const titles = (c: { actions?: { title?: string }[] }) => (c.actions ?? []).map((a) => a.title);

describe('Create image form', () => {
  it('holds the typed values and the live quote, and offers Check price and Create', () => {
    const c = createFormCard({ values, models, state: { kind: 'quote', quote: estimateView() } });
    const t = valid(c);
    expect(t).toContain('A$0.0400');
    expect(t).toContain('Department has left');
    expect(JSON.stringify(c)).toContain('"value":"a koala presenting quarterly results"');
    expect(titles(c)).toEqual(['Check price', 'Create']);
    // Submit data carries only the intent; the inputs travel beside it.
    expect(c.actions?.map((a) => (a as { data?: unknown }).data)).toEqual([
      { intent: 'quote' },
      { intent: 'create' },
    ]);
  });

  it('says when a manager must approve, and drops Create when the hard limit refuses', () => {
    const soft = createFormCard({
      values,
      models,
      state: { kind: 'quote', quote: estimateView({ decision: 'needs_approval' }) },
    });
    expect(valid(soft)).toMatch(/a manager must approve it before it runs/);
    const hard = createFormCard({
      values,
      models,
      state: {
        kind: 'quote',
        quote: estimateView({ decision: 'deny', budget: budgetView({ remainingAud: '0.0000' }) }),
      },
    });
    expect(valid(hard)).toMatch(/reached its spending limit/);
    expect(titles(hard)).toEqual(['Check price']);
  });

  it('shows a problem in place of the quote and asks for a prompt when there is none', () => {
    const blocked = createFormCard({
      values,
      models,
      state: { kind: 'problem', explanation: explain('prompt-blocked', undefined, ['email']) },
    });
    expect(valid(blocked)).toMatch(/Prompt blocked[\s\S]*an email address/);
    const empty = createFormCard({ values: DEFAULT_FORM, models, state: { kind: 'empty' } });
    expect(valid(empty)).toMatch(/Type a prompt/);
  });
});
