// For Teams users the product does not know yet (no account in this tenant).
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { card, text, title } from './kit.ts';

export function unknownUserCard(): IAdaptiveCard {
  return card([
    title("Hi! I don't know you yet"),
    text(
      'Your DonatelloAI account is not set up. Open the DonatelloAI tab once to sign in, or ask your ' +
        'administrator to add you to a department, then try again.',
    ),
  ]);
}
