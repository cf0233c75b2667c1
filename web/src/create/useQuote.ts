// The live quote as someone types: debounced, each new request cancels the one before, and an answer that
// arrives late for an older draft is dropped. The last good quote stays on screen (marked stale) while the next
// one is on its way, so the price does not flicker.
import type { EstimateView, GenerationRequest } from '@donatello/contracts';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client.ts';

export const QUOTE_DEBOUNCE_MS = 400;

export interface QuoteState {
  quote: EstimateView | null;
  /** The quote on screen is for an older draft; a new one is being asked for. */
  stale: boolean;
  loading: boolean;
  error: unknown;
}

const IDLE: QuoteState = { quote: null, stale: false, loading: false, error: null };

/** `refresh`: change it to ask again for the same draft (after a generation spent some of the budget). */
export function useQuote(
  api: ApiClient,
  request: GenerationRequest | null,
  debounceMs = QUOTE_DEBOUNCE_MS,
  refresh: unknown = null,
): QuoteState {
  const [state, setState] = useState<QuoteState>(IDLE);
  const key = request ? JSON.stringify(request) : null;
  useEffect(() => {
    if (!key) {
      setState(IDLE);
      return;
    }
    setState((s) => ({ ...s, stale: s.quote !== null, loading: true }));
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.estimate(JSON.parse(key) as GenerationRequest, controller.signal).then(
        (quote) => {
          if (!controller.signal.aborted) setState({ quote, stale: false, loading: false, error: null });
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setState({ quote: null, stale: false, loading: false, error });
        },
      );
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, key, debounceMs, refresh]);
  return state;
}
