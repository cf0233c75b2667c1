// For Teams users the product does not know yet (no account in this tenant).
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { card, text, title } from './kit.ts';

/** The same, in one line: where a card does not fit (an invoke's message, a search result). */
export const NOT_SET_UP =
  'Your DonatelloAI account is not set up yet. Open the DonatelloAI tab once to sign in.';

export function unknownUserCard(): IAdaptiveCard {
  return card([
    title("Hi! I don't know you yet"),
    text(
      'Your DonatelloAI account is not set up. Open the DonatelloAI tab once to sign in, or ask your ' +
        'administrator to add you to a department, then try again.',
    ),
  ]);
}
