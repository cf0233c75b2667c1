// Jobs survive their instance: a generation left `running` by a crashed instance (lease expired) and one left
// `queued` by an instance that died before starting it are both finished by the sweeper of another instance.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestHost, type TestHost } from './support/host.ts';
import type { GenerationRecord } from '../src/generations/record.ts';
import { waitFor } from './support/timing.ts';

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost({
    GENERATION_POLL_MS: '100',
    GENERATION_ORPHAN_MS: '200',
    GENERATION_LEASE_MS: '1000',
  });
});
afterAll(async () => {
  await host.stop();
});

const eventually = <T>(fn: () => Promise<T | undefined>, what = 'the worker'): Promise<T> =>
  waitFor(fn, { what, timeoutMs: 60_000, intervalMs: 100 });

it('takes over a running job whose lease expired and a queued job nobody started', async () => {
  const token = await host.token('alice');
  // A finished generation to copy a realistic record from.
  const res = await host.call('POST', '/api/v1/generations', {
    token,
    body: { prompt: 'a template record' },
    headers: { prefer: 'wait=60' },
  });
  expect(res.status).toBe(201);
  const template = (await host.store.get<GenerationRecord>(
    'generations',
    await tenantOf(token),
    res.body.id,
  ))!;

  const base: GenerationRecord = {
    ...template.data,
    images: [],
    provider: null,
    model: null,
    costMicros: null,
    finishedAt: null,
    error: null,
    attempts: [],
  };
  const crashedId = '00000000-0000-4000-8000-00000000c0de';
  const orphanId = '00000000-0000-4000-8000-0000000000f0';
  const past = new Date(Date.now() - 60_000).toISOString();
  await host.store.create('generations', template.pk, crashedId, {
    ...base,
    status: 'running',
    lease: { owner: 'dead-instance', until: past },
    runs: 1,
    createdKey: `${past}|${crashedId}`,
  });
  await host.store.create('generations', template.pk, orphanId, {
    ...base,
    status: 'queued',
    lease: null,
    runs: 0,
    createdAt: past,
    createdKey: `${past}|${orphanId}`,
  });

  for (const id of [crashedId, orphanId]) {
    const done = await eventually(async () => {
      const d = await host.store.get<GenerationRecord>('generations', template.pk, id);
      return d && d.data.status === 'succeeded' ? d.data : undefined;
    });
    expect(done.images).toHaveLength(1);
    expect(done.lease).toBeNull();
    expect(done.runs).toBe(id === crashedId ? 2 : 1);
  }
});

async function tenantOf(token: string): Promise<string> {
  const me = await host.call('GET', '/api/v1/me', { token });
  return me.body.user.tenantId as string;
}
