import { describe, expect, it } from 'vitest';
import { audToMicros, microsToAud } from './money.ts';

describe('money', () => {
  it('parses AUD strings into integer micro-AUD without floating point', () => {
    expect(audToMicros('5')).toBe(5_000_000);
    expect(audToMicros('0.08')).toBe(80_000);
    expect(audToMicros('12.3456')).toBe(12_345_600);
    expect(audToMicros('0.1')).toBe(100_000);
    expect(audToMicros('999999999.9999')).toBe(999_999_999_999_900);
    expect(() => audToMicros('1.23456')).toThrow(/not an AUD amount/);
    expect(() => audToMicros('-1')).toThrow(/not an AUD amount/);
    expect(() => audToMicros('1e3')).toThrow(/not an AUD amount/);
  });

  it('formats micro-AUD with exactly 4 places', () => {
    expect(microsToAud(0)).toBe('0.0000');
    expect(microsToAud(80_000)).toBe('0.0800');
    expect(microsToAud(5_000_000)).toBe('5.0000');
    expect(microsToAud(12_345_650)).toBe('12.3457');
    expect(microsToAud(-120_000)).toBe('-0.1200');
    expect(() => microsToAud(0.5)).toThrow(/not an integer amount/);
  });

  it('round-trips every 4-place amount', () => {
    for (const s of ['0.0001', '0.0200', '0.0400', '0.1200', '0.1500', '1000.0000']) {
      expect(microsToAud(audToMicros(s))).toBe(s);
    }
  });
});
