// The help card: every command with its options. Also the answer to anything the bot does not understand.
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { card, facts, note, text, title } from './kit.ts';

export function helpCard(opts: { unknown?: string; group?: boolean } = {}): IAdaptiveCard {
  return card([
    title('DonatelloAI: images from a sentence'),
    ...(opts.unknown ? [text("Sorry, I didn't understand that. Here is what I can do:")] : []),
    facts([
      ['/imagine <prompt>', 'Create an image, charged to your department'],
      ['/budget', "Your department's budget for this period"],
      ['/history', 'Your latest images'],
      ['/help', 'This card'],
    ]),
    text('Options for /imagine', { weight: 'Bolder', spacing: 'Medium' }),
    facts([
      ['--size', 'square (default), wide or tall'],
      ['--quality', 'hd for more detail (costs more)'],
      ['--n', 'how many images, 1 to 4'],
      ['--model', 'a model id, such as dall-e-3'],
      ['--style', 'a style name, such as watercolor'],
    ]),
    text('Example: /imagine a koala presenting quarterly results --size wide --n 2', { isSubtle: true }),
    ...(opts.group ? [note('In group chats and channels, @mention me first.')] : []),
  ]);
}
