// The /imagine card through its life: the quote with progress, then (updated in place) the result, a
// refusal, the wait for an approver, or a deletion. Card data carries ids only.
import type { EstimateView, GenerationView } from '@donatello/contracts';
import type { CardElement, IAdaptiveCard, IImageSet } from '@microsoft/teams.cards';
import {
  aud,
  card,
  execute,
  facts,
  image,
  imageAlt,
  note,
  openUrl,
  plain,
  text,
  title,
  VERBS,
  type Action,
} from './kit.ts';
import { explain, type Explanation } from './explain.ts';

const SIZE_NAMES: Record<string, string> = {
  '1024x1024': 'square',
  '1792x1024': 'wide',
  '1024x1792': 'tall',
};

/** Who looks at the card: the owner gets Delete; `refreshFor` lists Teams user ids that auto-refresh it. */
export interface Viewer {
  owner: boolean;
  refreshFor: string[];
}

function refreshOf(generationId: string, viewer: Viewer) {
  return { verb: VERBS.generationRefresh, data: { generationId }, userIds: viewer.refreshFor };
}

function promptLine(prompt: string): CardElement {
  return text(`"${plain(prompt)}"`, { isSubtle: true });
}

function settings(g: { size: string; quality: string; n: number }): string {
  const size = SIZE_NAMES[g.size] ?? g.size;
  return `${g.n} × ${size}${g.quality === 'hd' ? ', HD' : ''}`;
}

/** Sent at once: what it will cost, who makes it, what the department has left, and that work started. */
export function progressCard(p: {
  generationId: string;
  prompt: string;
  size: string;
  quality: string;
  n: number;
  /** The model as people know it, e.g. "DALL-E 3 (openai)". */
  model: string | null;
  costAud: string;
  remainingAud: string | null;
  /** Warn mode, over the limit: it runs and the managers are told. */
  overBudget: boolean;
  viewer: Viewer;
  /** Who approved the overage and when, once someone has. */
  decision?: string;
}): IAdaptiveCard {
  return card(
    [
      title('Creating your image…'),
      promptLine(p.prompt),
      facts([
        ['Model', p.model],
        ['Images', settings(p)],
        ['Estimated cost', aud(p.costAud)],
        ['Department has left', p.remainingAud === null ? null : aud(p.remainingAud)],
      ]),
      text('⏳ Working on it. This card updates when the image is ready.', { spacing: 'Medium' }),
      ...(p.overBudget ? [note('Your department is over its budget; its managers have been told.')] : []),
      ...(p.decision ? [note(p.decision)] : []),
    ],
    [],
    refreshOf(p.generationId, p.viewer),
  );
}

/** The progress card from the quote the bot got before starting. */
export function quotedProgressCard(g: GenerationView, q: EstimateView, viewer: Viewer): IAdaptiveCard {
  return progressCard({
    generationId: g.id,
    prompt: g.prompt,
    size: g.size,
    quality: g.quality,
    n: g.n,
    model: `${q.modelName} (${q.provider})`,
    costAud: q.totalCostAud,
    remainingAud: q.budget?.remainingAud ?? null,
    overBudget: q.decision === 'warn',
    viewer,
  });
}

/** The progress card from the generation alone (a refresh while it runs, or just after an approval). */
export function workingCard(g: GenerationView, viewer: Viewer, decision?: string): IAdaptiveCard {
  return progressCard({
    generationId: g.id,
    prompt: g.prompt,
    size: g.size,
    quality: g.quality,
    n: g.n,
    model: modelOf(g),
    costAud: g.costAud,
    remainingAud: null,
    overBudget: false,
    viewer,
    ...(decision ? { decision } : {}),
  });
}

const modelOf = (g: GenerationView) => (g.model && g.provider ? `${g.model} (${g.provider})` : g.model);

/** The finished generation: images with alt text, prompt, model, cost and what the department has left. */
export function resultCard(p: {
  generation: GenerationView;
  imageUrls: string[];
  remainingAud: string | null;
  galleryUrl: string;
  viewer: Viewer;
  /** An approved overage: who approved it and when. */
  decision?: string;
}): IAdaptiveCard {
  const g = p.generation;
  const images = p.imageUrls.map((url, i) => image(url, imageAlt(g.prompt, i, p.imageUrls.length)));
  const gallery: CardElement =
    images.length > 1 ? ({ type: 'ImageSet', images, imageSize: 'Large' } satisfies IImageSet) : images[0]!;
  const actions: Action[] = [
    execute('Regenerate', VERBS.regenerate, { generationId: g.id }),
    openUrl('Open in gallery', p.galleryUrl),
    ...(p.viewer.owner ? [execute('Delete', VERBS.remove, { generationId: g.id }, 'destructive')] : []),
  ];
  return card(
    [
      title('Your image is ready'),
      ...(images.length ? [gallery] : []),
      promptLine(g.prompt),
      facts([
        ['Model', modelOf(g)],
        ['Images', settings(g)],
        ['Cost', aud(g.costAud)],
        ['Department has left', p.remainingAud === null ? null : aud(p.remainingAud)],
        ['By', g.owner.displayName],
      ]),
      ...(p.decision ? [note(p.decision)] : []),
    ],
    actions,
    refreshOf(g.id, p.viewer),
  );
}

/** A refusal before or after the request was recorded (402, 422, 503 and friends). */
export function failureCard(p: { prompt?: string; explanation: Explanation }): IAdaptiveCard {
  return card([
    title(`⚠️ ${p.explanation.title}`),
    ...(p.prompt ? [promptLine(p.prompt)] : []),
    text(p.explanation.text),
  ]);
}

/**
 * A generation that ended without images: failed, rejected by an approver, expired or blocked. `decision`
 * is the approver's verdict with who and when, when the caller has it.
 */
export function generationFailedCard(g: GenerationView, decision?: string): IAdaptiveCard {
  const e = g.error;
  const explanation: Explanation =
    g.status === 'rejected'
      ? {
          title: 'Request rejected',
          text: `${decision ?? e?.message ?? 'An approver rejected it'}. Nothing was charged.`,
        }
      : g.status === 'expired'
        ? { title: 'Approval expired', text: 'Nobody approved the request in time. Nothing was charged.' }
        : g.status === 'blocked'
          ? explain('prompt-blocked', undefined, [...new Set(g.safety.findings.map((f) => f.type))])
          : explain(e?.code ?? 'internal', e?.message);
  return failureCard({ ...(g.status === 'blocked' ? {} : { prompt: g.prompt }), explanation });
}

/** Soft limit reached: the request waits for an approver and says who was asked. */
export function pendingApprovalCard(p: {
  generation: GenerationView;
  approvers: string[];
  viewer: Viewer;
}): IAdaptiveCard {
  const g = p.generation;
  const who = p.approvers.length ? p.approvers.join(', ') : "your department's managers";
  return card(
    [
      title('Waiting for approval'),
      promptLine(g.prompt),
      text(
        `Your department has reached its budget for this period. I asked ${who} to approve this request; ` +
          'nothing runs or is charged until one of them does.',
      ),
      facts([
        ['Images', settings(g)],
        ['Cost if approved', aud(g.costAud)],
      ]),
      note('This card updates when someone decides.'),
    ],
    [],
    refreshOf(g.id, p.viewer),
  );
}

/** Still queued or running after the bot stopped waiting: the gallery will have it. */
export function stillWorkingCard(g: GenerationView, galleryUrl: string): IAdaptiveCard {
  return card(
    [
      title('Still working…'),
      promptLine(g.prompt),
      text(
        'This is taking longer than usual. The image will appear in your gallery and in /history when it is ready.',
      ),
    ],
    [openUrl('Open in gallery', galleryUrl)],
  );
}

export function deletedCard(by?: string): IAdaptiveCard {
  const who = by ? `${plain(by, 100)} deleted this image.` : 'This image was deleted.';
  return card([title('Image deleted'), text(who, { isSubtle: true })]);
}
