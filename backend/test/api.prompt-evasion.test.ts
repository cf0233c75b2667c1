// Issue #10, defect 1, through the API: personal information and blocklisted words hidden with invisible or
// look-alike characters are found by quotes and generations, never reach the provider in a blocking department,
// and are never written to the audit trail unredacted; ordinary Unicode prompts stay allowed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalisePrompt } from '../src/safety/normalise.ts';
import { BENIGN_UNICODE_PROMPTS } from '../src/safety/benign.test-support.ts';
import { startFakeOpenAiModeration, type FakeModeration } from './support/fake-moderation.ts';
import { startTestHost, type TestHost } from './support/host.ts';

let host: TestHost;
let moderation: FakeModeration;
const t: Record<string, string> = {};
let tenantId = '';

beforeAll(async () => {
  moderation = await startFakeOpenAiModeration();
  host = await startTestHost({
    SAFETY_BLOCKLIST: 'falcon,project falcon',
    MODERATION: 'openai',
    MODERATION_OPENAI_BASE_URL: moderation.url,
    MODERATION_OPENAI_API_KEY: moderation.apiKey,
    RATE_LIMITS: 'standard_user=1000,power_user=1000,dept_manager=1000,org_admin=1000',
  });
  for (const u of ['alice', 'carol']) t[u] = await host.token(u);
  tenantId = (await host.call('GET', '/api/v1/me', { token: t.alice })).body.user.tenantId;
});
afterAll(async () => {
  await host?.stop();
  await moderation?.stop();
});

const ZWSP = '\u200B';
const SHY = '\u00AD';
/** Each hides personal information from a plain pattern; `digits` is what must never reach the audit. */
const HIDDEN = [
  { type: 'payment_card', secret: `4111${ZWSP}1111${ZWSP}1111${ZWSP}1111`, digits: '4111111111111111' },
  { type: 'payment_card', secret: '4111\u20131111\u20131111\u20131111', digits: '4111111111111111' },
  { type: 'au_tfn', secret: `123\u200C456\u2060782`, digits: '123456782' },
  { type: 'au_tfn', secret: `1${SHY}2${SHY}3 4${SHY}5${SHY}6 7${SHY}8${SHY}2`, digits: '123456782' },
  { type: 'au_tfn', secret: '123\u2009456\u202F782', digits: '123456782' },
  { type: 'au_tfn', secret: '١٢٣ ٤٥٦ ٧٨٢', digits: '123456782' },
  { type: 'au_tfn', secret: 'one two three four five six seven eight two', digits: '123456782' },
  { type: 'email', secret: 'jo.citizen\uFF20example\uFF0Ecom', digits: 'jo.citizen@example.com' },
  { type: 'email', secret: 'jo.citizen\uFE6Bexample\uFE52com', digits: 'jo.citizen@example.com' },
] as const;
const BLOCKLISTED = [`fal${SHY}con`, `fal${ZWSP}con`, 'ｆａｌｃｏｎ', 'f\u0430lcon', 'f4lc0n', 'f.a.l.c.o.n'];

const post = (path: string, prompt: string) =>
  host.call('POST', path, { token: t.alice, body: { prompt }, headers: { prefer: 'wait=30' } });

/** The audit records that mention a generation, as exported (JSON lines). */
async function exportedAbout(generationId: string): Promise<string[]> {
  const res = await host.call('GET', '/api/v1/audit/export?format=jsonl', { token: t.carol });
  expect(res.status).toBe(200);
  return res.text.split('\n').filter((line) => line.includes(generationId));
}

/** True when the text holds the secret in any spelling: the check of the audit is as strict as the checks. */
const holds = (text: string, digits: string) =>
  normalisePrompt(text).text.replace(/[\s-]/g, '').toLowerCase().includes(digits.replace(/[\s-]/g, ''));

describe('quotes see through invisible and look-alike characters', () => {
  it.each(HIDDEN)('$type hidden as $secret', async ({ type, secret }) => {
    const prompt = `Poster for ${secret} please`;
    const res = await post('/api/v1/estimates', prompt);
    expect(res.status).toBe(200);
    expect(res.body.safety.decision).toBe('block');
    const [f] = res.body.safety.findings;
    expect(f.type).toBe(type);
    // Offsets point into the prompt as sent, invisible characters included.
    expect(prompt.slice(f.start, f.end)).toBe(secret);
  });

  it.each(BLOCKLISTED)('the blocklisted word written %j', async (word) => {
    const res = await post('/api/v1/estimates', `A logo for ${word}`);
    expect(res.body.safety).toEqual({
      decision: 'block',
      findings: [{ type: 'blocklist', start: 11, end: 11 + word.length }],
    });
  });

  it.each(BENIGN_UNICODE_PROMPTS)('leaves %j allowed', async (prompt) => {
    const res = await post('/api/v1/estimates', prompt);
    expect(res.body.safety).toEqual({ decision: 'allow', findings: [] });
  });
});

describe('generations', () => {
  it('refuse hidden personal information in a blocking department: nothing runs, the audit is redacted', async () => {
    for (const { type, secret, digits } of HIDDEN) {
      const res = await post('/api/v1/generations', `Poster for ${secret} please`);
      expect(res.status, secret).toBe(422);
      expect(res.body.findings.map((f: { type: string }) => f.type)).toEqual([type]);
      const id = res.body.generationId as string;
      const stored = await host.store.get<{ status: string; chain: unknown[] }>('generations', tenantId, id);
      expect(stored?.data).toMatchObject({ status: 'blocked', chain: [] });
      const lines = await exportedAbout(id);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines)
        expect(holds(JSON.parse(line).event.details.prompt, digits), line).toBe(false);
      expect(JSON.parse(lines[0]!).event.details.prompt).toBe(`Poster for [${type}] please`);
    }
  });

  it('refuse blocklisted words however they are written, whatever the department policy', async () => {
    for (const word of BLOCKLISTED) {
      const res = await post('/api/v1/generations', `A logo for ${word}`);
      expect(res.status, word).toBe(422);
      expect(res.body.findings).toEqual([{ type: 'blocklist', start: 11, end: 11 + word.length }]);
    }
  });

  it('where personal information only warns, the audit still never holds it in any spelling', async () => {
    const patched = await host.call('PATCH', '/api/v1/departments/marketing', {
      token: t.carol,
      body: { policy: { piiAction: 'warn' } },
    });
    expect(patched.status).toBe(200);
    for (const { type, secret, digits } of HIDDEN.slice(0, 4)) {
      const res = await post('/api/v1/generations', `Poster for ${secret} please`);
      expect(res.status, secret).toBe(201);
      expect(res.body.safety.decision).toBe('warn');
      const lines = await exportedAbout(res.body.id);
      expect(lines.map((l) => JSON.parse(l).event.action)).toEqual([
        'generation.requested',
        'generation.succeeded',
      ]);
      for (const line of lines) {
        expect(holds(line, digits), line).toBe(false);
        expect(JSON.parse(line).event.details.prompt).toBe(`Poster for [${type}] please`);
      }
    }
  });

  it('moderation is asked about the normalised prompt, personal information redacted', async () => {
    moderation.requests.length = 0;
    const res = await post(
      '/api/v1/estimates',
      `ｋｉｌｌ${ZWSP} the ki${SHY}ng, TFN 123${ZWSP}456${ZWSP}782`,
    );
    expect(res.status).toBe(200);
    expect(moderation.requests.map((r) => r.input)).toEqual(['kill the king, TFN [au_tfn]']);
  });
});
