// The configured blocklist: whole words and phrases, case-insensitive, on Unicode word boundaries, matched on
// the normalised view of the prompt (normalise.ts) with combining marks removed, so zero-width characters, soft
// hyphens, full-width letters and accents do not hide a term. Each letter of a term also matches its look-alikes
// (lookalikes.ts: Cyrillic а in "fаlcon", "f4lc0n"), and the letters of a word may be spaced out as long as the
// same separator is used throughout ("f.a.l.c.o.n", "f a l c o n").
// "war" matches "War!" but not "award" or "warfare"; "bad word" also matches "Bad   word" (extra spaces).
// Must not break: offsets returned are offsets into the prompt as given (mapped back through the view).
import { compose, normalisePrompt, toOriginal, ViewBuilder, type TextView } from './normalise.ts';
import { lookalikeClass } from './lookalikes.ts';
import type { Finding } from './port.ts';

const WORD = '[\\p{L}\\p{N}\\p{M}_]';
/** Between the letters of a spaced-out word: one of these, the same one each time (a back-reference). */
const LETTER_GAP = '[ .\\-_*·•]?';
const MARK = /^\p{M}$/u;

/** The text with combining marks removed (café -> cafe), mapped back to `view`'s original. */
export function withoutMarks(view: TextView): TextView {
  const out = new ViewBuilder();
  const text = view.text;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    if (cp < 0x80) {
      out.push(text[i]!, i, i + 1); // ASCII has no marks to remove
      i++;
      continue;
    }
    const width = cp > 0xffff ? 2 : 1;
    const bare = [...text.slice(i, i + width).normalize('NFD')].filter((c) => !MARK.test(c)).join('');
    out.push(bare, i, i + width);
    i += width;
  }
  return compose(out.build(), view);
}

/** A term as the prompt will be seen: NFKC, no invisible characters, no combining marks. */
function termWords(term: string): string[] {
  return withoutMarks(normalisePrompt(term.trim())).text.split(' ').filter(Boolean);
}

export class Blocklist {
  readonly #pattern: RegExp | null;
  readonly size: number;

  constructor(terms: readonly string[]) {
    let group = 0;
    const phrases = new Map<string, string>();
    for (const term of terms) {
      const words = termWords(term);
      if (words.length === 0) continue;
      const key = words.join(' ').toLowerCase();
      if (phrases.has(key)) continue;
      const pattern = words
        .map((w) => {
          const chars = [...w].map(lookalikeClass);
          if (chars.length === 1) return chars[0]!;
          const gap = `g${group++}`;
          return `${chars[0]}(?<${gap}>${LETTER_GAP})${chars.slice(1).join(`\\k<${gap}>`)}`;
        })
        .join(' +');
      phrases.set(key, pattern);
    }
    // Longest first so a phrase wins over a single word it starts with.
    const ordered = [...phrases.entries()].sort((a, b) => b[0].length - a[0].length).map(([, p]) => p);
    this.size = ordered.length;
    this.#pattern =
      ordered.length === 0 ? null : new RegExp(`(?<!${WORD})(?:${ordered.join('|')})(?!${WORD})`, 'giu');
  }

  /** Blocklisted terms in the prompt, at offsets into the prompt as given. */
  find(prompt: string): Finding[] {
    return this.findIn(normalisePrompt(prompt));
  }

  /** The same, given the prompt's normalised view (so the caller normalises once). */
  findIn(view: TextView): Finding[] {
    if (!this.#pattern) return [];
    const bare = withoutMarks(view);
    const found: Finding[] = [];
    for (const m of bare.text.matchAll(this.#pattern)) {
      found.push({ type: 'blocklist', ...toOriginal(bare, m.index, m.index + m[0].length) });
    }
    return found;
  }
}
