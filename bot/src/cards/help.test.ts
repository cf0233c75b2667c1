import { describe, expect, it } from 'vitest';
import { helpCard } from './help.ts';
import { unknownUserCard } from './unknown-user.ts';
import { cardText, checkCard } from './validate.test-support.ts';

describe('help card', () => {
  it('is a valid Adaptive Card 1.5 listing every command and option', () => {
    const c = helpCard();
    expect(checkCard(c).events).toEqual([]);
    expect(c.version).toBe('1.5');
    const t = cardText(c);
    for (const word of [
      '/imagine',
      '/budget',
      '/history',
      '/help',
      '--size',
      '--quality',
      '--n',
      '--model',
      '--style',
    ])
      expect(t).toContain(word);
  });

  it('apologises for unknown text and explains mentions in groups', () => {
    const c = helpCard({ unknown: 'hello', group: true });
    expect(checkCard(c).events).toEqual([]);
    expect(cardText(c)).toMatch(/didn't understand/);
    expect(cardText(c)).toMatch(/@mention/);
  });
});

describe('unknown user card', () => {
  it('is valid and friendly', () => {
    const c = unknownUserCard();
    expect(checkCard(c).events).toEqual([]);
    expect(cardText(c)).toMatch(/don't know you yet/);
  });
});

describe('the card checker', () => {
  it('reports invalid values and missing required properties', () => {
    const events = checkCard({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'x', size: 'Huge' }],
      actions: [{ type: 'Action.OpenUrl', title: 'x' }],
    }).events;
    expect(events, events.join('; ')).toHaveLength(2);
  });
});
