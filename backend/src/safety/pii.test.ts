import { describe, expect, it } from 'vitest';
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
  const benign = [
    'A 1024x1024 watercolour of a koala',
    'Render at 1792x1024, then again at 1024x1792',
    'Poster size 1792×1024 please',
    'Cover image for the 2026 annual report',
    'FY2025-26 budget summary slide',
    'Financial year 2025-2026 highlights',
    'Price tag showing $1,299.00',
    'Sale: $49.95, was $79.95',
    'A $1299 laptop on a desk',
    'Banner: 45% off everything',
    'Growth of 12.5% over 3 years',
    'Release notes header for v1.2.3',
    'Windows build 10.0.19045 splash screen',
    'Version 2.0.0-beta.1 launch graphic',
    'Meeting at 10:30am on 22/11/2026',
    'Timeline starting 2026-11-22T10:30:00Z',
    'A clock showing 23:59:59',
    'Deadline 22-11-2026 in red',
    'Dated 13-10-24 on the whiteboard',
    'A crowd of 25,000 people',
    'Population 1 234 567 in a city at night',
    '1000000 stars in the sky',
    'Order 500 units of SKU 88412',
    '@alice please review this image',
    'Thanks @bob and @carol-smith!',
    'Assets icon@2x.png and logo@1.5x.webp',
    'Install @scope/pkg@1.2.3 today',
    'Meet @ 5pm by the river',
    'Banner reading user@localhost',
    '2 apples @ $3 each',
    'CSS @media (min-width: 1024px) mockup',
    'Map pin at -33.8688, 151.2093',
    'Phone screen mockup 390 x 844',
    'Resolution 3840 x 2160 for 4K',
    'Invoice 12345678 mock-up',
    'Reference 123456789 on the label',
    'Tracking code 1234567890',
    'Unix time 1732233600 as neon art',
    'Serial 2123456711 engraved',
    'ABN-style 51 824 753 557 on a sign',
    'Card-style 4111 1111 1111 1112 prop',
    'Badge with 123 456 781',
    'IP 192.168.1.10 network diagram',
    'ISBN 978-3-16-148410-0 book cover',
    'Room 1300 on level 13',
    'A painting from the year 1800',
    'Context window of 131072 tokens',
    'Aspect 16:9 at 1920x1080',
    'Temperature 98.6% humidity',
    'Local number 9876 5432 with no area code',
    'Calendar 2026 2027 2028 2029',
    'sha256 3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b',
    'UUID 550e8400-e29b-41d4-a716-446655440000',
    'Register 0x0412345678 diagram',
    'Scores 0412, 345 and 678 on a board',
    'Line up 4 x 1111 x 1111 tiles',
  ];

  it('has at least 40 cases', () => expect(benign.length).toBeGreaterThanOrEqual(40));
  it.each(benign)('%s', (prompt) => expect(found(prompt)).toEqual([]));
});
