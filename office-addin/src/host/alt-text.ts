// The alt-text composer: what a screen reader says for an inserted image. Prefilled from the prompt as
// "AI-generated image: …", editable before insert, never empty; or the image is marked decorative instead.
// Do not break: the title always discloses that the image is AI-generated, whatever the user writes in the
// description, and a non-decorative image never reaches a host with an empty description.

export const ALT_TEXT_TITLE = 'AI-generated image';
export const ALT_TEXT_PREFIX = `${ALT_TEXT_TITLE}: `;
/** The prefilled description stays short enough for a screen reader to read in one breath. */
export const COMPOSED_MAX_CHARS = 250;
/** What a user may type; Office accepts more, but alt text longer than this belongs in a caption. */
export const ALT_TEXT_MAX_CHARS = 1000;

export interface AltText {
  altTitle: string;
  altDescription: string;
  decorative: boolean;
}

/** Control characters and runs of whitespace (a pasted prompt's line breaks) become single spaces. */
function tidy(text: string): string {
  return text
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cuts at the last word boundary that fits and marks the cut with an ellipsis. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** The prefilled description for a prompt: "AI-generated image: a koala presenting quarterly results". */
export function composeAltText(prompt: string): string {
  const subject = tidy(prompt);
  if (!subject) return ALT_TEXT_TITLE;
  return shorten(`${ALT_TEXT_PREFIX}${subject}`, COMPOSED_MAX_CHARS);
}

/** Why the description cannot be used, as a sentence for the form; null when it can. */
export function altTextProblem(description: string, decorative: boolean): string | null {
  if (decorative) return null;
  const text = tidy(description);
  if (!text) return 'Describe the image for people who cannot see it, or mark it as decorative.';
  if (text.length > ALT_TEXT_MAX_CHARS)
    return `Keep the description under ${ALT_TEXT_MAX_CHARS} characters (it has ${text.length}).`;
  return null;
}

/**
 * The alt text to write. A decorative image has none (screen readers skip it); otherwise the title discloses
 * AI generation and the description is what the user left in the form. Throws when altTextProblem would object:
 * the form should never have let it through.
 */
export function resolveAltText(input: { description: string; decorative: boolean }): AltText {
  if (input.decorative) return { altTitle: '', altDescription: '', decorative: true };
  const problem = altTextProblem(input.description, false);
  if (problem) throw new RangeError(problem);
  return { altTitle: ALT_TEXT_TITLE, altDescription: tidy(input.description), decorative: false };
}
