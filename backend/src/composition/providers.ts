// Part of the composition root: the remote providers that have settings. Filled in as adapters land.
import type { Config } from '../config.ts';
import type { ImageProvider } from '../providers/port.ts';

export function remoteProviders(_config: Config): { provider: ImageProvider; timeoutMs: number }[] {
  return [];
}
