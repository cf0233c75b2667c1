// Whether a digit span stands on its own in the prompt. A number glued to letters (v1024, FY2025, 1024x1024),
// to a currency sign ($1299), or continuing a decimal, date, time or version (3.14159265, 22/11/2026, 10:30,
// 10.0.19045) is part of something else and is never personal information on its own.

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const DIGIT = /\d/;
/** Before a number: money, a sign, a handle or a multiplication sign make it something else. */
const BAD_BEFORE = /[$€£¥₹¢+@×*^]/u;
/** After a number: a percentage, a handle, or a multiplication sign (1024×1024) make it something else. */
const BAD_AFTER = /[%‰@×*^]/u;
/** Joining punctuation: bad only when it joins to another digit (1,299 · 3.14 · 22/11 · 10:30 · 2025-26). */
const JOINER = /[.,:/\\-]/;

export function isStandalone(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  if (before !== undefined) {
    if (WORD_CHAR.test(before) || BAD_BEFORE.test(before)) return false;
    const before2 = text[start - 2];
    if (JOINER.test(before) && before2 !== undefined && DIGIT.test(before2)) return false;
  }
  const after = text[end];
  if (after !== undefined) {
    if (WORD_CHAR.test(after) || BAD_AFTER.test(after)) return false;
    const after2 = text[end + 1];
    if (JOINER.test(after) && after2 !== undefined && DIGIT.test(after2)) return false;
  }
  return true;
}
