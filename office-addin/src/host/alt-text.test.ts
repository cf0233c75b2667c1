// The alt-text composer: prefilled from the prompt, editable, never empty, or decorative.
import { describe, expect, it } from 'vitest';
import {
  ALT_TEXT_MAX_CHARS,
  altTextProblem,
  composeAltText,
  COMPOSED_MAX_CHARS,
  resolveAltText,
} from './alt-text.ts';

describe('alt-text composer', () => {
  it('prefixes the prompt with "AI-generated image: " and tidies its whitespace', () => {
    expect(composeAltText('a koala presenting quarterly results')).toBe(
      'AI-generated image: a koala presenting quarterly results',
    );
    expect(composeAltText('  a koala\n\tpresenting\r\n results \u0007 ')).toBe(
      'AI-generated image: a koala presenting results',
    );
  });

  it('cuts a long prompt at a word boundary with an ellipsis, within 250 characters', () => {
    const long = `${'quarterly results for the southern region '.repeat(20)}end`;
    const text = composeAltText(long);
    expect(text.length).toBeLessThanOrEqual(COMPOSED_MAX_CHARS);
    expect(text.endsWith('…')).toBe(true);
    expect(text).toMatch(/^AI-generated image: quarterly results for the southern region quarterly/);
    // The cut falls between words, not inside one.
    expect(text.slice(0, -1)).toMatch(/(quarterly|results|for|the|southern|region)$/);
  });

  it('a prompt of only whitespace still gives alt text', () => {
    expect(composeAltText(' \n ')).toBe('AI-generated image');
  });

  it('never lets an empty description through unless the image is decorative', () => {
    expect(altTextProblem('', false)).toBe(
      'Describe the image for people who cannot see it, or mark it as decorative.',
    );
    expect(altTextProblem(' \n\t', false)).not.toBeNull();
    expect(altTextProblem('', true)).toBeNull();
    expect(altTextProblem('A koala at a lectern', false)).toBeNull();
    expect(altTextProblem('x'.repeat(ALT_TEXT_MAX_CHARS + 1), false)).toMatch(/under 1000 characters/);
    expect(() => resolveAltText({ description: '  ', decorative: false })).toThrow(RangeError);
  });

  it('keeps the user’s edit as the description and the AI disclosure as the title', () => {
    expect(resolveAltText({ description: ' A koala at a lectern,\nsmiling ', decorative: false })).toEqual({
      altTitle: 'AI-generated image',
      altDescription: 'A koala at a lectern, smiling',
      decorative: false,
    });
  });

  it('decorative: no alt text at all, so screen readers skip the picture', () => {
    expect(resolveAltText({ description: 'anything', decorative: true })).toEqual({
      altTitle: '',
      altDescription: '',
      decorative: true,
    });
  });
});
