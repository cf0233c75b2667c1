// The Adobe Firefly Services adapter (DESIGN §7), plain REST. Generation is the v3 asynchronous API by
// default (POST /v3/images/generate-async, then poll the job's statusUrl, cancel it on abort); the
// synchronous POST /v3/images/generate is available with `mode: 'sync'`. Outputs are pre-signed URLs,
// downloaded with the safe fetcher. Auth is an IMS client-credentials token plus `x-api-key`.
import {
  ProviderError,
  type GenerateInput,
  type GenerateResult,
  type GeneratedImage,
  type ImageProvider,
  type ModelInfo,
  type Region,
} from './port.ts';
import { ImsTokenSource, type ImsOptions } from './firefly-ims.ts';
import {
  FIREFLY_MAX_PROMPT,
  FIREFLY_MODEL_ID,
  fireflyCatalog,
  generateBody,
  kindForFireflyError,
} from './firefly-model.ts';
import { checkInput } from './input-check.ts';
import {
  excerpt,
  isRecord,
  readJson,
  retryAfterMs,
  sleep,
  toProviderError,
  withDeadline,
} from './provider-http.ts';
import { fetchImage, hostAllowed, type ImageFetchOptions } from './safe-fetch.ts';

export interface FireflyProviderOptions extends ImsOptions {
  /** Default `https://firefly-api.adobe.io`. */
  baseUrl?: string;
  /** `async` (default, the current v3 API) or `sync`. */
  mode?: 'async' | 'sync';
  /** Sent as `x-model-version` (default `image3`). */
  modelVersion?: string;
  timeoutMs?: number;
  pollIntervalMs?: number;
  cancelTimeoutMs?: number;
  /** Where Firefly processes requests (default `united-states`). */
  region?: Region;
  /** Hosts besides baseUrl's own that may appear in statusUrl/cancelUrl (default `*.adobe.io`). */
  apiHosts?: string[];
  imageFetch?: Partial<ImageFetchOptions>;
}

/** Firefly's pre-signed output store. */
export const FIREFLY_IMAGE_HOSTS = [
  'pre-signed-firefly-prod.s3-accelerate.amazonaws.com',
  'pre-signed-firefly-prod.s3.amazonaws.com',
];
const RUNNING = new Set(['pending', 'running', 'cancel_pending']);

export class FireflyImageProvider implements ImageProvider {
  readonly id = 'firefly' as const;
  readonly ims: ImsTokenSource;
  private readonly options: FireflyProviderOptions;
  private readonly baseUrl: string;
  private readonly fetchOptions: ImageFetchOptions;
  private readonly catalog: ModelInfo;

  constructor(options: FireflyProviderOptions) {
    this.options = options;
    this.ims = new ImsTokenSource(options);
    this.baseUrl = (options.baseUrl ?? 'https://firefly-api.adobe.io').replace(/\/+$/, '');
    this.fetchOptions = {
      ...options.imageFetch,
      allowedHosts: options.imageFetch?.allowedHosts ?? FIREFLY_IMAGE_HOSTS,
    };
    this.catalog = fireflyCatalog(options.region ?? 'united-states');
  }

  models(): ModelInfo[] {
    return [{ ...this.catalog }];
  }

  async generate(input: GenerateInput, signal: AbortSignal): Promise<GenerateResult> {
    checkInput(this.id, input.model === FIREFLY_MODEL_ID ? this.catalog : undefined, input);
    if (input.prompt.length > FIREFLY_MAX_PROMPT) {
      throw new ProviderError(
        this.id,
        'bad_request',
        `firefly: prompts are limited to ${FIREFLY_MAX_PROMPT} characters`,
      );
    }
    const bounded = withDeadline(signal, this.options.timeoutMs ?? 60_000);
    const body = JSON.stringify(generateBody(input));
    let job: { id: string; cancelUrl: string } | undefined;
    try {
      if (this.options.mode === 'sync') {
        const result = await this.call('POST', `${this.baseUrl}/v3/images/generate`, body, bounded);
        return { images: await this.collect(result, input.n, bounded) };
      }
      const accepted = await this.call('POST', `${this.baseUrl}/v3/images/generate-async`, body, bounded);
      if (!isRecord(accepted) || typeof accepted.jobId !== 'string' || !/^[\w:.-]+$/.test(accepted.jobId)) {
        throw new ProviderError(this.id, 'bad_response', 'firefly: async answer lacks a jobId');
      }
      const id = accepted.jobId;
      job = { id, cancelUrl: this.apiUrl(accepted.cancelUrl) ?? `${this.baseUrl}/v3/cancel/${id}` };
      const statusUrl = this.apiUrl(accepted.statusUrl) ?? `${this.baseUrl}/v3/status/${id}`;
      for (;;) {
        const status = await this.call('GET', statusUrl, undefined, bounded);
        const state = isRecord(status) ? status.status : undefined;
        if (typeof state === 'string' && RUNNING.has(state)) {
          await sleep(this.options.pollIntervalMs ?? 1_000, bounded);
          continue;
        }
        job = undefined; // finished one way or another: nothing left to cancel
        if (state === 'succeeded' && isRecord(status)) {
          return {
            images: await this.collect(status.result ?? status, input.n, bounded),
            providerRequestId: id,
          };
        }
        throw this.jobFailure(id, status);
      }
    } catch (err) {
      const failure = toProviderError(this.id, err, bounded);
      if (job) await this.cancel(job.cancelUrl);
      throw failure;
    }
  }

  /** statusUrl/cancelUrl come from the answer: only follow them to Firefly's own hosts (they carry our token). */
  private apiUrl(raw: unknown): string | undefined {
    if (typeof raw !== 'string') return undefined;
    try {
      const url = new URL(raw);
      if (url.origin === new URL(this.baseUrl).origin) return url.href;
      const hosts = this.options.apiHosts ?? ['*.adobe.io'];
      return url.protocol === 'https:' && hostAllowed(url.hostname, hosts) ? url.href : undefined;
    } catch {
      return undefined;
    }
  }

  /** One authenticated call; a 401 drops the cached token and retries once with a fresh one. */
  private async call(
    method: string,
    url: string,
    body: string | undefined,
    signal: AbortSignal,
  ): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.ims.token(signal);
      const res = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'x-api-key': this.options.clientId,
          'x-model-version': this.options.modelVersion ?? 'image3',
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body,
        signal,
      });
      if (res.status === 401 && attempt === 0) {
        await res.body?.cancel();
        this.ims.invalidate(token);
        continue;
      }
      if (res.ok) return readJson(this.id, res);
      const text = await res.text();
      let code: string | undefined;
      let message = excerpt(text);
      try {
        const parsed: unknown = JSON.parse(text);
        if (isRecord(parsed)) {
          code = typeof parsed.error_code === 'string' ? parsed.error_code : undefined;
          message = typeof parsed.message === 'string' ? parsed.message : message;
        }
      } catch {
        // Not JSON (gateways answer HTML): the excerpt is the message.
      }
      const kind = kindForFireflyError(res.status, code);
      throw new ProviderError(
        this.id,
        kind,
        `firefly: HTTP ${res.status}${code ? ` ${code}` : ''}: ${message}`,
        {
          status: res.status,
          retryAfterMs: kind === 'rate_limited' ? retryAfterMs(res.headers) : undefined,
        },
      );
    }
  }

  private jobFailure(id: string, status: unknown): ProviderError {
    const record = isRecord(status) ? status : {};
    const nested = isRecord(record.error) ? record.error : record;
    const code = typeof nested.error_code === 'string' ? nested.error_code : undefined;
    const message =
      typeof nested.message === 'string' ? nested.message : `job ended as ${String(record.status)}`;
    const known =
      typeof record.status === 'string' &&
      ['failed', 'canceled', 'cancelled', 'timeout'].includes(record.status);
    if (!known) return new ProviderError(this.id, 'bad_response', `firefly: job ${id} has an unknown status`);
    return new ProviderError(
      this.id,
      kindForFireflyError(undefined, code ?? (record.status as string)),
      `firefly: job ${id}: ${message}`,
    );
  }

  /** Best effort: the generation has already failed; a cancel that fails too changes nothing for the caller. */
  private async cancel(url: string): Promise<void> {
    const signal = AbortSignal.timeout(this.options.cancelTimeoutMs ?? 2_000);
    await this.call('PUT', url, undefined, signal).catch(() => undefined);
  }

  private async collect(result: unknown, n: number, signal: AbortSignal): Promise<GeneratedImage[]> {
    const outputs = isRecord(result) ? result.outputs : undefined;
    if (!Array.isArray(outputs) || outputs.length === 0 || outputs.length > n) {
      throw new ProviderError(this.id, 'bad_response', `firefly: expected 1 to ${n} outputs`);
    }
    const images: GeneratedImage[] = [];
    for (const output of outputs) {
      const url = isRecord(output) && isRecord(output.image) ? output.image.url : undefined;
      if (typeof url !== 'string')
        throw new ProviderError(this.id, 'bad_response', 'firefly: output without image.url');
      images.push(await fetchImage(this.id, url, signal, this.fetchOptions));
    }
    return images;
  }
}
