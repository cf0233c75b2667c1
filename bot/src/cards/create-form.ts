// The message extension's "Create image" form (a task module): prompt, size, quality and model, with the
// live quote for what is on the form. "Check price" re-quotes without starting anything; "Create" starts
// the generation. A refusal comes back on the same form with everything the person typed still in it.
import type { EstimateView } from '@donatello/contracts';
import type {
  CardElement,
  IAdaptiveCard,
  IChoiceSetInput,
  ISubmitAction,
  ITextInput,
  IToggleInput,
} from '@microsoft/teams.cards';
import type { Explanation } from './explain.ts';
import { aud, card, facts, note, text, title } from './kit.ts';

export const FORM_INTENTS = { quote: 'quote', create: 'create' } as const;

/** What the form holds: the request as typed, before validation. */
export interface FormValues {
  prompt: string;
  size: string;
  quality: 'standard' | 'hd';
  model: string;
}

export const DEFAULT_FORM: FormValues = { prompt: '', size: '1024x1024', quality: 'standard', model: 'auto' };

const SIZES: [string, string][] = [
  ['1024x1024', 'Square (1024 × 1024)'],
  ['1792x1024', 'Wide (1792 × 1024)'],
  ['1024x1792', 'Tall (1024 × 1792)'],
];

/** What the form says under the inputs: a quote, a reason it cannot run, or a nudge to type a prompt. */
export type QuoteState =
  { kind: 'quote'; quote: EstimateView } | { kind: 'problem'; explanation: Explanation } | { kind: 'empty' };

function submit(label: string, intent: string, style?: 'positive'): ISubmitAction {
  return { type: 'Action.Submit', title: label, data: { intent }, ...(style ? { style } : {}) };
}

function quoteSection(q: EstimateView): CardElement[] {
  const out: CardElement[] = [
    facts([
      ['Estimated cost', aud(q.totalCostAud)],
      ['Model', `${q.modelName} (${q.provider})`],
      ['Department has left', q.budget ? aud(q.budget.remainingAud) : null],
    ]),
  ];
  if (q.decision === 'needs_approval')
    out.push(
      text(
        "⚠️ This is over your department's budget: a manager must approve it before it runs. Nothing is " +
          'charged unless they do.',
        { color: 'Warning' },
      ),
    );
  if (q.decision === 'warn')
    out.push(note('Your department is over its budget; it will run and its managers will be told.'));
  if (q.decision === 'deny')
    out.push(
      text("⛔ Your department has reached its spending limit for this period, so this can't run.", {
        color: 'Attention',
      }),
    );
  if (q.safety.decision === 'warn')
    out.push(note('The prompt checks flagged something; it may be reviewed.'));
  if (q.existing)
    out.push(
      note(
        'Your department made an image from this same prompt and settings recently: it is in the gallery.',
      ),
    );
  return out;
}

function stateSection(s: QuoteState): CardElement[] {
  switch (s.kind) {
    case 'quote':
      return quoteSection(s.quote);
    case 'problem':
      return [
        text(`⚠️ ${s.explanation.title}`, { weight: 'Bolder', color: 'Attention' }),
        text(s.explanation.text),
      ];
    case 'empty':
      return [note('Type a prompt, then choose Check price to see what it costs.')];
  }
}

export function createFormCard(p: {
  values: FormValues;
  models: { id: string; name: string }[];
  state: QuoteState;
}): IAdaptiveCard {
  const v = p.values;
  const prompt: ITextInput = {
    type: 'Input.Text',
    id: 'prompt',
    label: 'Describe the image',
    placeholder: 'a koala presenting quarterly results, flat illustration',
    isMultiline: true,
    isRequired: true,
    errorMessage: 'Describe the image you want (up to 4,000 characters).',
    maxLength: 4000,
    value: v.prompt,
  };
  const size: IChoiceSetInput = {
    type: 'Input.ChoiceSet',
    id: 'size',
    label: 'Size',
    style: 'compact',
    value: v.size,
    choices: SIZES.map(([value, label]) => ({ title: label, value })),
  };
  const quality: IToggleInput = {
    type: 'Input.Toggle',
    id: 'quality',
    title: 'High detail (HD, costs more)',
    valueOn: 'hd',
    valueOff: 'standard',
    value: v.quality,
  };
  const model: IChoiceSetInput = {
    type: 'Input.ChoiceSet',
    id: 'model',
    label: 'Model',
    style: 'compact',
    value: v.model,
    choices: [
      { title: 'Best for my department (cheapest allowed)', value: 'auto' },
      ...p.models.map((m) => ({ title: m.name, value: m.id })),
    ],
  };
  const denied = p.state.kind === 'quote' && p.state.quote.decision === 'deny';
  return card(
    [title('Create an image'), prompt, size, quality, model, ...stateSection(p.state)],
    [
      submit('Check price', FORM_INTENTS.quote),
      ...(denied ? [] : [submit('Create', FORM_INTENTS.create, 'positive')]),
    ],
  );
}
