// Australian telephone numbers. Every form starts with a prefix that only phone numbers have (04, 02/03/07/08,
// +61 or 0061, 614, 1300/1800, 13) and has an exact number of digits, so years, sizes, prices and arbitrary
// 8–10 digit numbers do not match. Separators: one space or dash between groups; parentheses may wrap the
// area code.
import { isStandalone } from './boundaries.ts';
import type { Finding } from './port.ts';

const S = '[ \\u00A0-]?';
const SUBSCRIBER = `\\d{4}${S}\\d{4}`;
const MOBILE_TAIL = `4\\d{2}${S}\\d{3}${S}\\d{3}`;

const FORMS = [
  // +61 4xx xxx xxx, +61 (0)412 345 678, 0061 2 9876 5432, +61 (2) 9876 5432
  `(?:\\+61|0061)${S}(?:\\(0\\)${S})?(?:${MOBILE_TAIL}|(?:\\([2378]\\)|[2378])${S}${SUBSCRIBER})`,
  // 61412345678 and 61 412 345 678 (the international mobile form without the plus)
  `61${S}${MOBILE_TAIL}`,
  // 0412 345 678
  `0${MOBILE_TAIL}`,
  // (02) 9876 5432, 02 9876 5432, 02-9876-5432
  `(?:\\(0[2378]\\)|0[2378])${S}${SUBSCRIBER}`,
  // 1300 123 456, 1800-123-456
  `1[38]00${S}\\d{3}${S}\\d{3}`,
  // 13 12 34; written with spaces only, since 13-10-24 is a date and 131072 a quantity.
  `13[ \\u00A0]\\d{2}[ \\u00A0]\\d{2}`,
];

const PHONE = new RegExp(FORMS.map((f) => `(?:${f})`).join('|'), 'g');

export function findAuPhones(text: string): Finding[] {
  const found: Finding[] = [];
  PHONE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PHONE.exec(text)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    if (isStandalone(text, start, end)) {
      found.push({ type: 'au_phone', start, end });
    } else {
      // Glued to something else; look again from the next character (a shorter form may still fit).
      PHONE.lastIndex = start + 1;
    }
  }
  return found;
}
