import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseFormulas } from './csv.ts';

describe('CSV formula guard (OWASP CSV injection)', () => {
  it('neutralises a formula at the start of a cell', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '\uFF1D1+1', '\uFF20SUM(A1)']) {
      expect(neutraliseFormulas(s).startsWith("'"), s).toBe(true);
    }
  });

  it('and after every separator a spreadsheet might split on, past spaces and quotes', () => {
    expect(neutraliseFormulas('Bob;=HYPERLINK("x")')).toBe(`Bob;'=HYPERLINK("x")`);
    expect(neutraliseFormulas('a,@SUM(1)')).toBe("a,'@SUM(1)");
    expect(neutraliseFormulas('a\t+1')).toBe("a\t'+1");
    expect(neutraliseFormulas('a\n-1')).toBe("a\n'-1");
    expect(neutraliseFormulas('a; "=1')).toBe(`a; "'=1`);
    expect(neutraliseFormulas('a;\uFF1D1')).toBe("a;'\uFF1D1");
  });

  it('leaves ordinary text alone', () => {
    for (const s of ['Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'a-b', 'x = 1', 'e-mail', '1,000']) {
      expect(neutraliseFormulas(s)).toBe(s);
    }
  });

  it('quotes a cell holding a separator, so a split cannot happen mid-cell in a CSV reader', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('a\tb')).toBe('"a\tb"');
    expect(csvCell('say "hi", then =go')).toBe('"say ""hi"", then =go"');
    expect(csvCell(-5)).toBe('-5');
  });
});
