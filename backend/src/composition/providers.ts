// Part of the composition root: the remote providers whose settings are present.
import type { Config } from '../config.ts';
import { AzureOpenAIImageProvider } from '../providers/azure-openai.ts';
import { FireflyImageProvider } from '../providers/firefly.ts';
import { OpenAIImageProvider } from '../providers/openai.ts';
import type { ImageProvider } from '../providers/port.ts';
import { ReplicateImageProvider } from '../providers/replicate.ts';

export function remoteProviders(config: Config): { provider: ImageProvider; timeoutMs: number }[] {
  const p = config.providers;
  const out: { provider: ImageProvider; timeoutMs: number }[] = [];
  if (p.azureOpenai)
    out.push({ provider: new AzureOpenAIImageProvider(p.azureOpenai), timeoutMs: p.azureOpenai.timeoutMs });
  if (p.openai) out.push({ provider: new OpenAIImageProvider(p.openai), timeoutMs: p.openai.timeoutMs });
  if (p.replicate)
    out.push({ provider: new ReplicateImageProvider(p.replicate), timeoutMs: p.replicate.timeoutMs });
  if (p.firefly) out.push({ provider: new FireflyImageProvider(p.firefly), timeoutMs: p.firefly.timeoutMs });
  return out;
}
