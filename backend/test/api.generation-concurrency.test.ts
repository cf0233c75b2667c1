// GENERATION_CONCURRENCY through the API: an instance runs at most that many jobs at once, however many requests
// it admits; the rest stay `queued` and start in the order they were admitted as slots free up. The provider is
// a local OpenAI stand-in that holds every answer until the test lets go, so "running" is a state the test
// controls: the provider itself counts the calls it has open.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from './fakes/openai-fake.ts';
import { startTestHost, type TestHost } from './support/host.ts';
import { until } from './support/until.ts';

const CONCURRENCY = 2;
let openai: FakeOpenAI;
let host: TestHost;
let token = '';

beforeAll(async () => {
  openai = await startFakeOpenAI();
  host = await startTestHost({
    OPENAI_API_KEY: openai.apiKey,
    OPENAI_BASE_URL: openai.baseURL,
    OPENAI_MODELS: 'dall-e-3',
    GENERATION_CONCURRENCY: String(CONCURRENCY),
    RATE_LIMITS: 'org_admin=1000',
  });
  token = await host.token('carol');
  await host.call('PATCH', '/api/v1/departments/engineering', {
    token,
    body: { budget: { limitAud: '1000' } },
  });
});
afterAll(async () => {
  openai?.release();
  await host?.stop();
  await openai?.stop();
});

const status = async (id: string) =>
  (await host.call('GET', `/api/v1/generations/${id}`, { token })).body.status as string;
const statuses = (ids: string[]) => Promise.all(ids.map(status));

it('runs at most GENERATION_CONCURRENCY jobs at once and starts the others in the order they came', async () => {
  openai.mode = 'held';
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) {
    const res = await host.call('POST', '/api/v1/generations', {
      token,
      body: { prompt: `a koala in a queue, number ${i}`, model: 'dall-e-3' },
    });
    expect(res.status).toBe(202);
    ids.push(res.body.id as string);
  }
  // Two calls reach the provider; the other four wait, queued, and the provider never sees them.
  await until(() => openai.requests.length === CONCURRENCY, 'the first two jobs calling the provider');
  expect(await statuses(ids)).toEqual(['running', 'running', 'queued', 'queued', 'queued', 'queued']);
  // Which prompt numbers reached the provider, in pairs: the two of a pair start together, in either order.
  const prompts = () => {
    const n = openai.requests.map((r) =>
      Number(String((r.body as { prompt?: unknown }).prompt).replace(/\D+/g, '')),
    );
    return [0, 2, 4].map((i) => n.slice(i, i + 2).sort()).filter((pair) => pair.length > 0);
  };
  expect(prompts()).toEqual([[0, 1]]);

  // Each answer frees a slot for the oldest waiting job, never more than two at the provider.
  openai.release();
  await until(() => openai.requests.length === 4, 'the next two jobs calling the provider');
  await until(async () => (await statuses(ids.slice(0, 2))).every((s) => s === 'succeeded'), 'the first two');
  expect(await statuses(ids.slice(2))).toEqual(['running', 'running', 'queued', 'queued']);
  expect(prompts()).toEqual([
    [0, 1],
    [2, 3],
  ]);

  openai.mode = 'ok';
  openai.release();
  await until(async () => (await statuses(ids)).every((s) => s === 'succeeded'), 'all six generations');
  expect(prompts()).toEqual([
    [0, 1],
    [2, 3],
    [4, 5],
  ]);
});
