// The OpenAI API adapter (DESIGN §7) through the official `openai` SDK. The SDK's own retries are off:
// the router decides about fallback, and a retried paid request would double the spend.
import { OpenAI } from 'openai';
import type { GenerateInput, GenerateResult, ImageProvider, ModelInfo, Region } from './port.ts';
import { checkInput } from './input-check.ts';
import { OPENAI_IMAGE_MODELS, catalog, generateWith, type OpenAIImageModel } from './openai-shared.ts';
import { withDeadline } from './provider-http.ts';
import type { ImageFetchOptions } from './safe-fetch.ts';

export interface OpenAIProviderOptions {
  apiKey: string;
  /** Default `https://api.openai.com/v1`. */
  baseURL?: string;
  organization?: string;
  project?: string;
  /** Upper bound per request, on top of the router's signal (default 30 s). */
  timeoutMs?: number;
  /** Models to offer (default both). */
  models?: OpenAIImageModel[];
  /** Where OpenAI processes requests; `global` unless the account uses a regional data-residency project. */
  region?: Region;
  /** Only used if the API answers with image URLs instead of the base64 we ask for. */
  imageFetch?: Partial<ImageFetchOptions>;
}

/** OpenAI's pre-signed output store, should a URL ever come back instead of base64. */
export const OPENAI_IMAGE_HOSTS = ['oaidalleapiprodscus.blob.core.windows.net'];

/** DESIGN §7: DALL-E 3 is A$0.08 (HD A$0.12); gpt-image-1 is priced the same until the spec says otherwise. */
const PRICES: Record<OpenAIImageModel, { standard: number; hd: number }> = {
  'dall-e-3': { standard: 80_000, hd: 120_000 },
  'gpt-image-1': { standard: 80_000, hd: 120_000 },
};

export class OpenAIImageProvider implements ImageProvider {
  readonly id = 'openai' as const;
  private readonly client: OpenAI;
  private readonly timeoutMs: number;
  private readonly catalog: ModelInfo[];
  private readonly fetchOptions: ImageFetchOptions;

  constructor(options: OpenAIProviderOptions) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    // Every option is passed explicitly so the SDK never falls back to OPENAI_* environment variables.
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL ?? 'https://api.openai.com/v1',
      organization: options.organization ?? null,
      project: options.project ?? null,
      adminAPIKey: null,
      webhookSecret: null,
      timeout: this.timeoutMs,
      maxRetries: 0,
      logLevel: 'off',
    });
    const region = options.region ?? 'global';
    this.catalog = (options.models ?? [...OPENAI_IMAGE_MODELS]).map((m) =>
      catalog(this.id, m, PRICES[m], region),
    );
    this.fetchOptions = {
      ...options.imageFetch,
      allowedHosts: options.imageFetch?.allowedHosts ?? OPENAI_IMAGE_HOSTS,
    };
  }

  models(): ModelInfo[] {
    return this.catalog.map((m) => ({ ...m }));
  }

  async generate(input: GenerateInput, signal: AbortSignal): Promise<GenerateResult> {
    const info = checkInput(
      this.id,
      this.catalog.find((m) => m.id === input.model),
      input,
    );
    const bounded = withDeadline(signal, this.timeoutMs);
    return generateWith(this.id, this.client, info.id as OpenAIImageModel, input, bounded, this.fetchOptions);
  }
}
