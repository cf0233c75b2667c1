// The image provider port (DESIGN §7). One adapter per provider; the router picks among their models.
import type { ProviderId } from '@donatello/contracts';

export const IMAGE_SIZES = ['1024x1024', '1792x1024', '1024x1792'] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];
export const QUALITIES = ['standard', 'hd'] as const;
export type Quality = (typeof QUALITIES)[number];

/** Where a provider processes prompts and images (for `residency: au-only`). */
export type Region = 'australia' | 'united-states' | 'global';

export interface ModelInfo {
  /** Stable id used in the API (`model`), e.g. `dall-e-3`, `sdxl`, `firefly-image-3`, `local-sketch`. */
  id: string;
  provider: ProviderId;
  displayName: string;
  sizes: ImageSize[];
  qualities: Quality[];
  maxImages: number;
  /** Price per image in integer micro-AUD, by quality (DESIGN §7). */
  priceMicros: Record<Quality, number>;
  region: Region;
  /** Trained on licensed content with commercial indemnity (preferred for `purpose: external`). */
  commercialSafe: boolean;
  styles?: string[];
  /** Longest prompt the model accepts, in characters; the router skips it for longer prompts. */
  maxPromptLength?: number;
}

export interface GenerateInput {
  model: string;
  prompt: string;
  negativePrompt?: string;
  size: ImageSize;
  quality: Quality;
  n: number;
  style?: string;
  /** Deterministic providers (local) use it; others may ignore it. */
  seed?: number;
}

export interface GeneratedImage {
  bytes: Buffer;
  contentType: 'image/png' | 'image/jpeg' | 'image/webp';
  /** Some providers rewrite the prompt (DALL-E 3); kept for provenance. */
  revisedPrompt?: string;
}

export interface GenerateResult {
  images: GeneratedImage[];
  /** The provider's own id for the request, for support cases. */
  providerRequestId?: string;
}

export interface ImageProvider {
  readonly id: ProviderId;
  models(): ModelInfo[];
  /** Must honour `signal` (timeout or cancellation) and throw ProviderError for every failure. */
  generate(input: GenerateInput, signal: AbortSignal): Promise<GenerateResult>;
}

/**
 * Every provider failure, classified. `fallback` says whether the router may try the next candidate:
 * transient faults yes; a content-policy refusal never (another provider must not be used to get around it).
 */
export type ProviderErrorKind =
  | 'timeout'
  | 'rate_limited'
  | 'server'
  | 'network'
  | 'bad_response'
  | 'disallowed_url'
  | 'auth'
  | 'content_policy'
  | 'bad_request';

const FALLBACK: Record<ProviderErrorKind, boolean> = {
  timeout: true,
  rate_limited: true,
  server: true,
  network: true,
  bad_response: true,
  disallowed_url: true,
  auth: true,
  content_policy: false,
  bad_request: false,
};

export class ProviderError extends Error {
  override name = 'ProviderError';
  readonly kind: ProviderErrorKind;
  readonly provider: ProviderId;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  constructor(
    provider: ProviderId,
    kind: ProviderErrorKind,
    message: string,
    opts: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.provider = provider;
    this.kind = kind;
    this.status = opts.status;
    this.retryAfterMs = opts.retryAfterMs;
  }

  get fallback(): boolean {
    return FALLBACK[this.kind];
  }
}
