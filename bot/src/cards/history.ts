// /history: the caller's latest generations, newest first.
import type { GenerationView } from '@donatello/contracts';
import type { CardElement, IAdaptiveCard } from '@microsoft/teams.cards';
import { aud, card, note, openUrl, plain, text, title, when } from './kit.ts';

const STATUS: Record<string, string> = {
  queued: '⏳ queued',
  running: '⏳ running',
  succeeded: '✅',
  failed: '❌ failed',
  pending_approval: '⏸ waiting for approval',
  rejected: '🚫 rejected',
  expired: '⌛ approval expired',
  blocked: '⛔ blocked',
};

export function historyCard(items: GenerationView[], galleryUrl: string): IAdaptiveCard {
  if (items.length === 0) {
    return card([
      title('Your images'),
      text('Nothing yet. Try /imagine a koala presenting quarterly results'),
    ]);
  }
  const rows: CardElement[] = items.map((g) => ({
    type: 'Container',
    separator: true,
    items: [
      text(`${STATUS[g.status] ?? g.status} "${plain(g.prompt, 120)}"`),
      note(
        [
          when(g.createdAt),
          `${g.n} image${g.n === 1 ? '' : 's'}`,
          g.status === 'succeeded' ? aud(g.costAud) : null,
        ]
          .filter(Boolean)
          .join(' · '),
      ),
    ],
  }));
  return card([title('Your latest images'), ...rows], [openUrl('Open gallery', galleryUrl)]);
}
