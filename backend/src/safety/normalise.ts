// The view of a prompt that every check reads (issue #10): what the text says once the tricks that hide it from a
// pattern are undone. Zero-width and other invisible characters are dropped, NFKC folds full-width and styled
// forms to plain ones, every decimal digit becomes ASCII, dashes become `-`, spaces (and line breaks) one space,
// ideographic full stops `.`, and Unicode tag characters (an invisible copy of ASCII) are read as the ASCII
// they encode. Each character of the view remembers the span of the original it came from, so a finding
// maps back to exactly the original characters, invisible ones inside it included.
// Must not break: `from`/`to` stay monotonic and cover the original; checks report only mapped-back offsets.

/** A transformed text and, for each of its UTF-16 units, the original span `[from, to)` it came from. */
export interface TextView {
  text: string;
  from: number[];
  to: number[];
}

/** Appends output while keeping the map; `joinSpace` folds a space into a space just written. */
export class ViewBuilder {
  text = '';
  readonly from: number[] = [];
  readonly to: number[] = [];

  push(s: string, from: number, to: number): void {
    for (let i = 0; i < s.length; i++) {
      this.from.push(from);
      this.to.push(to);
    }
    this.text += s;
  }

  /** One space for any run of space-like characters (and anything invisible between them). */
  pushSpace(from: number, to: number): void {
    const last = this.text.length - 1;
    if (last >= 0 && this.text[last] === ' ') {
      this.to[last] = to;
      return;
    }
    this.push(' ', from, to);
  }

  build(): TextView {
    return { text: this.text, from: this.from, to: this.to };
  }
}

/** The original span of a view span `[start, end)`; an empty span maps to an empty original span. */
export function toOriginal(view: TextView, start: number, end: number): { start: number; end: number } {
  if (end <= start) {
    const at = start < view.from.length ? view.from[start]! : (view.to.at(-1) ?? 0);
    return { start: at, end: at };
  }
  return { start: view.from[start]!, end: view.to[end - 1]! };
}

/** Re-expresses a view built over `inner` (offsets into inner.text) in the coordinates of inner's original. */
export function compose(outer: TextView, inner: TextView): TextView {
  const from = outer.from.map((f) => inner.from[f] ?? inner.to.at(-1) ?? 0);
  const to = outer.to.map((t) => (t > 0 ? inner.to[t - 1]! : 0));
  return { text: outer.text, from, to };
}

const INVISIBLE = /^[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cc}]$/u;
const SPACE_LIKE = /^[\p{Zs}\p{Zl}\p{Zp}\t\n\v\f\r\u0085]$/u;
const DIGIT = /^\p{Nd}$/u;
/** Dash punctuation, the minus signs and the modifier minus: all read as a hyphen-minus. */
const DASH_LIKE = /^[\p{Pd}\u2212\u2796\u02D7\u2043\uFE63]$/u;
/** Ideographic and vertical full stops: read as `.` (browsers do the same in domain names). */
const DOT_LIKE = /^[\u3002\uFF61\uFE12]$/u;
const MARK = /^\p{M}$/u;
const LETTER = /^\p{L}$/u;
/** Tag characters U+E0020–E007E spell ASCII invisibly ("ASCII smuggling"); read them as that ASCII. */
const TAG_FIRST = 0xe0020;
const TAG_LAST = 0xe007e;

/** The ASCII value of any Unicode decimal digit: Nd digits come in runs of ten, zero first. */
function asciiDigit(c: string): string {
  const cp = c.codePointAt(0)!;
  if (cp >= 0x30 && cp <= 0x39) return c;
  let runStart = cp;
  while (DIGIT.test(String.fromCodePoint(runStart - 1))) runStart--;
  return String((cp - runStart) % 10);
}

/** Code points with their original UTF-16 offsets, grouped as a base character and its combining marks. */
function* clusters(text: string): Generator<{ s: string; from: number; to: number }> {
  let i = 0;
  while (i < text.length) {
    const start = i;
    i += text.codePointAt(i)! > 0xffff ? 2 : 1;
    while (i < text.length) {
      const cp = text.codePointAt(i)!;
      // No combining mark lies below U+0300: most text never reaches the regular expression.
      if (cp < 0x300 || !MARK.test(String.fromCodePoint(cp))) break;
      i += cp > 0xffff ? 2 : 1;
    }
    yield { s: text.slice(start, i), from: start, to: i };
  }
}

/**
 * The normalised view of a prompt. Combining marks stay on letters (they carry meaning in many scripts) but
 * are dropped from digits, spaces and punctuation, where they only hide what is there (a keycap 4️⃣ is a 4).
 */
export function normalisePrompt(prompt: string): TextView {
  const out = new ViewBuilder();
  for (const c of clusters(prompt)) {
    // Printable ASCII on its own is already what the view holds (most prompts are mostly this).
    if (c.s.length === 1) {
      const code = c.s.charCodeAt(0);
      if (code > 0x20 && code < 0x7f) {
        out.push(c.s, c.from, c.to);
        continue;
      }
    }
    const folded = c.s.normalize('NFKC');
    let onLetter = false;
    let first = true;
    for (const ch of folded) {
      const cp = ch.codePointAt(0)!;
      if (cp >= TAG_FIRST && cp <= TAG_LAST) {
        out.push(String.fromCharCode(cp - 0xe0000), c.from, c.to);
      } else if (SPACE_LIKE.test(ch)) {
        out.pushSpace(c.from, c.to);
      } else if (INVISIBLE.test(ch)) {
        // dropped: zero-width characters, soft hyphens, joiners, bidi controls, variation selectors
      } else if (MARK.test(ch)) {
        if (onLetter) out.push(ch, c.from, c.to);
      } else if (DIGIT.test(ch)) {
        out.push(asciiDigit(ch), c.from, c.to);
      } else if (DASH_LIKE.test(ch)) {
        out.push('-', c.from, c.to);
      } else if (DOT_LIKE.test(ch)) {
        out.push('.', c.from, c.to);
      } else {
        out.push(ch, c.from, c.to);
      }
      if (first && !INVISIBLE.test(ch)) {
        onLetter = LETTER.test(ch);
        first = false;
      }
    }
  }
  return out.build();
}
