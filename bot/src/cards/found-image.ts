// "Find image" results: each finished generation becomes a search result (a thumbnail preview in the
// message extension's list) and, once picked, the card inserted into the compose box. The inserted card is
// sent by the person, to people who may not see the owner's budget, so it shows no cost or budget.
import type { GenerationView } from '@donatello/contracts';
import type { MessagingExtensionAttachment } from '@microsoft/teams.api';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { card, facts, image, imageAlt, note, openUrl, plain, text, when } from './kit.ts';

export interface FoundImage {
  generation: GenerationView;
  /** Signed links: the full image for the card, the 256 px thumbnail for the result list. */
  imageUrl: string;
  thumbnailUrl: string;
  galleryUrl: string;
}

export function sharedImageCard(f: FoundImage): IAdaptiveCard {
  const g = f.generation;
  return card(
    [
      image(f.imageUrl, imageAlt(g.prompt)),
      text(`"${plain(g.prompt)}"`, { isSubtle: true }),
      facts([
        ['Made by', g.owner.displayName],
        ['Model', g.model],
      ]),
      // Date functions render in TextBlocks (in the reader's time zone), not in FactSet values.
      note(`Created ${when(g.createdAt)}`),
    ],
    [openUrl('Open in gallery', f.galleryUrl)],
  );
}

export function foundImageAttachment(f: FoundImage): MessagingExtensionAttachment {
  const g = f.generation;
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: sharedImageCard(f),
    preview: {
      contentType: 'application/vnd.microsoft.card.thumbnail',
      content: {
        title: plain(g.prompt, 80),
        text: `${g.model ?? 'image'} · ${new Date(g.createdAt).toISOString().slice(0, 10)}`,
        images: [{ url: f.thumbnailUrl, alt: imageAlt(g.prompt) }],
      },
    },
  };
}
