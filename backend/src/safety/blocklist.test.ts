import { describe, expect, it } from 'vitest';
import { Blocklist } from './blocklist.ts';

const matches = (terms: string[], text: string): string[] =>
  new Blocklist(terms).find(text).map((f) => text.slice(f.start, f.end));

describe('Blocklist', () => {
  it('matches whole words case-insensitively', () => {
    expect(matches(['competitor'], 'A Competitor logo, COMPETITOR! competitor.')).toEqual([
      'Competitor',
      'COMPETITOR',
      'competitor',
    ]);
  });

  it('does not match inside other words', () => {
    // Only the "war" of war-time: a hyphen separates words.
    const text = 'an award for warfare, software, war-time and postwar';
    expect(new Blocklist(['war']).find(text)).toEqual([
      { type: 'blocklist', start: text.indexOf('war-'), end: text.indexOf('war-') + 3 },
    ]);
    expect(matches(['cat'], 'concatenate, cats, _cat, cat2')).toEqual([]);
  });

  it('matches phrases with any amount of whitespace between the words', () => {
    const text =
      'Project Falcon, project   falcon and PROJECT\tFALCON but not project-falcon or projectfalcon';
    expect(matches(['project falcon'], text)).toEqual([
      'Project Falcon',
      'project   falcon',
      'PROJECT\tFALCON',
    ]);
  });

  it('uses Unicode word boundaries', () => {
    expect(matches(['café'], 'Café au lait; cafés; CAFÉ!')).toEqual(['Café', 'CAFÉ']);
    expect(matches(['straße'], 'Hauptstraße, Straße')).toEqual(['Straße']);
    expect(matches(['東京'], '東京 and 東京タワー')).toEqual(['東京']);
    expect(matches(['ζωή'], 'ΖΩΉ και ζωή')).toEqual(['ΖΩΉ', 'ζωή']);
  });

  it('treats regular-expression characters in terms literally', () => {
    expect(matches(['c++', 'a.b', '(secret)'], 'c++ code, axb, a.b, (secret) plan')).toEqual([
      'c++',
      'a.b',
      '(secret)',
    ]);
    expect(matches(['a.b'], 'axb')).toEqual([]);
  });

  it('prefers the longer phrase where terms overlap', () => {
    expect(matches(['acme', 'acme corp'], 'Acme Corp and acme')).toEqual(['Acme Corp', 'acme']);
  });

  it('returns offsets into the original text, also after emoji', () => {
    const text = '🎨 draw Project  Falcon';
    const [f] = new Blocklist(['project falcon']).find(text);
    expect(f).toEqual({ type: 'blocklist', start: text.indexOf('Project'), end: text.length });
  });

  it('ignores empty and blank terms, and an empty list matches nothing', () => {
    const list = new Blocklist(['', '   ', ' acme ']);
    expect(list.size).toBe(1);
    expect(list.find('ACME')).toHaveLength(1);
    expect(new Blocklist([]).find('anything at all')).toEqual([]);
  });
});
