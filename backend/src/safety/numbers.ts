// Recognisers for checksummed identifiers: payment cards, TFNs, Medicare and ABNs.
//
// A "run" is digits joined by single spaces or dashes (4111 1111-1111 1111). Candidates are the run itself
// and every sub-run that starts and ends at a space, so "in 2026 my TFN is 123 456 782" still finds the TFN.
// A dash binds tighter than a space (22-11-2026 is one unit), so candidates never split at a dash.
// A candidate is reported only when (1) it stands alone (boundaries.ts), (2) written in groups, its grouping
// is one people actually use for that identifier (so a date like 2026 11 22 is not read as a TFN), and
// (3) its check digits are valid.
import { isStandalone } from './boundaries.ts';
import { abnValid, medicareValid, paymentCardValid, tfnValid } from './checksums.ts';
import type { Finding, FindingType } from './port.ts';

type NumberType = Extract<FindingType, 'payment_card' | 'au_tfn' | 'au_medicare' | 'au_abn'>;

interface Recogniser {
  type: NumberType;
  lengths: readonly number[];
  /** Accepted group sizes when written with separators; an unseparated run needs only the right length. */
  layout(groups: readonly number[]): boolean;
  valid(digits: string): boolean;
}

const same = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);
const oneOf = (groups: readonly number[], layouts: readonly (readonly number[])[]): boolean =>
  layouts.some((l) => same(groups, l));

const RECOGNISERS: readonly Recogniser[] = [
  {
    type: 'payment_card',
    lengths: [13, 14, 15, 16, 17, 18, 19],
    // Groups of four (the last may be short), or Amex 4-6-5 and Diners 4-6-4.
    layout: (g) =>
      oneOf(g, [
        [4, 6, 5],
        [4, 6, 4],
      ]) || g.every((n, i) => (i < g.length - 1 ? n === 4 : n >= 1 && n <= 4)),
    valid: paymentCardValid,
  },
  {
    type: 'au_tfn',
    lengths: [8, 9],
    layout: (g) =>
      oneOf(g, [
        [3, 3, 3],
        [3, 3, 2],
      ]),
    valid: tfnValid,
  },
  {
    type: 'au_medicare',
    lengths: [10, 11],
    // As printed on the card (2123 45670 1), optionally followed by the reference number.
    layout: (g) =>
      oneOf(g, [
        [4, 5, 1],
        [4, 5, 1, 1],
        [4, 5, 2],
      ]),
    valid: medicareValid,
  },
  {
    type: 'au_abn',
    lengths: [11],
    layout: (g) => same(g, [2, 3, 3, 3]),
    valid: abnValid,
  },
];

const MAX_DIGITS = 19;
const RUN = /\d+(?:[ \u00A0-]\d+)*/g;
const GROUP = /\d+/g;

interface Word {
  start: number;
  end: number;
  digits: string;
  groups: number[];
}

/** Splits a run into space-separated words, each a dash-joined sequence of digit groups. */
function wordsOf(run: string, offset: number): Word[] {
  const words: Word[] = [];
  let current: Word | undefined;
  for (const m of run.matchAll(GROUP)) {
    const start = offset + m.index;
    const joinedByDash = current !== undefined && run[m.index - 1] === '-';
    if (current && joinedByDash) {
      current.end = start + m[0].length;
      current.digits += m[0];
      current.groups.push(m[0].length);
    } else {
      current = { start, end: start + m[0].length, digits: m[0], groups: [m[0].length] };
      words.push(current);
    }
  }
  return words;
}

/** All checksummed-identifier candidates in the prompt; overlaps are resolved by the caller. */
export function findIdentifierNumbers(text: string): Finding[] {
  const found: Finding[] = [];
  for (const run of text.matchAll(RUN)) {
    const words = wordsOf(run[0], run.index);
    for (let i = 0; i < words.length; i++) {
      let digits = '';
      let groups: number[] = [];
      for (let j = i; j < words.length; j++) {
        const first = words[i];
        const last = words[j];
        if (!first || !last) break;
        digits += last.digits;
        groups = groups.concat(last.groups);
        if (digits.length > MAX_DIGITS) break;
        if (!isStandalone(text, first.start, last.end)) continue;
        for (const r of RECOGNISERS) {
          if (!r.lengths.includes(digits.length)) continue;
          if (groups.length > 1 && !r.layout(groups)) continue;
          if (r.valid(digits)) found.push({ type: r.type, start: first.start, end: last.end });
        }
      }
    }
  }
  return found;
}
