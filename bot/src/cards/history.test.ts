import { describe, expect, it } from 'vitest';
import { generationView } from '../fixtures.test-support.ts';
import { historyCard } from './history.ts';
import { cardText, checkCard } from './validate.test-support.ts';

describe('history card', () => {
  it('lists generations with status, prompt and cost', () => {
    const c = historyCard(
      [generationView(), generationView({ status: 'rejected', prompt: 'a wombat', n: 1 })],
      'https://x.example/g',
    );
    expect(checkCard(c).events).toEqual([]);
    const t = cardText(c);
    expect(t).toContain('✅ "a koala presenting quarterly results"');
    expect(t).toContain('🚫 rejected "a wombat"');
    expect(t).toContain('2 images · A$0.0400');
    expect(c.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open gallery', url: 'https://x.example/g' },
    ]);
  });

  it('says when there is nothing yet', () => {
    const c = historyCard([], 'https://x.example/g');
    expect(checkCard(c).events).toEqual([]);
    expect(cardText(c)).toMatch(/Nothing yet/);
  });
});
