import { describe, expect, it } from 'vitest';
import { BENIGN_PROMPTS } from './benign.test-support.ts';
import { findPersonalInformation, resolveOverlaps } from './pii.ts';
import type { FindingType } from './port.ts';

/** Each finding as `type:matched text`, which also proves prompt.slice(start, end) is the match. */
const found = (prompt: string): string[] =>
  findPersonalInformation(prompt).map((f) => `${f.type}:${prompt.slice(f.start, f.end)}`);

/** Asserts the prompt holds exactly one finding of `type`, covering exactly `match`. */
function expectOne(prompt: string, type: FindingType, match: string): void {
  expect(found(prompt), prompt).toEqual([`${type}:${match}`]);
  const f = findPersonalInformation(prompt)[0]!;
  expect(f.start).toBe(prompt.indexOf(match));
  expect(f.end).toBe(prompt.indexOf(match) + match.length);
}

describe('email', () => {
  it.each([
    'bob@example.com',
    'bob.smith+invoices@example.com.au',
    'o_connor-99@mail.sub.example.org',
    'ANNA@EXAMPLE.NET',
    'zoë@exämple.de',
  ])('finds %s', (email) => expectOne(`Send the poster to ${email}, thanks.`, 'email', email));

  it('keeps sentence punctuation and brackets out of the span', () => {
    expectOne('Contact (jo@example.com).', 'email', 'jo@example.com');
    expectOne('<jo@example.com>', 'email', 'jo@example.com');
    expectOne('mailto:jo@example.com', 'email', 'jo@example.com');
  });

  it('finds several addresses with their own offsets', () => {
    expect(found('a@example.com and b@example.org')).toEqual(['email:a@example.com', 'email:b@example.org']);
  });
});

describe('au_phone', () => {
  it.each([
    '0412 345 678',
    '0412345678',
    '0412-345-678',
    '+61 412 345 678',
    '+61412345678',
    '+61 (0)412 345 678',
    '0061 412 345 678',
    '61412345678',
    '(02) 9876 5432',
    '02 9876 5432',
    '0298765432',
    '03-9876-5432',
    '(07) 3123 4567',
    '08 8123 4567',
    '+61 2 9876 5432',
    '+61 (2) 9876 5432',
    '+61 (0)3 9876 5432',
    '+61398765432',
    '1300 123 456',
    '1800-123-456',
    '1800123456',
    '13 12 34',
  ])('finds %s', (phone) => expectOne(`Call ${phone} for details`, 'au_phone', phone));

  it.each([
    '0512 345 678', // 05 is not a mobile prefix
    '0412 345 6789', // one digit too many
    '0412 345 67', // one too few
    '02 9876 543',
    '(05) 9876 5432', // not an area code
    '+61 5 1234 5678',
    '+61 412 345 67',
    '1900 123 456', // premium numbers are not 1300/1800
    '13-10-24', // a date, not 13 10 24
    '131072', // a quantity
    '412 345 678', // no prefix
    '+1 415 555 0100', // not Australian
  ])('ignores %s', (text) => expect(found(`value ${text} here`)).toEqual([]));
});

describe('checksummed identifiers', () => {
  it.each([
    ['payment_card', '4111 1111 1111 1111'],
    ['payment_card', '4111-1111-1111-1111'],
    ['payment_card', '4111111111111111'],
    ['payment_card', '5555 5555 5555 4444'],
    ['payment_card', '2223 0031 2200 3222'],
    ['payment_card', '3782 822463 10005'],
    ['payment_card', '6011 1111 1111 1117'],
    ['payment_card', '3530 1113 3330 0000'],
    ['payment_card', '3056 930902 5904'],
    ['payment_card', '4222 2222 2222 2'],
    ['au_tfn', '123 456 782'],
    ['au_tfn', '123456782'],
    ['au_tfn', '123-456-782'],
    ['au_tfn', '876 543 210'],
    ['au_tfn', '123 456 77'],
    ['au_medicare', '2123 45670 1'],
    ['au_medicare', '2123456701'],
    ['au_medicare', '2123 45670 1 1'],
    ['au_medicare', '3951 28602 1'],
    ['au_abn', '51 824 753 556'],
    ['au_abn', '51824753556'],
    ['au_abn', '53 004 085 616'],
  ] as const)('%s: finds %s', (type, number) => expectOne(`My number is ${number}.`, type, number));

  it.each([
    '4111 1111 1111 1112', // Luhn fails
    '1234 5678 1234 5670', // Luhn passes, no card scheme starts with 1
    '123 456 781', // TFN check fails
    '123456783',
    '2123 45671 1', // Medicare check digit wrong
    '1123 45679 1', // check digit right, first digit not 2–6
    '51 824 753 557', // ABN check fails
    '51824753557',
    '12345678', // 8 digits failing the legacy TFN check
    '1234567890', // 10 digits, no valid prefix
  ])('ignores %s', (text) => expect(found(`My number is ${text}.`)).toEqual([]));

  it('needs the grouping people use for the identifier', () => {
    expect(found('ref 12 345 6782')).toEqual([]); // a valid TFN's digits, grouped like nothing real
    expect(found('ref 5182 4753 556')).toEqual([]); // a valid ABN's digits in card-style groups
  });

  it('finds a number written beside other numbers', () => {
    expect(found('In 2026 my TFN is 123 456 782 and I am 42')).toEqual(['au_tfn:123 456 782']);
    expect(found('Year 2026 4111 1111 1111 1111')).toEqual(['payment_card:4111 1111 1111 1111']);
  });
});

describe('precedence and offsets', () => {
  it('reports a span once, under the higher-precedence type', () => {
    // The TFN digits inside an ABN layout are the ABN's.
    expect(found('ABN 51 824 753 556')).toEqual(['au_abn:51 824 753 556']);
    // A Medicare number with its reference digit is one finding, not two.
    expect(found('Medicare 2123 45670 1 1')).toEqual(['au_medicare:2123 45670 1 1']);
    // Digits inside an email address belong to the address.
    expect(found('write to 0412345678@example.com')).toEqual(['email:0412345678@example.com']);
  });

  it('resolveOverlaps keeps the higher type and drops what overlaps it', () => {
    const kept = resolveOverlaps([
      { type: 'au_tfn', start: 3, end: 12 },
      { type: 'au_abn', start: 0, end: 14 },
      { type: 'au_phone', start: 20, end: 32 },
      { type: 'email', start: 18, end: 40 },
    ]);
    expect(kept).toEqual([
      { type: 'au_abn', start: 0, end: 14 },
      { type: 'email', start: 18, end: 40 },
    ]);
  });

  it('uses UTF-16 offsets, so text after emoji and accents still slices exactly', () => {
    const prompt = '🎨🖼️ Café poster — ring 0412 345 678, 📧 zoë@example.com, TFN 123 456 782';
    const findings = findPersonalInformation(prompt);
    expect(findings.map((f) => prompt.slice(f.start, f.end))).toEqual([
      '0412 345 678',
      'zoë@example.com',
      '123 456 782',
    ]);
    expect(findings.map((f) => f.type)).toEqual(['au_phone', 'email', 'au_tfn']);
    for (const f of findings) expect(Object.keys(f).sort()).toEqual(['end', 'start', 'type']);
  });
});

describe('benign prompts produce no findings', () => {
  it('has at least 40 cases', () => expect(BENIGN_PROMPTS.length).toBeGreaterThanOrEqual(40));
  it.each(BENIGN_PROMPTS)('%s', (prompt) => expect(found(prompt)).toEqual([]));
});
