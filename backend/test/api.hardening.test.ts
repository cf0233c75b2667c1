// Issue #10, defects 5–11, through the API: denials bounded in the audit chain but still counted there, caller
// text cleaned; quotes offer only what the caller may read; malformed percent-encoding is 400; CSV formulas are
// neutralised wherever a cell could start; a deleted generation does not come back through its Idempotency-Key;
// waiting for a generation leaves no listener behind; X-Forwarded-For, signed thumbnail ETags and time zones.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageLinkSigner } from '../src/identity/image-links.ts';
import { startFakeOpenAI, type FakeOpenAI } from './fakes/openai-fake.ts';
import { startTestHost, type TestHost } from './support/host.ts';
import { until } from './support/until.ts';

let host: TestHost;
let openai: FakeOpenAI;
const t: Record<string, string> = {};
const oid: Record<string, string> = {};
let tenant = '';

beforeAll(async () => {
  openai = await startFakeOpenAI();
  host = await startTestHost({
    RATE_LIMITS: 'standard_user=1000,power_user=1000,dept_manager=1000,org_admin=1000',
    DENIAL_AUDIT_WINDOW_MS: '2000',
    DENIAL_AUDIT_BURST: '5',
    HOUSEKEEPING_MS: '200',
    OPENAI_API_KEY: openai.apiKey,
    OPENAI_BASE_URL: openai.baseURL,
    OPENAI_MODELS: 'dall-e-3',
  });
  for (const u of ['alice', 'bob', 'dave', 'carol']) t[u] = await host.token(u);
  for (const u of (await host.call('GET', '/dev/users')).body.users) oid[u.name] = u.objectId;
  tenant = host.config.identity.dev.tenantId;
});
afterAll(async () => {
  openai?.release();
  await host?.stop();
  await openai?.stop();
});

interface Event {
  action: string;
  outcome: string;
  actor: { oid?: string };
  ip?: string;
  userAgent?: string;
  details?: Record<string, any>;
}
const events = async (): Promise<Event[]> => {
  const res = await host.call('GET', '/api/v1/audit/export?format=jsonl', { token: t.carol });
  return res.text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l).event as Event);
};
const generate = (who: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  host.call('POST', '/api/v1/generations', {
    token: t[who],
    body,
    headers: { prefer: 'wait=30', ...headers },
  });

describe('denials in the audit chain (defect 5)', () => {
  it('200 forbidden requests leave a few full records and one counted record per window', async () => {
    // Header values are bytes: C1 controls (CSI, NEL) arrive as they are, the rest of the text is long.
    const agent = `Evil\u009b31m\u0085agent ${'x'.repeat(1000)}`;
    const flood = await Promise.all(
      Array.from({ length: 200 }, () =>
        host.call('GET', '/api/v1/audit', { token: t.dave, headers: { 'user-agent': agent } }),
      ),
    );
    expect(flood.every((r) => r.status === 403)).toBe(true);
    const mine = (all: Event[]) => all.filter((e) => e.actor.oid === oid.dave && e.outcome === 'denied');
    const counted = (all: Event[]) =>
      mine(all).reduce((n, e) => n + (e.action === 'access.denied.repeated' ? e.details!.count : 1), 0);
    // The counts reach the chain when their windows end (housekeeping): all 200 are accounted for.
    const all = await until(async () => {
      const now = await events();
      return counted(now) === 200 ? now : undefined;
    }, 'every denial to be recorded or counted');
    const records = mine(all);
    const full = records.filter((e) => e.action === 'audit.read');
    const repeated = records.filter((e) => e.action === 'access.denied.repeated');
    expect(repeated.length).toBeGreaterThan(0);
    expect(full.length).toBeLessThanOrEqual(5 * repeated.length + 5);
    expect(records.length).toBeLessThan(40); // not 200
    for (const r of repeated) {
      expect(r.details).toMatchObject({ actions: ['audit_read'], recordedInFull: 5 });
      expect(r.details!.count).toBeGreaterThan(0);
    }
    // Caller-chosen text is cleaned and bounded before it is hashed in.
    for (const e of full) {
      expect(e.userAgent!.length).toBeLessThanOrEqual(256);
      expect(e.userAgent).toMatch(/^Evil<U\+009B>31m<U\+0085>agent x+…$/);
    }
    expect(await host.audit.verify(tenant)).toMatchObject({ ok: true });
  });

  it('text a caller chose is kept visibly: bidi overrides and control characters cannot disguise it', async () => {
    const name = 'Engineering\u202E\u0007 tnemeganaM';
    const res = await host.call('PATCH', '/api/v1/departments/engineering', {
      token: t.carol,
      body: { name },
    });
    expect(res.status).toBe(200);
    const changed = (await events()).filter((e) => e.action === 'department.updated').at(-1) as Event & {
      after: { name: string };
    };
    expect(changed.after.name).toBe('Engineering<U+202E><U+0007> tnemeganaM');
  });
});

describe('quotes (defect 6)', () => {
  it('offer an existing image only to someone who may read it', async () => {
    const prompt = { prompt: 'a sunset only alice and her manager may see' };
    const made = await generate('alice', prompt);
    expect(made.status).toBe(201);
    const quote = (who: string) => host.call('POST', '/api/v1/estimates', { token: t[who], body: prompt });
    expect((await quote('alice')).body.existing.generationId).toBe(made.body.id);
    expect((await quote('bob')).body.existing.generationId).toBe(made.body.id);
    // A colleague in the same department without generation.read on it: no reuse, no id, no images.
    const moved = await host.call('PATCH', `/api/v1/users/${oid.dave}`, {
      token: t.carol,
      body: { departmentId: 'marketing', role: 'standard_user' },
    });
    expect(moved.status).toBe(200);
    const dave = await quote('dave');
    expect(dave.status).toBe(200);
    expect(dave.body.existing).toBeNull();
    expect(dave.text).not.toContain(made.body.id);
  });
});

describe('paths (defect 7)', () => {
  it('a malformed percent-encoding is 400, before and after sign-in', async () => {
    for (const [path, token] of [
      ['/api/v1/images/%E0%A4%A/signed', undefined],
      ['/api/v1/images/%/thumbnail/signed', undefined],
      ['/api/v1/generations/%E0%A4%A', t.alice],
    ] as const) {
      const res = await host.call('GET', path, token ? { token } : {});
      expect(res.status, path).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation-failed', detail: expect.stringMatching(/percent/) });
    }
  });
});

describe('CSV export (defect 8)', () => {
  it('neutralises a formula wherever a spreadsheet could start a cell', async () => {
    const agent = 'Mozilla/5.0;=HYPERLINK("http://evil.example","x"),@SUM(1)\t=1+1; -2+3';
    const denied = await host.call('GET', '/api/v1/audit', {
      token: t.alice,
      headers: { 'user-agent': agent },
    });
    expect(denied.status).toBe(403);
    const csv = (await host.call('GET', '/api/v1/audit/export?format=csv', { token: t.carol })).text;
    const line = csv.split('\r\n').find((l) => l.includes('Mozilla/5.0'))!;
    expect(line).toContain(`"Mozilla/5.0;'=HYPERLINK(""http://evil.example"",""x""),'@SUM(1)\t'=1+1; '-2+3"`);
    expect(line.slice(line.indexOf('Mozilla'))).not.toMatch(/[;,\t][ "]*[=@+-]/);
  });
});

describe('Idempotency-Key after DELETE (defect 9)', () => {
  it('answers 404 instead of handing the deleted generation back', async () => {
    const body = { prompt: 'made, deleted, asked for again' };
    const first = await generate('alice', body, { 'idempotency-key': 'once-and-gone' });
    expect(first.status).toBe(201);
    expect(
      (await host.call('DELETE', `/api/v1/generations/${first.body.id}`, { token: t.alice })).status,
    ).toBe(204);
    const again = await generate('alice', body, { 'idempotency-key': 'once-and-gone' });
    expect(again.status).toBe(404);
    expect(again.text).not.toContain('/api/v1/images/');
  });
});

describe('waiting for a generation (defect 10)', () => {
  it('leaves no listener behind when the wait ends before the generation', async () => {
    openai.mode = 'held';
    const asked = openai.requests.length;
    const res = await generate('carol', { prompt: 'a slow one', model: 'dall-e-3' }, { prefer: 'wait=2' });
    expect(res.status).toBe(202);
    expect(openai.requests.length).toBeGreaterThan(asked);
    expect(host.pipeline.worker.waiting()).toBe(0);
    openai.release();
    openai.mode = 'ok';
  });
});

describe('smaller hardening (defect 11)', () => {
  const deniedIp = async (xff: string) => {
    await host.call('GET', '/api/v1/users', { token: t.alice, headers: { 'x-forwarded-for': xff } });
    const mine = (await events()).filter((e) => e.actor.oid === oid.alice && e.action === 'user.list');
    return mine.at(-1)!.ip;
  };

  it('X-Forwarded-For: only from a trusted proxy, and only an IP address', async () => {
    expect(await deniedIp('203.0.113.7')).toBe('203.0.113.7'); // loopback is a trusted proxy by default
    expect(await deniedIp('<script>alert(1)</script>')).toBe('127.0.0.1');
    const strict = await startTestHost({ TRUST_PROXY: 'none' });
    try {
      const token = await strict.token('alice');
      await strict.call('GET', '/api/v1/users', { token, headers: { 'x-forwarded-for': '203.0.113.7' } });
      const res = await strict.call('GET', '/api/v1/audit/export?format=jsonl', {
        token: await strict.token('carol'),
      });
      const denial = res.text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).event)
        .find((e) => e.action === 'user.list');
      expect(denial.ip).toBe('127.0.0.1');
    } finally {
      await strict.stop();
    }
  });

  it('signed thumbnails have their own ETag', async () => {
    const made = await generate('alice', { prompt: 'a tagged koala' });
    const image = made.body.images[0].id as string;
    const signer = ImageLinkSigner.load(host.config.imageLinks, join(host.dataDir, 'image-url-secret'));
    const load = (variant: 'full' | 'thumbnail', etag?: string) =>
      fetch(`${host.url}${signer.path(tenant, image, Date.now(), variant)}`, {
        headers: etag ? { 'if-none-match': etag } : {},
      });
    const full = (await load('full')).headers.get('etag')!;
    const thumb = await load('thumbnail');
    expect(thumb.headers.get('etag')).not.toBe(full);
    expect((await load('thumbnail', full)).status).toBe(200);
    expect((await load('thumbnail', thumb.headers.get('etag')!)).status).toBe(304);
  });

  it('a time zone must be an IANA name', async () => {
    const set = (timeZone: string) =>
      host.call('PATCH', '/api/v1/departments/engineering', {
        token: t.carol,
        body: { budget: { timeZone } },
      });
    for (const bad of ['+10:00', 'EST', 'GMT', 'australia/sydney', 'Mars/Olympus_Mons']) {
      expect((await set(bad)).status, bad).toBe(400);
    }
    for (const good of ['Australia/Perth', 'Australia/Canberra', 'UTC', 'Etc/GMT-10']) {
      expect((await set(good)).status, good).toBe(200);
    }
  });
});
