// The Replicate adapter (DESIGN §7) through the official `replicate` SDK. A prediction is created with
// `Prefer: wait` (the SDK's `wait` option), then polled until it ends; an abandoned prediction is cancelled
// so it stops costing money. Output images are URLs, downloaded with the safe fetcher.
import Replicate, { type Prediction } from 'replicate';
import {
  ProviderError,
  type GenerateInput,
  type GenerateResult,
  type GeneratedImage,
  type ImageProvider,
  type ModelInfo,
} from './port.ts';
import { REPLICATE_MODELS, SDXL_VERSION, predictionFor, type ReplicateModelId } from './replicate-models.ts';
import { checkInput } from './input-check.ts';
import {
  excerpt,
  isRecord,
  kindForStatus,
  retryAfterMs,
  sleep,
  toProviderError,
  withDeadline,
} from './provider-http.ts';
import { fetchImage, type ImageFetchOptions } from './safe-fetch.ts';

export interface ReplicateProviderOptions {
  apiToken: string;
  /** Default `https://api.replicate.com/v1`. */
  baseUrl?: string;
  /** Upper bound per generation, on top of the router's signal (default 180 s). */
  timeoutMs?: number;
  /**
   * Seconds the create call may block for a finished prediction (`Prefer: wait=N`, 1–60, default 60).
   * 0 polls from the start: the prediction id is then known at once, so an abort can always cancel it.
   */
  waitSeconds?: number;
  pollIntervalMs?: number;
  /** How long a best-effort cancel may take after an abort (default 2 s). */
  cancelTimeoutMs?: number;
  sdxlVersion?: string;
  imageFetch?: Partial<ImageFetchOptions>;
}

export const REPLICATE_IMAGE_HOSTS = ['replicate.delivery', '*.replicate.delivery'];
const TERMINAL = new Set(['succeeded', 'failed', 'canceled', 'aborted']);
/** Replicate's safety checker failures: "NSFW content detected", E005 "flagged as sensitive". */
const SAFETY_FAILURE = /nsfw|sensitive|safety (checker|filter)|\bE005\b/i;

type Fetch = (input: Request | string, init?: RequestInit) => Promise<Response>;

async function httpError(res: Response): Promise<ProviderError> {
  const text = await res.text().catch(() => '');
  let detail = excerpt(text);
  try {
    const body: unknown = JSON.parse(text);
    if (isRecord(body))
      detail = [body.title, body.detail].filter((v) => typeof v === 'string').join(': ') || detail;
  } catch {
    // Not JSON: the excerpt of the raw body is the detail.
  }
  return new ProviderError(
    'replicate',
    kindForStatus(res.status),
    `replicate: HTTP ${res.status}: ${detail}`,
    {
      status: res.status,
      retryAfterMs: res.status === 429 ? retryAfterMs(res.headers) : undefined,
    },
  );
}

/**
 * The SDK retries 429 (and 5xx on GET) up to five times with no real back-off. The router owns fallback,
 * so this transport classifies a failed answer once and rethrows the same error for the SDK's retries of
 * that request (they reuse the same `init` object) without touching the network again.
 */
function singleShotFetch(): Fetch {
  const failures = new WeakMap<object, ProviderError>();
  return async (input, init) => {
    const key = init ?? failures;
    const earlier = failures.get(key);
    if (earlier) throw earlier;
    try {
      const res = await fetch(input, init);
      if (!res.ok) throw await httpError(res);
      return res;
    } catch (err) {
      const classified = toProviderError('replicate', err, init?.signal ?? new AbortController().signal);
      failures.set(key, classified);
      throw classified;
    }
  };
}

function checkPrediction(value: unknown): Prediction {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.status !== 'string') {
    throw new ProviderError('replicate', 'bad_response', 'replicate: answer is not a prediction');
  }
  return value as unknown as Prediction;
}

export class ReplicateImageProvider implements ImageProvider {
  readonly id = 'replicate' as const;
  private readonly client: Replicate;
  private readonly options: ReplicateProviderOptions;
  private readonly fetchOptions: ImageFetchOptions;
  private readonly catalog: ModelInfo[];

  constructor(options: ReplicateProviderOptions) {
    this.options = options;
    this.client = new Replicate({
      auth: options.apiToken,
      baseUrl: options.baseUrl ?? 'https://api.replicate.com/v1',
      fetch: singleShotFetch(),
      useFileOutput: false,
    });
    this.fetchOptions = {
      ...options.imageFetch,
      allowedHosts: options.imageFetch?.allowedHosts ?? REPLICATE_IMAGE_HOSTS,
    };
    this.catalog = Object.values(REPLICATE_MODELS).map((m) => ({ ...m, provider: this.id }));
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
    const bounded = withDeadline(signal, this.options.timeoutMs ?? 180_000);
    let prediction: Prediction | undefined;
    try {
      prediction = await this.create(info.id as ReplicateModelId, input, bounded);
      while (!TERMINAL.has(prediction.status)) {
        await sleep(this.options.pollIntervalMs ?? 1_000, bounded);
        prediction = checkPrediction(await this.client.predictions.get(prediction.id, { signal: bounded }));
      }
      const images = await this.collect(prediction, input.n, bounded);
      return { images, providerRequestId: prediction.id };
    } catch (err) {
      const failure = toProviderError(this.id, err, bounded);
      if (prediction && !TERMINAL.has(prediction.status)) await this.cancel(prediction.id);
      throw failure;
    }
  }

  private async create(
    model: ReplicateModelId,
    input: GenerateInput,
    signal: AbortSignal,
  ): Promise<Prediction> {
    const { input: modelInput, ...target } = predictionFor(
      model,
      input,
      this.options.sdxlVersion ?? SDXL_VERSION,
    );
    const waitSeconds = Math.min(60, Math.max(0, Math.floor(this.options.waitSeconds ?? 60)));
    const created: unknown = await this.client.predictions.create({
      ...target,
      input: modelInput,
      ...(waitSeconds > 0 ? { wait: waitSeconds } : {}),
      signal,
    });
    return checkPrediction(created);
  }

  /** Best effort: the generation has already failed; a cancel that fails too changes nothing for the caller. */
  private async cancel(id: string): Promise<void> {
    const signal = AbortSignal.timeout(this.options.cancelTimeoutMs ?? 2_000);
    await this.client.predictions.cancel(id, { signal }).catch(() => undefined);
  }

  private async collect(prediction: Prediction, n: number, signal: AbortSignal): Promise<GeneratedImage[]> {
    if (prediction.status !== 'succeeded') {
      const error =
        typeof prediction.error === 'string' ? prediction.error : `prediction ${prediction.status}`;
      const kind = SAFETY_FAILURE.test(error) ? 'content_policy' : 'server';
      throw new ProviderError(
        this.id,
        kind,
        `replicate: prediction ${prediction.id} ${prediction.status}: ${excerpt(error)}`,
      );
    }
    const output: unknown = prediction.output;
    const urls = typeof output === 'string' ? [output] : output;
    if (
      !Array.isArray(urls) ||
      urls.length === 0 ||
      urls.length > n ||
      !urls.every((u) => typeof u === 'string')
    ) {
      throw new ProviderError(this.id, 'bad_response', `replicate: expected 1 to ${n} output URLs`);
    }
    const images: GeneratedImage[] = [];
    for (const url of urls) images.push(await fetchImage(this.id, url, signal, this.fetchOptions));
    return images;
  }
}
