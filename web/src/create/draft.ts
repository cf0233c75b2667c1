// The Create form's state as a person edits it, and what it becomes as a request. Pure functions, so the form's
// logic (what is sent, which alternatives are offered) is tested without rendering.
import type { EstimateView, GenerationRequest, GenerationView, ModelView } from '@donatello/contracts';

export interface PromptDraft {
  prompt: string;
  negativePrompt: string;
  /** 'auto' or a model id. */
  model: string;
  size: GenerationRequest['size'];
  quality: GenerationRequest['quality'];
  n: number;
  /** '' for none. */
  style: string;
  purpose: GenerationRequest['purpose'];
}

export const EMPTY_DRAFT: PromptDraft = {
  prompt: '',
  negativePrompt: '',
  model: 'auto',
  size: '1024x1024',
  quality: 'standard',
  n: 1,
  style: '',
  purpose: 'internal',
};

/** What the API gets: trimmed, empty optional fields left out. Null while there is no prompt to price. */
export function toRequest(d: PromptDraft): GenerationRequest | null {
  const prompt = d.prompt.trim();
  if (!prompt) return null;
  const negative = d.negativePrompt.trim();
  return {
    prompt,
    ...(negative ? { negativePrompt: negative } : {}),
    model: d.model,
    size: d.size,
    quality: d.quality,
    n: d.n,
    ...(d.style ? { style: d.style } : {}),
    purpose: d.purpose,
  };
}

/** "Regenerate": the settings of an earlier generation. */
export function draftFrom(
  g: Pick<
    GenerationView,
    'prompt' | 'negativePrompt' | 'size' | 'quality' | 'n' | 'style' | 'purpose' | 'model'
  >,
): PromptDraft {
  return {
    prompt: g.prompt,
    negativePrompt: g.negativePrompt ?? '',
    model: 'auto',
    size: (['1024x1024', '1792x1024', '1024x1792'].includes(g.size)
      ? g.size
      : '1024x1024') as PromptDraft['size'],
    quality: g.quality,
    n: g.n,
    style: g.style ?? '',
    purpose: g.purpose,
  };
}

/** A decimal AUD string as integer micro-dollars, without floating point. */
export function micros(aud: string): number {
  const m = /^(\d+)(?:\.(\d{1,6}))?$/.exec(aud);
  if (!m) return Number.NaN;
  return Number(m[1]) * 1_000_000 + Number((m[2] ?? '').padEnd(6, '0'));
}

export function canServe(m: ModelView, d: Pick<PromptDraft, 'size' | 'quality' | 'n' | 'style'>): boolean {
  return (
    m.sizes.includes(d.size) &&
    m.qualities.includes(d.quality) &&
    d.n <= m.maxImages &&
    (!d.style || !m.styles || m.styles.includes(d.style))
  );
}

export interface Alternative {
  model: ModelView;
  unitPriceAud: string;
  why: 'cheaper' | 'commercially-safe';
}

/**
 * Other models for the same request: cheaper ones (cheapest first), and commercially safe ones when the chosen
 * model is not. At most three of each; never the chosen model.
 */
export function alternatives(quote: EstimateView, models: ModelView[], d: PromptDraft): Alternative[] {
  const chosen = models.find((m) => m.id === quote.model && m.provider === quote.provider);
  const price = (m: ModelView) => m.unitPriceAud[d.quality];
  const fits = models.filter(
    (m) => !(m.id === quote.model && m.provider === quote.provider) && canServe(m, d) && price(m),
  );
  const unit = micros(quote.unitCostAud);
  const cheaper = fits
    .filter((m) => micros(price(m)!) < unit)
    .sort((a, b) => micros(price(a)!) - micros(price(b)!))
    .slice(0, 3)
    .map((m) => ({ model: m, unitPriceAud: price(m)!, why: 'cheaper' as const }));
  const safe =
    chosen && !chosen.commercialSafe
      ? fits
          .filter((m) => m.commercialSafe && !cheaper.some((c) => c.model === m))
          .sort((a, b) => micros(price(a)!) - micros(price(b)!))
          .slice(0, 3)
          .map((m) => ({ model: m, unitPriceAud: price(m)!, why: 'commercially-safe' as const }))
      : [];
  return [...cheaper, ...safe];
}

/** Styles offered for the chosen model (or any model, on auto). */
export function stylesFor(models: ModelView[], model: string): string[] {
  const pool = model === 'auto' ? models : models.filter((m) => m.id === model);
  return [...new Set(pool.flatMap((m) => m.styles ?? []))].sort();
}
