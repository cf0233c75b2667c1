// Remote providers configured through settings, end to end through the REST API, against the fake servers:
// routing to Replicate, falling back to the local provider when it fails, and a policy refusal from OpenAI.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from './fakes/openai-fake.ts';
import { startFakeReplicate, type FakeReplicate } from './fakes/replicate-fake.ts';
import { startTestHost, type TestHost } from './support/host.ts';
import { testFetch } from './support/http.ts';

let openai: FakeOpenAI;
let replicate: FakeReplicate;
let host: TestHost;
let token = '';
const dir = mkdtempSync(join(tmpdir(), 'donatello-providers-'));

beforeAll(async () => {
  [openai, replicate] = await Promise.all([startFakeOpenAI(), startFakeReplicate()]);
  const caFile = join(dir, 'fake-ca.pem');
  writeFileSync(caFile, replicate.images.ca);
  host = await startTestHost({
    OPENAI_API_KEY: openai.apiKey,
    OPENAI_BASE_URL: openai.baseURL,
    OPENAI_MODELS: 'dall-e-3',
    REPLICATE_API_TOKEN: replicate.token,
    REPLICATE_BASE_URL: replicate.baseUrl,
    REPLICATE_POLL_INTERVAL_MS: '100',
    REPLICATE_IMAGE_HOSTS: '127.0.0.1',
    IMAGE_FETCH_CA_FILE: caFile,
  });
  token = await host.token('carol');
});
afterAll(async () => {
  await host?.stop();
  await Promise.all([openai?.stop(), replicate?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

const generate = (body: Record<string, unknown>) =>
  host.call('POST', '/api/v1/generations', { token, body, headers: { prefer: 'wait=60' } });

it('health lists the configured providers', async () => {
  const res = await host.call('GET', '/api/v1/health');
  expect(res.body.providers).toEqual(['openai', 'replicate', 'local']);
});

it('auto routes to the cheapest model, Replicate flux-schnell, and stores its image as PNG', async () => {
  replicate.mode = 'ok';
  const res = await generate({ prompt: 'a lighthouse in a storm' });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ provider: 'replicate', model: 'flux-schnell', costAud: '0.0200' });
  const img = await testFetch(`http://127.0.0.1:${host.port}${res.body.images[0].url}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(img.headers.get('content-type')).toBe('image/png');
});

it('falls back to the local provider when Replicate fails, and charges the model that answered', async () => {
  replicate.mode = 'server_error';
  try {
    const res = await generate({ prompt: 'a lighthouse in the fog' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ provider: 'local', model: 'local-scene', costAud: '0.0200' });
  } finally {
    replicate.mode = 'ok';
  }
});

it("an explicit model refused by the provider's content policy fails cleanly with 422", async () => {
  openai.mode = 'content_policy';
  try {
    const res = await generate({ prompt: 'something the provider refuses', model: 'dall-e-3' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('prompt-blocked');
    const g = await host.call('GET', `/api/v1/generations/${res.body.generationId}`, { token });
    expect(g.body).toMatchObject({ status: 'failed', error: { code: 'prompt-blocked' }, costAud: '0.0000' });
  } finally {
    openai.mode = 'ok';
  }
});
