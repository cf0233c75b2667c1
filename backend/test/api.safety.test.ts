// What docs/safety.md and docs/api.md promise about prompt safety, through the REST API and the bot on the real
// host: SAFETY_BLOCKLIST blocks (API and bot), a blocked prompt is kept as `[blocked prompt]` with its
// generationId in the 422, `piiAction: warn` lets a prompt run while its negative prompt is checked on its
// own, and moderation that cannot be reached answers 503 with nothing recorded, charged or remembered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAiModeration, type FakeModeration } from './support/fake-moderation.ts';
import { startTestHost, type TestHost } from './support/host.ts';
import { cardText, message, personalChat, post, startBotTestbed, type BotTestbed } from './support/teams.ts';
import { scaled } from './support/timing.ts';

let moderation: FakeModeration;
let bed: BotTestbed;
let host: TestHost;
const t: Record<string, string> = {};

beforeAll(async () => {
  moderation = await startFakeOpenAiModeration();
  bed = await startBotTestbed(['alice', 'bob', 'carol'], {
    SAFETY_BLOCKLIST: 'project falcon',
    MODERATION: 'openai',
    MODERATION_OPENAI_BASE_URL: moderation.url,
    MODERATION_OPENAI_API_KEY: moderation.apiKey,
    MODERATION_TIMEOUT_MS: String(Math.min(scaled(30_000), 60_000)),
  });
  host = bed.host;
  Object.assign(t, bed.t);
});
afterAll(async () => {
  await bed?.stop();
  await moderation?.stop();
});

/** What a generation request changes: records, money, audit. */
async function footprint() {
  const me = (await host.call('GET', '/api/v1/me', { token: t.alice })).body;
  return {
    generations: await host.store.count('generations', {}),
    idempotency: await host.store.count('idempotency', {}),
    requested: await host.store.count('audit', {
      where: [{ field: 'event.action', op: '=', value: 'generation.requested' }],
    }),
    spentAud: me.budget.spentAud as string,
    reservedAud: me.budget.reservedAud as string,
  };
}

const generate = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  host.call('POST', '/api/v1/generations', {
    token: t.alice,
    body,
    headers: { prefer: 'wait=60', ...headers },
  });

describe('SAFETY_BLOCKLIST', () => {
  it('blocks through the API: 422 with the finding and generationId, kept as [blocked prompt], no charge', async () => {
    const before = await footprint();
    const asked = moderation.requests.length;
    const prompt = 'Launch poster for PROJECT   Falcon';
    const quote = await host.call('POST', '/api/v1/estimates', { token: t.alice, body: { prompt } });
    expect(quote.status).toBe(200);
    expect(quote.body.safety).toEqual({
      decision: 'block',
      findings: [{ type: 'blocklist', start: 18, end: prompt.length }],
    });

    const res = await generate({ prompt });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'prompt-blocked',
      findings: [{ type: 'blocklist', start: 18, end: prompt.length }],
    });
    expect(res.body.detail).toContain('blocklist');
    expect(res.text).not.toMatch(/falcon/i);
    // Kept for the requester's history, without the prompt.
    const id = res.body.generationId as string;
    const g = await host.call('GET', `/api/v1/generations/${id}`, { token: t.alice });
    expect(g.status).toBe(200);
    expect(g.body).toMatchObject({ status: 'blocked', prompt: '[blocked prompt]', costAud: '0.0000' });
    const history = await host.call('GET', '/api/v1/generations', { token: t.alice });
    expect(history.body.items.find((x: { id: string }) => x.id === id)?.prompt).toBe('[blocked prompt]');
    const stored = await host.store.get('generations', host.config.identity.dev.tenantId, id);
    expect(stored).not.toBeNull();
    expect(JSON.stringify(stored)).not.toMatch(/falcon/i);
    const after = await footprint();
    expect(after).toEqual({ ...before, generations: before.generations + 1 });
    // A blocklist hit never goes to the moderation service.
    expect(moderation.requests.length).toBe(asked);
  });

  it('blocks through the bot: the card says a blocked phrase was found, never the phrase', async () => {
    const { connector, u } = bed;
    const chat = personalChat(u.alice!);
    const sent = connector.in(chat.id).length;
    const res = await post(
      host,
      message(host, connector.url, u.alice!, chat, '/imagine project falcon mascot'),
    );
    expect(res.status).toBe(200);
    await host.bot!.idle();
    const replies = connector.in(chat.id).slice(sent);
    expect(replies.length).toBeGreaterThan(0);
    const text = cardText(connector.card(replies.at(-1)));
    expect(text).toMatch(/Prompt blocked/);
    expect(text).toContain('a blocked word or phrase');
    expect(text).not.toMatch(/falcon/i);
    const mine = await host.call('GET', '/api/v1/generations?q=mascot', { token: t.alice });
    expect(mine.body.items).toEqual([]); // the stored prompt is "[blocked prompt]"
  });
});

describe('a prompt blocked for personal information (piiAction: block)', () => {
  it('answers 422 with the generationId of a record kept as [blocked prompt], nothing reserved', async () => {
    const before = await footprint();
    const res = await generate({ prompt: 'a card for jo.citizen@example.com', negativePrompt: 'no text' });
    expect(res.status).toBe(422);
    expect(res.body.findings).toEqual([{ type: 'email', start: 11, end: 33 }]);
    const g = await host.call('GET', `/api/v1/generations/${res.body.generationId}`, { token: t.alice });
    expect(g.body).toMatchObject({ status: 'blocked', prompt: '[blocked prompt]' });
    expect(g.body.negativePrompt ?? '[blocked prompt]').toBe('[blocked prompt]');
    expect(JSON.stringify(g.body)).not.toContain('jo.citizen');
    const after = await footprint();
    expect(after).toEqual({ ...before, generations: before.generations + 1 });
  });
});

describe("piiAction: warn (the department's choice)", () => {
  beforeAll(async () => {
    const res = await host.call('PATCH', '/api/v1/departments/marketing', {
      token: t.carol,
      body: { policy: { residency: 'any', allowedProviders: [], piiAction: 'warn' } },
    });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await host.call('PATCH', '/api/v1/departments/marketing', {
      token: t.carol,
      body: { policy: { residency: 'any', allowedProviders: [], piiAction: 'block' } },
    });
  });

  it('runs the prompt; the negative prompt is checked on its own, its findings in its own offsets', async () => {
    moderation.requests.length = 0;
    const prompt = 'a harbour at dawn';
    const negativePrompt = 'nothing that looks like the poster for jo.citizen@example.com';
    const res = await generate({ prompt, negativePrompt });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('succeeded');
    const start = negativePrompt.indexOf('jo.citizen');
    // Offsets into the negative prompt, past the end of the prompt: they belong to that text alone.
    expect(start).toBeGreaterThan(prompt.length);
    expect(res.body.safety).toEqual({
      decision: 'warn',
      findings: [{ type: 'email', start, end: negativePrompt.length, field: 'negativePrompt' }],
    });
    // Moderation saw each text by itself, the personal information in the negative prompt redacted.
    expect(moderation.requests.map((r) => r.input)).toEqual([
      prompt,
      'nothing that looks like the poster for [email]',
    ]);
    // The audit keeps the prompt (nothing to redact in it) and never the negative prompt's address.
    const audit = await host.store.query<{ event: { target: { id: string }; details: { prompt: string } } }>(
      'audit',
      { where: [{ field: 'event.target.id', op: '=', value: res.body.id }], limit: 10 },
    );
    expect(audit.items.length).toBeGreaterThan(0);
    for (const r of audit.items) expect(r.data.event.details.prompt).toBe(prompt);
    expect(JSON.stringify(audit.items)).not.toContain('jo.citizen');
  });

  it('a blocklisted negative prompt still blocks: the stricter decision wins', async () => {
    const res = await generate({ prompt: 'a harbour at noon', negativePrompt: 'project falcon' });
    expect(res.status).toBe(422);
    expect(res.body.findings).toEqual([{ type: 'blocklist', start: 0, end: 14 }]);
  });
});

describe('moderation that cannot answer', () => {
  it('a failing service: 503, nothing recorded or charged, and the Idempotency-Key is free again', async () => {
    const before = await footprint();
    moderation.behaviour = 'status-500';
    try {
      const headers = { 'idempotency-key': 'moderation-outage-1' };
      const res = await generate({ prompt: 'a lighthouse in a storm' }, headers);
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('service-unavailable');
      expect(await footprint()).toEqual(before);
      moderation.behaviour = 'answer';
      // The same key after the outage is a new attempt, not a replay of the failure.
      const retry = await generate({ prompt: 'a lighthouse in a storm' }, headers);
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBeNull();
    } finally {
      moderation.behaviour = 'answer';
    }
  });

  it('an unreachable service: 503 on estimates and generations, nothing recorded', async () => {
    const gone = await startFakeOpenAiModeration();
    await gone.stop();
    const unreachable = await startTestHost({
      MODERATION: 'openai',
      MODERATION_OPENAI_BASE_URL: gone.url,
      MODERATION_OPENAI_API_KEY: gone.apiKey,
    });
    try {
      const alice = await unreachable.token('alice');
      const audit = await unreachable.store.count('audit', {});
      for (const path of ['/api/v1/estimates', '/api/v1/generations']) {
        const res = await unreachable.call('POST', path, { token: alice, body: { prompt: 'a calm lake' } });
        expect(res.status, path).toBe(503);
        expect(res.body).toMatchObject({ code: 'service-unavailable' });
        expect(res.body.detail).toMatch(/moderation/i);
      }
      expect(await unreachable.store.count('generations', {})).toBe(0);
      expect(await unreachable.store.count('budgets', {})).toBe(0);
      expect(await unreachable.store.count('audit', {})).toBe(audit);
    } finally {
      await unreachable.stop();
    }
  });
});
