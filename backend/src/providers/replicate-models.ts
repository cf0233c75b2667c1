// The Replicate models we offer and how our generic input maps onto each model's own input schema.
import type { GenerateInput, ImageSize, ModelInfo } from './port.ts';

/** stability-ai/sdxl, pinned: a version id fixes the weights and the input schema we rely on. */
export const SDXL_VERSION = '7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc';
/** Flux Schnell is an "official" model: it runs through the model endpoint, without a version id. */
export const FLUX_SCHNELL_MODEL = 'black-forest-labs/flux-schnell';

export type ReplicateModelId = 'sdxl' | 'flux-schnell';

const SIZES: ImageSize[] = ['1024x1024', '1792x1024', '1024x1792'];

/** DESIGN §7: SDXL A$0.02 (HD A$0.04); Flux Schnell is priced the same. */
export const REPLICATE_MODELS: Record<ReplicateModelId, Omit<ModelInfo, 'provider'>> = {
  sdxl: {
    id: 'sdxl',
    displayName: 'Stable Diffusion XL',
    sizes: [...SIZES],
    qualities: ['standard', 'hd'],
    maxImages: 4,
    priceMicros: { standard: 20_000, hd: 40_000 },
    region: 'united-states',
    commercialSafe: false,
  },
  'flux-schnell': {
    id: 'flux-schnell',
    displayName: 'FLUX.1 [schnell]',
    sizes: [...SIZES],
    qualities: ['standard', 'hd'],
    maxImages: 4,
    priceMicros: { standard: 20_000, hd: 40_000 },
    region: 'united-states',
    commercialSafe: false,
  },
};

/** SDXL is trained around one megapixel: the wide sizes use its native 7:4 buckets instead of 1792 px. */
const SDXL_DIMENSIONS: Record<ImageSize, { width: number; height: number }> = {
  '1024x1024': { width: 1024, height: 1024 },
  '1792x1024': { width: 1344, height: 768 },
  '1024x1792': { width: 768, height: 1344 },
};

const FLUX_ASPECT: Record<ImageSize, '1:1' | '16:9' | '9:16'> = {
  '1024x1024': '1:1',
  '1792x1024': '16:9',
  '1024x1792': '9:16',
};

export type PredictionTarget = { version: string } | { model: string };

export function predictionFor(
  model: ReplicateModelId,
  input: GenerateInput,
  sdxlVersion: string,
): PredictionTarget & { input: Record<string, unknown> } {
  const seed = input.seed === undefined ? {} : { seed: input.seed };
  if (model === 'sdxl') {
    const hd = input.quality === 'hd';
    return {
      version: sdxlVersion,
      input: {
        prompt: input.prompt,
        ...(input.negativePrompt ? { negative_prompt: input.negativePrompt } : {}),
        ...SDXL_DIMENSIONS[input.size],
        num_outputs: input.n,
        // HD spends twice the steps and runs the refiner; that is what the higher price buys.
        num_inference_steps: hd ? 50 : 25,
        refine: hd ? 'expert_ensemble_refiner' : 'no_refiner',
        ...seed,
      },
    };
  }
  // Flux Schnell has no negative prompt; HD asks for lossless PNG instead of WebP.
  return {
    model: FLUX_SCHNELL_MODEL,
    input: {
      prompt: input.prompt,
      aspect_ratio: FLUX_ASPECT[input.size],
      num_outputs: input.n,
      output_format: input.quality === 'hd' ? 'png' : 'webp',
      output_quality: input.quality === 'hd' ? 100 : 90,
      megapixels: '1',
      ...seed,
    },
  };
}
