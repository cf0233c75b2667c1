// Checks a generation request against the model's catalog entry before any money or network is spent.
// The router should never send such a request; this is the adapter's own guard. A style the model does not
// list is ignored rather than refused: it is a hint, and refusing would block fallback to other models.
import type { ProviderId } from '@donatello/contracts';
import { ProviderError, type GenerateInput, type ModelInfo } from './port.ts';

/** Refuses input the model cannot serve, before any money or network is spent. */
export function checkInput(
  provider: ProviderId,
  info: ModelInfo | undefined,
  input: GenerateInput,
): ModelInfo {
  const fail = (why: string): never => {
    throw new ProviderError(provider, 'bad_request', `${provider}: ${why}`);
  };
  if (!info) return fail(`model ${input.model} is not offered`);
  if (!info.sizes.includes(input.size)) fail(`size ${input.size} is not supported by ${info.id}`);
  if (!info.qualities.includes(input.quality))
    fail(`quality ${input.quality} is not supported by ${info.id}`);
  if (!Number.isInteger(input.n) || input.n < 1 || input.n > info.maxImages) {
    fail(`${info.id} makes 1 to ${info.maxImages} images per request (asked for ${input.n})`);
  }
  return info;
}
