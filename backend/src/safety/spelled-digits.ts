// Numbers spelled out or spaced out so no pattern sees them: "oh four one two, three four five, six seven
// eight", "double one", or a card written one digit at a time ("4 1 1 1 1 1 1 1 …"). Such a run becomes one
// unseparated digit run in the view the personal-information recognisers read, each digit mapped to the word
// it came from. Runs of ordinary numbers ("2026 2027 2028") are left alone, so their grouping still counts.
// Must not break: only runs of at least MIN_DIGITS digits that hold a number word or are all single digits
// change; everything else is copied as it is.
import { ViewBuilder, type TextView } from './normalise.ts';

const WORDS: Record<string, string> = {
  zero: '0',
  oh: '0',
  nought: '0',
  nil: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};
const REPEAT: Record<string, number> = { double: 2, triple: 3 };

/** The shortest identifier the recognisers know (a legacy TFN, a landline without the area code's 0). */
const MIN_DIGITS = 8;
const EDGE = '[\\p{L}\\p{N}\\p{M}_]';
const TOKEN = new RegExp(
  `(?<!${EDGE})(?:(double|triple) +)?(${Object.keys(WORDS).join('|')}|[0-9]+)(?!${EDGE})`,
  'giu',
);
/** What may stand between two tokens of one number: a space, a dash, a comma or a dot, spaced or not. */
const BETWEEN = /^ ?[-,.]? ?$/;

interface Token {
  start: number;
  end: number;
  digits: string;
  spelled: boolean;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const word = m[2]!.toLowerCase();
    const one = WORDS[word] ?? word;
    const times = m[1] ? REPEAT[m[1].toLowerCase()]! : 1;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      digits: one.repeat(times),
      spelled: word in WORDS || times > 1,
    });
  }
  return out;
}

function qualifies(run: Token[]): boolean {
  const digits = run.reduce((n, t) => n + t.digits.length, 0);
  if (digits < MIN_DIGITS) return false;
  return run.some((t) => t.spelled) || run.every((t) => t.digits.length === 1);
}

/** Runs of tokens close enough to be read as one number. */
function runs(text: string): Token[][] {
  const all: Token[][] = [];
  let current: Token[] = [];
  for (const t of tokens(text)) {
    const prev = current.at(-1);
    if (prev && BETWEEN.test(text.slice(prev.end, t.start))) current.push(t);
    else {
      if (current.length) all.push(current);
      current = [t];
    }
  }
  if (current.length) all.push(current);
  return all;
}

/** A view over `view.text` in which spelled and spaced-out numbers are plain digit runs. */
export function readSpelledDigits(view: TextView): TextView {
  const text = view.text;
  const out = new ViewBuilder();
  let at = 0;
  for (const run of runs(text).filter(qualifies)) {
    for (let i = at; i < run[0]!.start; i++) out.push(text[i]!, i, i + 1);
    for (const t of run) out.push(t.digits, t.start, t.end);
    at = run.at(-1)!.end;
  }
  for (let i = at; i < text.length; i++) out.push(text[i]!, i, i + 1);
  return out.build();
}
