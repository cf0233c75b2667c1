// OpenAI moderation adapter: POST {baseUrl}/moderations (https://platform.openai.com/docs/api-reference/moderations).
// Request {model, input}; response {id, model, results: [{flagged, categories: {name: bool},
// category_scores: {name: number}, ...}]}. The flagged categories are the ones whose boolean is true.
import { isRecord, ModerationUnavailableError, postJson, type Moderator } from './moderation.ts';

export interface OpenAiModerationOptions {
  /** e.g. https://api.openai.com/v1 */
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  /** Defaults to omni-moderation-latest. */
  model?: string;
}

export const OPENAI_MODERATION_MODEL = 'omni-moderation-latest';

export class OpenAiModerator implements Moderator {
  readonly provider = 'openai';
  readonly #url: string;
  readonly #apiKey: string;
  readonly #timeoutMs: number;
  readonly #model: string;

  constructor(options: OpenAiModerationOptions) {
    this.#url = `${options.baseUrl.replace(/\/+$/, '')}/moderations`;
    this.#apiKey = options.apiKey;
    this.#timeoutMs = options.timeoutMs;
    this.#model = options.model ?? OPENAI_MODERATION_MODEL;
  }

  async moderate(text: string, signal?: AbortSignal): Promise<string[]> {
    const body = await postJson({
      provider: this.provider,
      url: this.#url,
      headers: { authorization: `Bearer ${this.#apiKey}` },
      body: { model: this.#model, input: text },
      timeoutMs: this.#timeoutMs,
      signal,
    });
    return flaggedCategories(body);
  }
}

function flaggedCategories(body: unknown): string[] {
  const malformed = (what: string) => new ModerationUnavailableError('openai', 'malformed-response', what);
  if (!isRecord(body) || !Array.isArray(body.results) || body.results.length === 0) {
    throw malformed('the answer has no results');
  }
  const flagged = new Set<string>();
  for (const result of body.results as unknown[]) {
    if (!isRecord(result) || typeof result.flagged !== 'boolean' || !isRecord(result.categories)) {
      throw malformed('a result lacks flagged or categories');
    }
    let named = false;
    for (const [category, hit] of Object.entries(result.categories)) {
      // Categories a model does not score come back as null.
      if (hit !== true && hit !== false && hit !== null) throw malformed('a category is not a boolean');
      if (hit === true) {
        flagged.add(category);
        named = true;
      }
    }
    // Flagged without a named category still blocks; say so rather than drop it.
    if (result.flagged && !named) flagged.add('unspecified');
  }
  return [...flagged];
}
