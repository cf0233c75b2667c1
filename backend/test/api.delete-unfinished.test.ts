// Issue #10, defect 4, through the API: deleting an unfinished generation stops it. Waiting for approval: the
// approval expires and the Teams cards update (the requester's shows the deletion, the approver is told). Queued:
// the job is cancelled and its reservation released. Running: cancelled by its worker before any image is
// stored, nothing charged; once it is storing images, the delete is 409. The provider is a local OpenAI stand-in
// that holds its answer until the test lets go, so "running" is a state the test controls, not a race.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationRecord } from '../src/generations/record.ts';
import { startFakeOpenAI, type FakeOpenAI } from './fakes/openai-fake.ts';
import type { FakeConnector } from './fakes/bot-connector.ts';
import type { TestHost } from './support/host.ts';
import {
  cardText,
  message,
  personalChat,
  post,
  startBotTestbed,
  type BotTestbed,
  type TeamsUser,
} from './support/teams.ts';
import { until } from './support/until.ts';

let openai: FakeOpenAI;
let bed: BotTestbed;
let host: TestHost;
let connector: FakeConnector;
let u: Record<string, TeamsUser>;
let t: Record<string, string>;
let tenant = '';

beforeAll(async () => {
  openai = await startFakeOpenAI();
  bed = await startBotTestbed(['alice', 'bob', 'carol'], {
    OPENAI_API_KEY: openai.apiKey,
    OPENAI_BASE_URL: openai.baseURL,
    OPENAI_MODELS: 'dall-e-3',
  });
  ({ host, connector, u, t } = bed);
  tenant = host.config.identity.dev.tenantId;
  await say(u.bob!, '/help'); // the approver's 1:1 chat becomes known
});
afterAll(async () => {
  openai?.release();
  await bed?.stop();
  await openai?.stop();
});

const say = async (who: TeamsUser, text: string) => {
  const res = await post(host, message(host, connector.url, who, personalChat(who), text));
  expect(res.status).toBe(200);
};
const last = (who: TeamsUser) => connector.in(personalChat(who).id).at(-1);
const budget = async () => (await host.call('GET', '/api/v1/me', { token: t.alice })).body.budget;
const record = async (id: string) =>
  (await host.store.get<GenerationRecord>('generations', tenant, id))?.data;
const remove = (id: string) => host.call('DELETE', `/api/v1/generations/${id}`, { token: t.alice });
const start = (body: Record<string, unknown>) =>
  host.call('POST', '/api/v1/generations', { token: t.alice, body });
const actions = async (id: string) => {
  const res = await host.call('GET', `/api/v1/audit?targetId=${id}`, { token: t.carol });
  return (res.body.items as { event: { action: string; details?: Record<string, unknown> } }[]).map(
    (r) => r.event,
  );
};
/** Files under the blob directory that belong to a generation. */
const blobsOf = (id: string): string[] => {
  const dir = join(host.dataDir, 'blobs', 'images', tenant, id);
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

describe('deleting a generation that waits for approval', () => {
  it('expires its approval; the requester card shows the deletion and the approver is told', async () => {
    await host.call('PATCH', '/api/v1/departments/marketing', {
      token: t.carol,
      body: { budget: { limitAud: '0' } },
    });
    await say(u.alice!, '/imagine a koala that changed its mind');
    const aliceCard = last(u.alice!)!;
    expect(cardText(connector.card(aliceCard))).toMatch(/Waiting for approval/);
    const mine = await host.call('GET', '/api/v1/generations?scope=mine&limit=1', { token: t.alice });
    const g = mine.body.items[0];
    expect(g).toMatchObject({ status: 'pending_approval' });
    const bobBefore = connector.in(personalChat(u.bob!).id).length;

    expect((await remove(g.id)).status).toBe(204);
    await host.bot!.idle();

    const approval = await host.call('GET', `/api/v1/approvals/${g.approval.id}`, { token: t.carol });
    expect(approval.body).toMatchObject({ status: 'expired', comment: 'The request was deleted' });
    // Her card, where she asked, now says the image was deleted (updated in place).
    const update = connector
      .in(personalChat(u.alice!).id)
      .filter((a) => a.method === 'PUT' && a.activityId === aliceCard.id)
      .at(-1);
    expect(cardText(connector.card(update))).toMatch(/Image deleted/);
    // The approver hears the request is closed, without buttons.
    const toBob = connector.in(personalChat(u.bob!).id).slice(bobBefore);
    expect(toBob).toHaveLength(1);
    const bobCard = connector.card(toBob[0]);
    expect(cardText(bobCard)).toMatch(/The request was deleted/);
    expect(bobCard.actions ?? []).toEqual([]);
    // Too late to approve it now, and nothing was reserved for it.
    const click = await host.call('POST', `/api/v1/approvals/${g.approval.id}/decision`, {
      token: t.bob,
      body: { decision: 'approve' },
    });
    expect(click.status).toBe(409);
    expect(click.body.code).toBe('already-decided');
    expect((await budget()).reservedAud).toBe('0.0000');
    expect(await record(g.id)).toMatchObject({ status: 'expired', costMicros: 0 });
    const events = await actions(g.id);
    expect(events.find((e) => e.action === 'generation.deleted')?.details?.cancelled).toBe(
      'pending_approval',
    );
  });
});

describe('deleting a generation that is running', () => {
  it('cancels it before any image is stored: nothing is charged', async () => {
    await host.call('PATCH', '/api/v1/departments/marketing', {
      token: t.carol,
      body: { budget: { limitAud: '5' } },
    });
    const before = await budget();
    openai.mode = 'held';
    const asked = openai.requests.length;
    const res = await start({ prompt: 'a lighthouse, deleted midway', model: 'dall-e-3' });
    expect(res.status).toBe(202);
    const id = res.body.id as string;
    await until(() => openai.requests.length > asked, 'the provider to be called');
    expect((await budget()).reservedAud).toBe('0.0800');

    expect((await remove(id)).status).toBe(204);
    expect((await host.call('GET', `/api/v1/generations/${id}`, { token: t.alice })).status).toBe(404);
    openai.release();

    const done = await until(async () => {
      const g = await record(id);
      return g && g.status !== 'running' ? g : undefined;
    }, 'the worker to finish the deleted generation');
    expect(done).toMatchObject({ status: 'failed', costMicros: 0, images: [], error: { code: 'cancelled' } });
    expect(blobsOf(id)).toEqual([]);
    const after = await budget();
    expect([after.spentAud, after.reservedAud]).toEqual([before.spentAud, '0.0000']);
    expect((await actions(id)).map((e) => e.action)).toEqual([
      'generation.cancelled',
      'generation.deleted',
      'generation.requested',
    ]);
  });

  it('answers 409 once the worker is storing its images, and deletes it when finished', async () => {
    openai.mode = 'held';
    const asked = openai.requests.length;
    const res = await start({ prompt: 'a lighthouse, deleted too late', model: 'dall-e-3' });
    const id = res.body.id as string;
    await until(() => openai.requests.length > asked, 'the provider to be called');
    // Stand in for the worker reaching its storing step while the provider still holds (worker.ts writes this).
    const doc = (await host.store.get<GenerationRecord>('generations', tenant, id))!;
    expect(
      await host.store.replace('generations', tenant, id, { ...doc.data, stage: 'storing' }, doc.version),
    ).toBeTruthy();
    const refused = await remove(id);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/storing its images/);
    openai.release();
    await until(async () => (await record(id))?.status === 'succeeded', 'the generation to finish');
    expect((await remove(id)).status).toBe(204);
  });
});

describe('deleting a generation that is queued', () => {
  it('cancels the job and releases its reservation', async () => {
    // An instance that is shutting down accepts the request but starts no job: it waits in the queue.
    await host.pipeline.worker.stop();
    const before = await budget();
    const res = await start({ prompt: 'a queue that never moves' });
    expect(res.status).toBe(202);
    const id = res.body.id as string;
    expect(await record(id)).toMatchObject({ status: 'queued' });
    // The dearest candidate is reserved (the local model, falling back to DALL-E 3 at A$0.08).
    expect((await budget()).reservedAud).toBe('0.0800');

    expect((await remove(id)).status).toBe(204);
    expect(await record(id)).toMatchObject({ status: 'failed', costMicros: 0, error: { code: 'cancelled' } });
    const after = await budget();
    expect([after.spentAud, after.reservedAud]).toEqual([before.spentAud, before.reservedAud]);
    const deleted = (await actions(id)).find((e) => e.action === 'generation.deleted');
    expect(deleted?.details?.cancelled).toBe('queued');
  });
});
