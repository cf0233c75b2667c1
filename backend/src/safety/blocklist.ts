// The configured blocklist: whole words and phrases, case-insensitive, on Unicode word boundaries.
// "war" matches "War!" but not "award" or "warfare"; "bad word" also matches "Bad   word" (extra spaces).
// Matching runs on the prompt as given, so offsets always index into the original text.
import type { Finding } from './port.ts';

const WORD = '[\\p{L}\\p{N}\\p{M}_]';

function escape(s: string): string {
  // Only syntax characters may be escaped under the u flag.
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

export class Blocklist {
  readonly #pattern: RegExp | null;
  readonly size: number;

  constructor(terms: readonly string[]) {
    const phrases = [
      ...new Set(
        terms
          .map((t) => t.trim().split(/\s+/u).filter(Boolean))
          .filter((words) => words.length > 0)
          .map((words) => words.map(escape).join('\\s+')),
      ),
    ];
    // Longest first so a phrase wins over a single word it starts with.
    phrases.sort((a, b) => b.length - a.length);
    this.size = phrases.length;
    this.#pattern =
      phrases.length === 0 ? null : new RegExp(`(?<!${WORD})(?:${phrases.join('|')})(?!${WORD})`, 'giu');
  }

  find(text: string): Finding[] {
    if (!this.#pattern) return [];
    const found: Finding[] = [];
    for (const m of text.matchAll(this.#pattern)) {
      found.push({ type: 'blocklist', start: m.index, end: m.index + m[0].length });
    }
    return found;
  }
}
