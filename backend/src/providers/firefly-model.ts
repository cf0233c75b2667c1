// Firefly Image 3: its catalog entry, the mapping of our sizes onto the sizes Firefly documents for
// `image3`, the generate request body, and the classification of Firefly's error codes.
import type { GenerateInput, ImageSize, ModelInfo, ProviderErrorKind, Region } from './port.ts';
import { kindForStatus } from './provider-http.ts';

export const FIREFLY_MODEL_ID = 'firefly-image-3';
/** Firefly's documented prompt limit; longer prompts are refused before any call. */
export const FIREFLY_MAX_PROMPT = 1024;

/** DESIGN §7: Firefly A$0.10, premium (HD) A$0.15. Licensed training data: commercially safe. */
export function fireflyCatalog(region: Region): ModelInfo {
  return {
    id: FIREFLY_MODEL_ID,
    provider: 'firefly',
    displayName: 'Adobe Firefly Image 3',
    sizes: ['1024x1024', '1792x1024', '1024x1792'],
    qualities: ['standard', 'hd'],
    maxImages: 4,
    priceMicros: { standard: 100_000, hd: 150_000 },
    region,
    commercialSafe: true,
    styles: ['photo', 'art'],
    maxPromptLength: FIREFLY_MAX_PROMPT,
  };
}

/**
 * Image 3 only renders its listed sizes. Standard keeps about one megapixel (7:4 exists, 4:7 does not, so
 * portrait uses 7:9); HD uses the large sizes of the same orientation.
 */
const SIZES: Record<'standard' | 'hd', Record<ImageSize, { width: number; height: number }>> = {
  standard: {
    '1024x1024': { width: 1024, height: 1024 },
    '1792x1024': { width: 1344, height: 768 },
    '1024x1792': { width: 896, height: 1152 },
  },
  hd: {
    '1024x1024': { width: 2048, height: 2048 },
    '1792x1024': { width: 2688, height: 1536 },
    '1024x1792': { width: 1792, height: 2304 },
  },
};

export function generateBody(input: GenerateInput): Record<string, unknown> {
  return {
    prompt: input.prompt,
    ...(input.negativePrompt ? { negativePrompt: input.negativePrompt.slice(0, FIREFLY_MAX_PROMPT) } : {}),
    numVariations: input.n,
    size: SIZES[input.quality][input.size],
    ...(input.style === 'photo' || input.style === 'art' ? { contentClass: input.style } : {}),
    ...(input.seed === undefined
      ? {}
      : { seeds: Array.from({ length: input.n }, (_, i) => (input.seed! + i) % 2 ** 31) }),
  };
}

/** Firefly's codes for refused prompts or images (HTTP 451, 400, or a failed async job). */
const UNSAFE_CODES = new Set([
  'prompt_unsafe',
  'input_media_unsafe',
  'output_media_unsafe',
  'image_unsafe',
  'content_unsafe',
  'content_policy_violation',
]);

export function kindForFireflyError(status: number | undefined, code: string | undefined): ProviderErrorKind {
  const c = (code ?? '').toLowerCase();
  if (UNSAFE_CODES.has(c) || status === 451) return 'content_policy';
  if (status !== undefined) return kindForStatus(status);
  // A failed async job has no HTTP error status: classify by its code.
  if (c === 'timeout_error' || c === 'timeout' || c === 'job_timeout') return 'timeout';
  if (c === 'rate_limited') return 'rate_limited';
  if (c === 'validation_error' || c === 'bad_request' || c === 'language_not_supported') return 'bad_request';
  return 'server';
}
