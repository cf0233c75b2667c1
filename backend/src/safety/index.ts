// The prompt safety module's public surface and its factory. The composition root builds one with
// createPromptSafety(config.safety) and hands it to the generation pipeline as the PromptSafety port.
import { AzureContentSafetyModerator, DEFAULT_SEVERITY_THRESHOLD } from './azure-moderation.ts';
import { Blocklist } from './blocklist.ts';
import type { Moderator } from './moderation.ts';
import { CachingModerator } from './moderation-cache.ts';
import { OpenAiModerator } from './openai-moderation.ts';
import { PromptSafetyService } from './service.ts';

export type ModerationOptions =
  | { provider: 'none' }
  | { provider: 'openai'; baseUrl: string; apiKey: string; timeoutMs: number; model?: string }
  | {
      provider: 'azure';
      endpoint: string;
      apiKey: string;
      /** Default 4 (FourSeverityLevels answers 0, 2, 4 or 6). */
      severityThreshold?: number;
      timeoutMs: number;
    };

export interface PromptSafetyOptions {
  /** Words and phrases that always block, matched case-insensitively on word boundaries. */
  blocklist: readonly string[];
  moderation: ModerationOptions;
}

function positiveTimeout(ms: number): number {
  if (!Number.isInteger(ms) || ms <= 0)
    throw new RangeError('moderation timeoutMs must be a positive integer');
  return ms;
}

function moderatorFor(options: ModerationOptions): Moderator | undefined {
  switch (options.provider) {
    case 'none':
      return undefined;
    case 'openai':
      if (!options.apiKey) throw new TypeError('OpenAI moderation needs an API key');
      return new OpenAiModerator({ ...options, timeoutMs: positiveTimeout(options.timeoutMs) });
    case 'azure': {
      if (!options.apiKey) throw new TypeError('Azure AI Content Safety needs a subscription key');
      const threshold = options.severityThreshold ?? DEFAULT_SEVERITY_THRESHOLD;
      // Severity 0 is "safe"; a threshold of 0 would block every prompt.
      if (!Number.isInteger(threshold) || threshold < 1 || threshold > 7) {
        throw new RangeError('Azure severityThreshold must be an integer from 1 to 7');
      }
      return new AzureContentSafetyModerator({
        ...options,
        severityThreshold: threshold,
        timeoutMs: positiveTimeout(options.timeoutMs),
      });
    }
  }
}

/** How long a moderation answer is reused for the same text (a quote, then the generation it starts). */
export const MODERATION_CACHE = { ttlMs: 60_000, maxEntries: 1000 };

/** Builds the prompt safety service from configuration; throws on settings that cannot work. */
export function createPromptSafety(options: PromptSafetyOptions): PromptSafetyService {
  const moderator = moderatorFor(options.moderation);
  return new PromptSafetyService({
    blocklist: new Blocklist(options.blocklist),
    ...(moderator ? { moderator: new CachingModerator(moderator, MODERATION_CACHE) } : {}),
  });
}

export { FINDING_TYPES } from './port.ts';
export type { Finding, FindingType, PromptSafety, SafetyPolicy, SafetyVerdict } from './port.ts';
export { Blocklist } from './blocklist.ts';
export { findPersonalInformation, PII_PRECEDENCE } from './pii.ts';
export { ModerationUnavailableError, type ModerationFailure, type Moderator } from './moderation.ts';
export { CachingModerator, type ModerationCacheOptions } from './moderation-cache.ts';
export { OpenAiModerator, type OpenAiModerationOptions } from './openai-moderation.ts';
export { AzureContentSafetyModerator, type AzureContentSafetyOptions } from './azure-moderation.ts';
export { PromptSafetyService, type PromptSafetyDeps } from './service.ts';
export { promptHash, redactPrompt, type RedactionSpan } from './redact.ts';
