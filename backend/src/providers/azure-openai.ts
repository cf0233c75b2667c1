// The Azure OpenAI adapter (DESIGN §7) through the official SDK's `AzureOpenAI` client. Each model runs on
// its own deployment, and may need its own api-version (gpt-image-1 is only in preview versions), so
// there is one client per configured model.
import { AzureOpenAI } from 'openai';
import type { GenerateInput, GenerateResult, ImageProvider, ModelInfo, Region } from './port.ts';
import { checkInput } from './input-check.ts';
import { OPENAI_IMAGE_MODELS, catalog, generateWith, type OpenAIImageModel } from './openai-shared.ts';
import { withDeadline } from './provider-http.ts';
import type { ImageFetchOptions } from './safe-fetch.ts';

export interface AzureOpenAIProviderOptions {
  /** The resource endpoint, e.g. `https://my-resource.openai.azure.com`. */
  endpoint: string;
  apiKey: string;
  /** Deployment name per model; only models with a deployment are offered. */
  deployments: Partial<Record<OpenAIImageModel, string>>;
  /** api-version for models without their own entry in `apiVersions` (default `2024-10-21`, the images GA). */
  apiVersion?: string;
  /** Per-model api-version (default: gpt-image-1 → `2025-04-01-preview`, the first version that serves it). */
  apiVersions?: Partial<Record<OpenAIImageModel, string>>;
  /** The resource's Azure region name, e.g. `australiaeast` (decides data residency). */
  region?: string;
  /** Upper bound per request, on top of the router's signal (default 60 s). */
  timeoutMs?: number;
  /** Only used if the service answers with image URLs instead of the base64 we ask for. */
  imageFetch?: Partial<ImageFetchOptions>;
}

export const AZURE_DEFAULT_API_VERSION = '2024-10-21';
const DEFAULT_API_VERSIONS: Partial<Record<OpenAIImageModel, string>> = {
  'gpt-image-1': '2025-04-01-preview',
};
/** Azure's DALL-E result store, should a URL ever come back instead of base64. */
export const AZURE_IMAGE_HOSTS = ['*.blob.core.windows.net'];

/**
 * DESIGN §7 lists "Azure AI 0.05" without an HD price. We charge A$0.05 standard and A$0.10 HD for both
 * models (HD costs the service about twice as much), so budgets never under-reserve an HD request.
 */
const PRICE = { standard: 50_000, hd: 100_000 };

/** Maps an Azure region name to the residency the router understands; unknown names count as `global`. */
export function regionForAzureLocation(location: string | undefined): Region {
  const name = (location ?? '').toLowerCase().replace(/[\s-]/g, '');
  if (name.startsWith('australia')) return 'australia';
  if (/^(east|west|central|northcentral|southcentral|westcentral)us\d?$/.test(name)) return 'united-states';
  return 'global';
}

export class AzureOpenAIImageProvider implements ImageProvider {
  readonly id = 'azure-openai' as const;
  private readonly clients = new Map<OpenAIImageModel, AzureOpenAI>();
  private readonly timeoutMs: number;
  private readonly catalog: ModelInfo[];
  private readonly fetchOptions: ImageFetchOptions;

  constructor(options: AzureOpenAIProviderOptions) {
    this.timeoutMs = options.timeoutMs ?? 60_000;
    // The SDK would read AZURE_OPENAI_ENDPOINT / OPENAI_BASE_URL when these are missing; pass baseURL
    // explicitly so only our options count.
    const baseURL = `${options.endpoint.replace(/\/+$/, '')}/openai`;
    for (const model of OPENAI_IMAGE_MODELS) {
      const deployment = options.deployments[model];
      if (!deployment) continue;
      const apiVersion =
        options.apiVersions?.[model] ??
        DEFAULT_API_VERSIONS[model] ??
        options.apiVersion ??
        AZURE_DEFAULT_API_VERSION;
      this.clients.set(
        model,
        new AzureOpenAI({
          baseURL,
          apiKey: options.apiKey,
          deployment,
          apiVersion,
          timeout: this.timeoutMs,
          maxRetries: 0,
          logLevel: 'off',
          organization: null,
          project: null,
          webhookSecret: null,
        }),
      );
    }
    const region = regionForAzureLocation(options.region);
    this.catalog = [...this.clients.keys()].map((m) => catalog(this.id, m, { ...PRICE }, region));
    this.fetchOptions = {
      ...options.imageFetch,
      allowedHosts: options.imageFetch?.allowedHosts ?? AZURE_IMAGE_HOSTS,
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
    const model = info.id as OpenAIImageModel;
    const client = this.clients.get(model)!;
    return generateWith(
      this.id,
      client,
      model,
      input,
      withDeadline(signal, this.timeoutMs),
      this.fetchOptions,
    );
  }
}
