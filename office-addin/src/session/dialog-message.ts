// What the Office dialog's sign-in page (auth.html, `auth-redirect.ts`) sends back to the task pane with
// `messageParent`, and how the pane reads it. One shape both sides share, so neither guesses.
// Must not break: the pane accepts only this shape; anything else is a failed sign-in, never a token.

export const DIALOG_MESSAGE_TYPE = 'donatello-sign-in';
/** auth.html opened by the dialog API: `auth.html?sign-in=dialog`. */
export const DIALOG_QUERY = 'sign-in=dialog';

export type DialogMessage =
  | { type: typeof DIALOG_MESSAGE_TYPE; accessToken: string }
  | { type: typeof DIALOG_MESSAGE_TYPE; error: string };

export function dialogMessage(body: { accessToken: string } | { error: string }): string {
  return JSON.stringify({ type: DIALOG_MESSAGE_TYPE, ...body });
}

/** The token, or an Error with what the dialog said went wrong. */
export function readDialogMessage(raw: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('The sign-in window sent something unexpected.');
  }
  const m = parsed as Partial<Record<'type' | 'accessToken' | 'error', unknown>>;
  if (m?.type !== DIALOG_MESSAGE_TYPE) throw new Error('The sign-in window sent something unexpected.');
  if (typeof m.accessToken === 'string' && m.accessToken.split('.').length === 3) return m.accessToken;
  throw new Error(typeof m.error === 'string' && m.error ? m.error : 'Signing in did not finish.');
}
