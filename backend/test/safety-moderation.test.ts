// The moderation adapters against local servers that follow each service's published API (no fetch mocks).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AzureContentSafetyModerator,
  CachingModerator,
  createPromptSafety,
  ModerationUnavailableError,
  OpenAiModerator,
  type Moderator,
} from '../src/safety/index.ts';
import {
  startFakeAzureContentSafety,
  startFakeOpenAiModeration,
  type FakeModeration,
} from './support/fake-moderation.ts';
import { scaled, waitFor } from './support/timing.ts';

/** A call that should answer gets a generous budget, so a busy machine never turns it into a timeout. */
const TIMEOUT_MS = scaled(30_000);
/** The budget when the fake stalls on purpose: it never answers, so a short budget cannot misfire. */
const STALL_MS = 300;
const PROMPT = 'A quiet harbour at dawn, secret-marker-7f3a';

interface Harness {
  name: 'openai' | 'azure';
  start(): Promise<FakeModeration>;
  moderator(
    fake: FakeModeration,
    overrides?: { apiKey?: string; url?: string; timeoutMs?: number },
  ): Moderator;
  /** Makes the fake flag violence; returns the category the adapter should report. */
  flagViolence(fake: FakeModeration): string;
}

const harnesses: Harness[] = [
  {
    name: 'openai',
    start: startFakeOpenAiModeration,
    moderator: (fake, o = {}) =>
      new OpenAiModerator({
        baseUrl: o.url ?? fake.url,
        apiKey: o.apiKey ?? fake.apiKey,
        timeoutMs: o.timeoutMs ?? TIMEOUT_MS,
      }),
    flagViolence: (fake) => ((fake.flag = { violence: 1 }), 'violence'),
  },
  {
    name: 'azure',
    start: startFakeAzureContentSafety,
    moderator: (fake, o = {}) =>
      new AzureContentSafetyModerator({
        endpoint: o.url ?? fake.url,
        apiKey: o.apiKey ?? fake.apiKey,
        timeoutMs: o.timeoutMs ?? TIMEOUT_MS,
      }),
    flagViolence: (fake) => ((fake.flag = { Violence: 4 }), 'violence'),
  },
];

/** Runs `moderate` and returns the error it throws. */
async function failure(moderator: Moderator, text = PROMPT, signal?: AbortSignal): Promise<unknown> {
  try {
    await moderator.moderate(text, signal);
  } catch (error) {
    return error;
  }
  throw new Error('moderate() did not fail');
}

describe.each(harnesses)('$name moderation adapter', (h) => {
  let fake: FakeModeration;
  beforeAll(async () => {
    fake = await h.start();
  });
  afterAll(async () => fake.stop());
  beforeEach(() => {
    fake.behaviour = 'answer';
    fake.flag = {};
    fake.requests.length = 0;
    fake.rejected.length = 0;
  });

  it('sends the published request and reads a clean answer', async () => {
    expect(await h.moderator(fake).moderate(PROMPT)).toEqual([]);
    expect(fake.rejected).toEqual([]);
    expect(fake.requests).toEqual([
      h.name === 'openai'
        ? { model: 'omni-moderation-latest', input: PROMPT }
        : { text: PROMPT, outputType: 'FourSeverityLevels' },
    ]);
  });

  it('reports the flagged categories', async () => {
    const category = h.flagViolence(fake);
    expect(await h.moderator(fake).moderate(PROMPT)).toEqual([category]);
  });

  it('accepts a base URL with a trailing slash', async () => {
    expect(await h.moderator(fake, { url: `${fake.url}/` }).moderate(PROMPT)).toEqual([]);
    expect(fake.rejected).toEqual([]);
  });

  it('fails closed on a refused key (the fake checks the auth header)', async () => {
    const error = await failure(h.moderator(fake, { apiKey: 'wrong-key' }));
    expect(error).toBeInstanceOf(ModerationUnavailableError);
    expect(error).toMatchObject({ reason: 'http-status', httpStatus: 401, status: 503 });
    expect(fake.rejected).toHaveLength(1);
  });

  it('fails closed on a 5xx answer', async () => {
    fake.behaviour = 'status-500';
    expect(await failure(h.moderator(fake))).toMatchObject({ reason: 'http-status', httpStatus: 500 });
  });

  it.each(['hang', 'hang-body'] as const)('fails closed when the service stalls (%s)', async (behaviour) => {
    fake.behaviour = behaviour;
    const started = Date.now();
    const error = await failure(h.moderator(fake, { timeoutMs: STALL_MS }));
    expect(error).toMatchObject({ reason: 'timeout' });
    // The fake never answers: only the budget can have ended the call (a scaled bound, far below vitest's).
    expect(Date.now() - started).toBeLessThan(scaled(15_000));
  });

  it.each(['malformed-json', 'wrong-shape'] as const)(
    'fails closed on a malformed answer (%s)',
    async (b) => {
      fake.behaviour = b;
      expect(await failure(h.moderator(fake))).toMatchObject({ reason: 'malformed-response' });
    },
  );

  it('fails closed when nothing listens', async () => {
    const gone = await h.start();
    await gone.stop();
    expect(await failure(h.moderator(gone))).toMatchObject({ reason: 'network', status: 503 });
  });

  it('passes on a cancellation by the caller as is', async () => {
    fake.behaviour = 'hang';
    const controller = new AbortController();
    const reason = new Error('client went away');
    // Cancelled once the request is with the service, however long that took.
    // (Should the request never arrive, the assertion below fails; the wait's own error is not needed.)
    void waitFor(() => fake.requests.length > 0, { what: 'the moderation request' }).then(
      () => controller.abort(reason),
      () => undefined,
    );
    expect(await failure(h.moderator(fake), PROMPT, controller.signal)).toBe(reason);
  });

  it('never puts the prompt or the key in its errors', async () => {
    const errors: unknown[] = [];
    for (const b of ['status-500', 'malformed-json', 'wrong-shape', 'hang'] as const) {
      fake.behaviour = b;
      errors.push(await failure(h.moderator(fake, { timeoutMs: STALL_MS })));
    }
    errors.push(await failure(h.moderator(fake, { apiKey: 'wrong-key' })));
    for (const error of errors) {
      const e = error as ModerationUnavailableError;
      const text = `${e.message} ${e.detail ?? ''} ${e.title} ${JSON.stringify(e)} ${String(e.stack)}`;
      expect(text).not.toContain('secret-marker-7f3a');
      expect(text).not.toContain(fake.apiKey);
      expect(text).not.toContain('wrong-key');
    }
  });
});

describe('Azure severity threshold', () => {
  let fake: FakeModeration;
  beforeAll(async () => {
    fake = await startFakeAzureContentSafety();
  });
  afterAll(async () => fake.stop());

  const moderator = (severityThreshold?: number) =>
    new AzureContentSafetyModerator({
      endpoint: fake.url,
      apiKey: fake.apiKey,
      timeoutMs: TIMEOUT_MS,
      severityThreshold,
    });

  it('flags at or above the threshold (default 4) and names categories like OpenAI does', async () => {
    fake.flag = { Hate: 2, SelfHarm: 4, Sexual: 0, Violence: 6 };
    expect(await moderator().moderate(PROMPT)).toEqual(['self-harm', 'violence']);
    expect(await moderator(2).moderate(PROMPT)).toEqual(['hate', 'self-harm', 'violence']);
    expect(await moderator(6).moderate(PROMPT)).toEqual(['violence']);
  });
});

describe('PromptSafetyService with a moderation service', () => {
  let openai: FakeModeration;
  let azure: FakeModeration;
  beforeAll(async () => {
    [openai, azure] = await Promise.all([startFakeOpenAiModeration(), startFakeAzureContentSafety()]);
  });
  afterAll(async () => Promise.all([openai.stop(), azure.stop()]));

  const safetyFor = (fake: FakeModeration, provider: 'openai' | 'azure') =>
    createPromptSafety({
      blocklist: ['project falcon'],
      moderation:
        provider === 'openai'
          ? { provider, baseUrl: openai.url, apiKey: openai.apiKey, timeoutMs: TIMEOUT_MS }
          : {
              provider,
              endpoint: fake.url,
              apiKey: fake.apiKey,
              severityThreshold: 4,
              timeoutMs: TIMEOUT_MS,
            },
    });

  it('blocks with one whole-prompt finding per flagged category', async () => {
    openai.flag = { violence: 1, 'hate/threatening': 1 };
    const verdict = await safetyFor(openai, 'openai').check(PROMPT, { piiAction: 'warn' });
    expect(verdict).toEqual({
      decision: 'block',
      findings: [
        { type: 'moderation', start: 0, end: PROMPT.length, category: 'hate/threatening' },
        { type: 'moderation', start: 0, end: PROMPT.length, category: 'violence' },
      ],
    });
  });

  it('sends the service the prompt with personal information redacted', async () => {
    azure.flag = {};
    azure.requests.length = 0;
    const prompt = 'Poster for jo@example.com, mobile 0412 345 678';
    const verdict = await safetyFor(azure, 'azure').check(prompt, { piiAction: 'warn' });
    expect(verdict.decision).toBe('warn');
    expect(azure.requests).toEqual([
      { text: 'Poster for [email], mobile [au_phone]', outputType: 'FourSeverityLevels' },
    ]);
  });

  it('answers 503 rather than allow when the service fails', async () => {
    azure.behaviour = 'status-500';
    const check = safetyFor(azure, 'azure').check('A calm lake', { piiAction: 'warn' });
    await expect(check).rejects.toBeInstanceOf(ModerationUnavailableError);
    await expect(check).rejects.toMatchObject({ status: 503, code: 'service-unavailable' });
    azure.behaviour = 'answer';
  });

  it('does not call the service for a prompt the blocklist already refuses', async () => {
    openai.requests.length = 0;
    const verdict = await safetyFor(openai, 'openai').check('Project Falcon launch', { piiAction: 'warn' });
    expect(verdict.decision).toBe('block');
    expect(openai.requests).toEqual([]);
  });
});

describe('moderation answers reused for the same text', () => {
  let fake: FakeModeration;
  beforeAll(async () => {
    fake = await startFakeOpenAiModeration();
  });
  afterAll(async () => fake.stop());

  it('asks once per text within the minute, again after it, and never keeps a failure', async () => {
    let now = 1_000_000;
    const moderator = new CachingModerator(
      new OpenAiModerator({ baseUrl: fake.url, apiKey: fake.apiKey, timeoutMs: TIMEOUT_MS }),
      { ttlMs: 60_000, maxEntries: 2, now: () => now },
    );
    fake.flag = { violence: 1 };
    expect(await moderator.moderate(PROMPT)).toEqual(['violence']);
    expect(await moderator.moderate(PROMPT)).toEqual(['violence']); // the quote, then its generation
    expect(fake.requests).toHaveLength(1);
    await moderator.moderate('another prompt');
    expect(fake.requests).toHaveLength(2);

    now += 60_001;
    await moderator.moderate(PROMPT);
    expect(fake.requests).toHaveLength(3);

    // A failure is not remembered: the next check asks again (and fails closed again).
    fake.behaviour = 'status-500';
    expect(await failure(moderator, 'a third prompt')).toBeInstanceOf(ModerationUnavailableError);
    fake.behaviour = 'answer';
    fake.flag = {};
    expect(await moderator.moderate('a third prompt')).toEqual([]);
    expect(fake.requests.length).toBeGreaterThanOrEqual(5);

    // Only the newest answers are kept (maxEntries 2): the oldest text is asked again.
    const before = fake.requests.length;
    await moderator.moderate('another prompt');
    expect(fake.requests).toHaveLength(before + 1);
  });

  it('is what createPromptSafety builds around a configured service', async () => {
    fake.requests.length = 0;
    fake.flag = {};
    const safety = createPromptSafety({
      blocklist: [],
      moderation: { provider: 'openai', baseUrl: fake.url, apiKey: fake.apiKey, timeoutMs: TIMEOUT_MS },
    });
    const policy = { piiAction: 'warn' as const };
    await safety.check('a lighthouse in fog', policy);
    await safety.check('a lighthouse in fog', policy);
    expect(fake.requests).toHaveLength(1);
  });
});
