// Small builders for Adaptive Card 1.5 JSON (the version Teams needs for Action.Execute and refresh).
// Plain JSON typed with @microsoft/teams.cards' interfaces, so tests can parse it with the adaptivecards SDK.
import type {
  CardElement,
  IAdaptiveCard,
  IExecuteAction,
  IFactSet,
  IImage,
  IOpenUrlAction,
  ISubmitAction,
  ITextBlock,
} from '@microsoft/teams.cards';

/** Execute and OpenUrl on messages; Submit only inside task modules (the message extension's form). */
export type Action = IExecuteAction | IOpenUrlAction | ISubmitAction;

/** Execute verbs the bot handles (card.action). Card data carries ids only, never who clicked. */
export const VERBS = {
  approve: 'approve',
  reject: 'reject',
  approvalRefresh: 'approval.refresh',
  regenerate: 'regenerate',
  remove: 'delete',
  generationRefresh: 'generation.refresh',
} as const;

export function card(
  body: CardElement[],
  actions: Action[] = [],
  refresh?: { verb: string; data: Record<string, string>; userIds: string[] },
): IAdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
    // Teams allows at most 60 users in a refresh list; an empty list would refresh for nobody anyway.
    ...(refresh && refresh.userIds.length
      ? {
          refresh: {
            action: { type: 'Action.Execute', title: 'Refresh', verb: refresh.verb, data: refresh.data },
            userIds: refresh.userIds.slice(0, 60),
          },
        }
      : {}),
  };
}

export function title(text: string): ITextBlock {
  return { type: 'TextBlock', text, size: 'Medium', weight: 'Bolder', wrap: true };
}

export function text(value: string, opts: Partial<Omit<ITextBlock, 'type' | 'text'>> = {}): ITextBlock {
  return { type: 'TextBlock', text: value, wrap: true, ...opts };
}

export function note(value: string): ITextBlock {
  return text(value, { isSubtle: true, size: 'Small', spacing: 'Small' });
}

export function facts(pairs: [string, string | null | undefined][]): IFactSet {
  return {
    type: 'FactSet',
    facts: pairs.filter((p): p is [string, string] => !!p[1]).map(([t, value]) => ({ title: t, value })),
  };
}

export function image(url: string, altText: string): IImage {
  return { type: 'Image', url, altText, size: 'Stretch' };
}

export function execute(
  titleText: string,
  verb: string,
  data: Record<string, string>,
  style?: 'positive' | 'destructive',
): IExecuteAction {
  return { type: 'Action.Execute', title: titleText, verb, data, ...(style ? { style } : {}) };
}

export function openUrl(titleText: string, url: string): IOpenUrlAction {
  return { type: 'Action.OpenUrl', title: titleText, url };
}

/**
 * User text shown on a card, shortened. TextBlocks render Markdown and some hosts show backslash escapes
 * literally, so only links are defused (a zero-width space between "]" and "("): a prompt cannot add a link.
 */
export function plain(value: string, max = 300): string {
  const cut = value.length > max ? `${value.slice(0, max - 1)}…` : value;
  return cut.replace(/\]\(/g, ']\u200b(');
}

/** Money as people read it: "A$0.0800" stays exact (4 places, as the API sends it). */
export const aud = (amount: string) => `A$${amount}`;

/** Renders in the viewer's own time zone and locale (Adaptive Card date functions). */
export function when(iso: string): string {
  // The functions accept only whole seconds: 2026-11-22T01:02:03Z.
  const t = new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `{{DATE(${t}, SHORT)}} {{TIME(${t})}}`;
}

/** Alt text of a generated image: says it is AI-made, then the prompt (screen readers read it whole). */
export function imageAlt(prompt: string, i = 0, n = 1): string {
  const which = n > 1 ? ` (${i + 1} of ${n})` : '';
  return `AI-generated image${which}: ${prompt.slice(0, 200)}`;
}
