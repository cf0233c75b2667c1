// Picks provider and model for a request and runs it with fallback (DESIGN §7):
// explicit model if asked; department policy (residency, allowed providers); `purpose: external` prefers
// commercially safe models; otherwise the cheapest model that meets size, quality and count. Providers whose
// circuit breaker is open are skipped. Fallback to the next candidate on transient failures only.
import type { DepartmentPolicy } from '@donatello/contracts';
import type { Logger } from 'pino';
import { AppError, ValidationError } from '../domain/errors.ts';
import {
  ProviderError,
  type GenerateInput,
  type GenerateResult,
  type ImageSize,
  type Quality,
} from './port.ts';
import type { ProviderRegistry, RegisteredModel } from './registry.ts';
import { recordProviderAttempt } from '../telemetry/metrics.ts';

/** How many candidates a request may try; the reservation covers the dearest of them. */
export const MAX_CHAIN = 3;

export interface RouteRequest {
  model: string; // 'auto' or a model id
  size: ImageSize;
  quality: Quality;
  n: number;
  style?: string;
  purpose: 'internal' | 'external';
  policy: DepartmentPolicy;
  promptLength: number;
}

export interface Attempt {
  provider: string;
  model: string;
  outcome: 'succeeded' | 'skipped' | ProviderError['kind'];
  ms: number;
}

export class NoProviderAvailableError extends AppError {
  constructor(detail: string, retryAfterSeconds?: number) {
    super('no-provider-available', 503, 'No image provider is available', detail, {
      ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
    });
  }
}

export class ContentPolicyError extends AppError {
  constructor(provider: string) {
    super(
      'prompt-blocked',
      422,
      'The provider refused this prompt',
      `The ${provider} provider's content policy refused it`,
      {
        findings: [{ type: 'provider_policy' }],
      },
    );
  }
}

export class Router {
  private readonly registry: ProviderRegistry;
  private readonly log: Logger;
  constructor(registry: ProviderRegistry, log: Logger) {
    this.registry = registry;
    this.log = log;
  }

  /** The models this request may use, best first (at most MAX_CHAIN). Throws when none fits. */
  candidates(req: RouteRequest): RegisteredModel[] {
    const all = this.registry.models();
    const allowedByPolicy = (m: RegisteredModel) =>
      (req.policy.allowedProviders.length === 0 || req.policy.allowedProviders.includes(m.provider)) &&
      (req.policy.residency === 'any' || m.region === 'australia');
    const capable = (m: RegisteredModel) =>
      m.sizes.includes(req.size) &&
      m.qualities.includes(req.quality) &&
      req.n <= m.maxImages &&
      req.promptLength <= (m.maxPromptLength ?? Infinity) &&
      (!req.style || !m.styles || m.styles.includes(req.style));

    const price = (m: RegisteredModel) => m.priceMicros[req.quality];
    if (req.model !== 'auto') {
      // The same model may be offered by several providers (DALL-E 3 on OpenAI and on Azure): cheapest first.
      const named = all.filter((x) => x.id === req.model);
      if (named.length === 0) {
        throw new ValidationError(`Unknown or unavailable model "${req.model}"`, [
          { path: 'body.model', message: `one of: auto, ${[...new Set(all.map((x) => x.id))].join(', ')}` },
        ]);
      }
      const allowed = named.filter(allowedByPolicy);
      if (allowed.length === 0) {
        throw new AppError(
          'forbidden',
          403,
          'Model not allowed',
          `Your department's policy does not allow ${req.model}`,
        );
      }
      const usable = allowed.filter(capable);
      if (usable.length === 0) {
        const m = allowed[0]!;
        throw new ValidationError(
          `${m.id} does not support this size, quality, style, prompt length or number of images`,
          [
            {
              path: 'body',
              message: `${m.id}: sizes ${m.sizes.join('/')}, qualities ${m.qualities.join('/')}, n ≤ ${m.maxImages}`,
            },
          ],
        );
      }
      return usable
        .sort((a, b) => price(a) - price(b) || a.provider.localeCompare(b.provider))
        .slice(0, MAX_CHAIN);
    }
    const fitting = all.filter((m) => allowedByPolicy(m) && capable(m));
    if (fitting.length === 0) {
      throw new NoProviderAvailableError(
        "No configured model meets this request's size, quality, count and your department's policy",
      );
    }
    fitting.sort(
      (a, b) =>
        (req.purpose === 'external' ? Number(b.commercialSafe) - Number(a.commercialSafe) : 0) ||
        price(a) - price(b) ||
        a.id.localeCompare(b.id),
    );
    return fitting.slice(0, MAX_CHAIN);
  }

  /** Tries the candidates in order. Content-policy refusals and bad requests stop the chain. */
  async generate(
    chain: RegisteredModel[],
    input: Omit<GenerateInput, 'model'>,
    signal?: AbortSignal,
  ): Promise<{ model: RegisteredModel; result: GenerateResult; attempts: Attempt[] }> {
    const attempts: Attempt[] = [];
    let retryIn = Infinity;
    for (const model of chain) {
      const breaker = this.registry.breaker(model.provider);
      if (!breaker.allow()) {
        attempts.push({ provider: model.provider, model: model.id, outcome: 'skipped', ms: 0 });
        retryIn = Math.min(retryIn, breaker.retryInMs());
        continue;
      }
      const started = performance.now();
      const timeout = AbortSignal.timeout(model.timeoutMs);
      try {
        const result = await this.registry
          .provider(model.provider)
          .generate({ ...input, model: model.id }, signal ? AbortSignal.any([signal, timeout]) : timeout);
        if (result.images.length === 0)
          throw new ProviderError(model.provider, 'bad_response', 'no images returned');
        breaker.success();
        attempts.push({
          provider: model.provider,
          model: model.id,
          outcome: 'succeeded',
          ms: performance.now() - started,
        });
        recordProviderAttempt(attempts.at(-1)!);
        return { model, result, attempts };
      } catch (raw) {
        const err =
          raw instanceof ProviderError
            ? raw
            : new ProviderError(
                model.provider,
                timeout.aborted ? 'timeout' : 'server',
                'provider adapter failed',
                { cause: raw },
              );
        attempts.push({
          provider: model.provider,
          model: model.id,
          outcome: err.kind,
          ms: performance.now() - started,
        });
        recordProviderAttempt(attempts.at(-1)!);
        this.log.warn(
          { provider: model.provider, model: model.id, kind: err.kind, status: err.status },
          'provider attempt failed',
        );
        if (!err.fallback) {
          breaker.success(); // the provider answered properly; it just said no
          if (err.kind === 'content_policy') throw new ContentPolicyError(model.provider);
          throw new NoProviderAvailableError(`The ${model.provider} provider rejected the request`);
        }
        breaker.failure();
        if (signal?.aborted) break;
      }
    }
    const retryAfter = Number.isFinite(retryIn) ? Math.ceil(retryIn / 1000) : undefined;
    const tried = attempts.map((a) => `${a.model}: ${a.outcome}`).join(', ');
    throw Object.assign(
      new NoProviderAvailableError(`Every provider failed or is paused (${tried})`, retryAfter),
      {
        attempts,
      },
    );
  }
}
