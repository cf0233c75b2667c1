// The configured providers and their models. A provider is here only when its settings are present.
import type { ProviderId } from '@donatello/contracts';
import { CircuitBreaker, type BreakerOptions } from './circuit-breaker.ts';
import type { ImageProvider, ModelInfo } from './port.ts';

export interface RegisteredModel extends ModelInfo {
  timeoutMs: number;
}

export class ProviderRegistry {
  private readonly providers = new Map<
    ProviderId,
    { provider: ImageProvider; timeoutMs: number; breaker: CircuitBreaker }
  >();

  constructor(entries: { provider: ImageProvider; timeoutMs: number }[], breaker: BreakerOptions) {
    for (const e of entries) {
      this.providers.set(e.provider.id, { ...e, breaker: new CircuitBreaker(breaker) });
    }
  }

  ids(): ProviderId[] {
    return [...this.providers.keys()];
  }

  models(): RegisteredModel[] {
    return [...this.providers.values()].flatMap(({ provider, timeoutMs }) =>
      provider.models().map((m) => ({ ...m, timeoutMs })),
    );
  }

  provider(id: ProviderId): ImageProvider {
    const p = this.providers.get(id);
    if (!p) throw new Error(`provider ${id} is not configured`);
    return p.provider;
  }

  breaker(id: ProviderId): CircuitBreaker {
    const p = this.providers.get(id);
    if (!p) throw new Error(`provider ${id} is not configured`);
    return p.breaker;
  }
}
