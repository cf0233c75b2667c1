// Azure AI Content Safety adapter: POST {endpoint}/contentsafety/text:analyze?api-version=2024-09-01 with the
// Ocp-Apim-Subscription-Key header (https://learn.microsoft.com/rest/api/contentsafety/text-operations/analyze-text).
// Request {text, outputType: "FourSeverityLevels"}; response {blocklistsMatch, categoriesAnalysis:
// [{category: "Hate"|"SelfHarm"|"Sexual"|"Violence", severity: 0|2|4|6}]}. A category is flagged when its
// severity reaches the configured threshold.
import { isRecord, ModerationUnavailableError, postJson, type Moderator } from './moderation.ts';

export interface AzureContentSafetyOptions {
  /** e.g. https://<resource>.cognitiveservices.azure.com */
  endpoint: string;
  apiKey: string;
  /** Flag at or above this severity (0, 2, 4, 6 with FourSeverityLevels). Default 4 (medium). */
  severityThreshold?: number;
  timeoutMs: number;
}

export const AZURE_CONTENT_SAFETY_API_VERSION = '2024-09-01';
export const DEFAULT_SEVERITY_THRESHOLD = 4;

/** Azure's category names, written like OpenAI's so findings read the same whichever service answered. */
const CATEGORY_NAMES: Record<string, string> = {
  Hate: 'hate',
  SelfHarm: 'self-harm',
  Sexual: 'sexual',
  Violence: 'violence',
};

export class AzureContentSafetyModerator implements Moderator {
  readonly provider = 'azure';
  readonly #url: string;
  readonly #apiKey: string;
  readonly #threshold: number;
  readonly #timeoutMs: number;

  constructor(options: AzureContentSafetyOptions) {
    const endpoint = options.endpoint.replace(/\/+$/, '');
    this.#url = `${endpoint}/contentsafety/text:analyze?api-version=${AZURE_CONTENT_SAFETY_API_VERSION}`;
    this.#apiKey = options.apiKey;
    this.#threshold = options.severityThreshold ?? DEFAULT_SEVERITY_THRESHOLD;
    this.#timeoutMs = options.timeoutMs;
  }

  async moderate(text: string, signal?: AbortSignal): Promise<string[]> {
    const body = await postJson({
      provider: this.provider,
      url: this.#url,
      headers: { 'Ocp-Apim-Subscription-Key': this.#apiKey },
      body: { text, outputType: 'FourSeverityLevels' },
      timeoutMs: this.#timeoutMs,
      signal,
    });
    return this.#flagged(body);
  }

  #flagged(body: unknown): string[] {
    const malformed = (what: string) => new ModerationUnavailableError('azure', 'malformed-response', what);
    // Without a categories filter the service analyses every category; an empty list means it did not.
    if (!isRecord(body) || !Array.isArray(body.categoriesAnalysis) || body.categoriesAnalysis.length === 0) {
      throw malformed('the answer has no categoriesAnalysis');
    }
    const flagged: string[] = [];
    for (const item of body.categoriesAnalysis as unknown[]) {
      if (!isRecord(item) || typeof item.category !== 'string' || !Number.isInteger(item.severity)) {
        throw malformed('a category analysis lacks category or severity');
      }
      if ((item.severity as number) >= this.#threshold) {
        flagged.push(CATEGORY_NAMES[item.category] ?? item.category.toLowerCase());
      }
    }
    return flagged;
  }
}
