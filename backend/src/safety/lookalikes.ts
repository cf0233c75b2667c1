// Look-alikes of the Latin letters, for the blocklist: a term's letter matches itself or anything commonly
// swapped in to dodge a filter (Cyrillic and Greek homoglyphs, small capitals, digits and symbols of "leet"
// spelling). The prompt side is already NFKC-folded and stripped of combining marks (normalise.ts, blocklist.ts),
// so full-width, mathematical and accented forms need no entry here.
// Must not break: every class holds the letter itself; the blocklist matches case-insensitively, so lower case
// suffices.
export const LOOKALIKES: Readonly<Record<string, string>> = {
  a: 'aаɑα@4',
  b: 'bЬьвƅβ8',
  c: 'cсϲᴄ¢',
  d: 'dԁɗ',
  e: 'eеєεɛ3€',
  f: 'fƒ',
  g: 'gɡց9',
  h: 'hһн',
  i: 'iіıɩιӏ1!|',
  j: 'jјʝ',
  k: 'kкκĸ',
  l: 'lӏɩ1|',
  m: 'mмʍ',
  n: 'nոп',
  o: 'oоοσօ0',
  p: 'pрρ',
  q: 'qԛɋ',
  r: 'rгᴦ',
  s: 'sѕʂ$5',
  t: 'tтτ7+',
  u: 'uυսμ',
  v: 'vνѵ',
  w: 'wԝѡω',
  x: 'xхχ×',
  y: 'yуүγ',
  z: 'zᴢ',
};

/** A regular-expression class for one character of a term (escaped for the `u` flag). */
export function lookalikeClass(ch: string): string {
  const set = LOOKALIKES[ch.toLowerCase()];
  if (!set) return ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  // Inside a class only these four are special.
  return `[${set.replace(/[\\\]^-]/g, '\\$&')}]`;
}
