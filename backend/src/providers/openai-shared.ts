// What the OpenAI and Azure OpenAI adapters share: the two image models, how our sizes and qualities map
// onto each, the request parameters, decoding of the answer, and classification of SDK errors.
import type { ProviderId } from '@donatello/contracts';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  type OpenAI,
} from 'openai';
import type { ImageGenerateParamsNonStreaming, ImagesResponse } from 'openai/resources/images';
import {
  ProviderError,
  type GenerateInput,
  type GenerateResult,
  type GeneratedImage,
  type ImageSize,
  type ModelInfo,
  type Quality,
} from './port.ts';
import {
  abortedError,
  describe,
  isRecord,
  kindForStatus,
  retryAfterMs,
  toProviderError,
} from './provider-http.ts';
import { fetchImage, sniffImageType, type ImageFetchOptions } from './safe-fetch.ts';

export const OPENAI_IMAGE_MODELS = ['dall-e-3', 'gpt-image-1'] as const;
export type OpenAIImageModel = (typeof OPENAI_IMAGE_MODELS)[number];

const ALL_SIZES: ImageSize[] = ['1024x1024', '1792x1024', '1024x1792'];
const DALLE3_STYLES = ['vivid', 'natural'];

/** gpt-image-1 has no 1792 sizes; the nearest of its own keeps the orientation. */
const GPT_IMAGE_SIZE: Record<ImageSize, '1024x1024' | '1536x1024' | '1024x1536'> = {
  '1024x1024': '1024x1024',
  '1792x1024': '1536x1024',
  '1024x1792': '1024x1536',
};
const GPT_IMAGE_QUALITY: Record<Quality, 'medium' | 'high'> = { standard: 'medium', hd: 'high' };

export function catalog(
  provider: ProviderId,
  model: OpenAIImageModel,
  price: Record<Quality, number>,
  region: ModelInfo['region'],
): ModelInfo {
  const dalle = model === 'dall-e-3';
  return {
    id: model,
    provider,
    displayName: dalle ? 'DALL-E 3' : 'GPT Image 1',
    sizes: [...ALL_SIZES],
    qualities: ['standard', 'hd'],
    maxImages: dalle ? 1 : 4,
    priceMicros: price,
    region,
    commercialSafe: false,
    ...(dalle ? { styles: [...DALLE3_STYLES] } : {}),
  };
}

export function buildParams(model: OpenAIImageModel, input: GenerateInput): ImageGenerateParamsNonStreaming {
  if (model === 'dall-e-3') {
    return {
      model,
      prompt: input.prompt,
      n: 1,
      size: input.size,
      quality: input.quality,
      response_format: 'b64_json',
      ...(input.style && DALLE3_STYLES.includes(input.style)
        ? { style: input.style as 'vivid' | 'natural' }
        : {}),
    };
  }
  // gpt-image-1 always answers base64 and rejects response_format and style.
  return {
    model,
    prompt: input.prompt,
    n: input.n,
    size: GPT_IMAGE_SIZE[input.size],
    quality: GPT_IMAGE_QUALITY[input.quality],
    output_format: 'png',
  };
}

/** Turns the answer into images: base64 as asked, or (unexpectedly) URLs fetched under the safe-fetch policy. */
export async function decodeImages(
  provider: ProviderId,
  body: ImagesResponse,
  n: number,
  signal: AbortSignal,
  fetchOptions: ImageFetchOptions,
): Promise<GeneratedImage[]> {
  const data: unknown = isRecord(body) ? body.data : undefined;
  if (!Array.isArray(data) || data.length === 0 || data.length > n) {
    throw new ProviderError(provider, 'bad_response', `${provider}: expected 1 to ${n} images in "data"`);
  }
  const images: GeneratedImage[] = [];
  for (const item of data) {
    if (!isRecord(item))
      throw new ProviderError(provider, 'bad_response', `${provider}: malformed image item`);
    const revisedPrompt =
      typeof item.revised_prompt === 'string' ? { revisedPrompt: item.revised_prompt } : {};
    if (typeof item.b64_json === 'string') {
      const bytes = Buffer.from(item.b64_json, 'base64');
      const contentType = sniffImageType(bytes);
      if (!contentType)
        throw new ProviderError(provider, 'bad_response', `${provider}: b64_json is not an image`);
      images.push({ bytes, contentType, ...revisedPrompt });
    } else if (typeof item.url === 'string') {
      images.push({ ...(await fetchImage(provider, item.url, signal, fetchOptions)), ...revisedPrompt });
    } else {
      throw new ProviderError(
        provider,
        'bad_response',
        `${provider}: image item has neither b64_json nor url`,
      );
    }
  }
  return images;
}

/** Codes OpenAI and Azure use for a safety refusal (DALL-E 3, gpt-image-1, Azure content filters). */
const CONTENT_POLICY_CODES = new Set([
  'content_policy_violation',
  'moderation_blocked',
  'content_filter',
  'contentfilter',
  'responsibleaipolicyviolation',
]);

function isContentPolicy(error: unknown): boolean {
  if (!isRecord(error)) return false;
  const codes = [error.code, error.type];
  for (const key of ['inner_error', 'innererror', 'innerError']) {
    const inner = error[key];
    if (isRecord(inner)) codes.push(inner.code);
  }
  return codes.some((c) => typeof c === 'string' && CONTENT_POLICY_CODES.has(c.toLowerCase()));
}

export function classifyOpenAIError(provider: ProviderId, err: unknown, signal: AbortSignal): ProviderError {
  if (err instanceof ProviderError) return err;
  if (signal.aborted || err instanceof APIUserAbortError) return abortedError(provider, signal, err);
  if (err instanceof APIConnectionTimeoutError) {
    return new ProviderError(provider, 'timeout', `${provider}: request timed out`, { cause: err });
  }
  if (err instanceof APIConnectionError) {
    return new ProviderError(provider, 'network', `${provider}: ${describe(err)}`, { cause: err });
  }
  if (err instanceof APIError && typeof err.status === 'number') {
    const status = err.status;
    const kind = status === 400 && isContentPolicy(err.error) ? 'content_policy' : kindForStatus(status);
    const requestId = err.requestID ? ` [request ${err.requestID}]` : '';
    return new ProviderError(provider, kind, `${provider}: ${err.message}${requestId}`, {
      status,
      retryAfterMs: kind === 'rate_limited' ? retryAfterMs(err.headers as Headers | undefined) : undefined,
      cause: err,
    });
  }
  return toProviderError(provider, err, signal);
}

/** One images.generate call with the SDK, classified on failure. */
export async function generateWith(
  provider: ProviderId,
  client: OpenAI,
  model: OpenAIImageModel,
  input: GenerateInput,
  signal: AbortSignal,
  fetchOptions: ImageFetchOptions,
): Promise<GenerateResult> {
  try {
    const { data: body, request_id } = await client.images
      .generate(buildParams(model, input), { signal })
      .withResponse();
    const images = await decodeImages(provider, body, input.n, signal, fetchOptions);
    return { images, ...(request_id ? { providerRequestId: request_id } : {}) };
  } catch (err) {
    throw classifyOpenAIError(provider, err, signal);
  }
}
