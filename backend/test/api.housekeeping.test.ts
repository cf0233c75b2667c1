// Housekeeping as docs/budgets.md promises it, on the real host: an overdue approval is expired and audited as
// `system: approval-expiry`; a decided approval whose generation never moved (the decider's process died in
// between) is finished; an expired Idempotency-Key is deleted, so the key starts a new generation. Each pass is
// the host's own (`pipeline.housekeeping.runOnce()`, what its timer runs); the crash states are written to the
// store as a crash would leave them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalRecord } from '../src/approvals/record.ts';
import type { GenerationRecord } from '../src/generations/record.ts';
import { RecordingNotifier } from '../src/notifications/notifiers.ts';
import { startTestHost, type TestHost } from './support/host.ts';
import { waitFor } from './support/timing.ts';

const BIG = 'standard_user=1000,power_user=1000,dept_manager=1000,org_admin=1000,super_admin=1000';
let host: TestHost;
const notifier = new RecordingNotifier();
const t: Record<string, string> = {};
let tenant = '';

beforeAll(async () => {
  // Housekeeping's own timer is slowed right down: each pass here is one the test asks for.
  host = await startTestHost({ RATE_LIMITS: BIG, HOUSEKEEPING_MS: '3600000' }, undefined, { notifier });
  for (const u of ['alice', 'bob', 'carol']) t[u] = await host.token(u);
  tenant = host.config.identity.dev.tenantId;
  const res = await host.call('PATCH', '/api/v1/departments/marketing', {
    token: t.carol,
    body: { budget: { limitAud: '0' } }, // soft: every request waits for an approver
  });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await host?.stop();
});

const pass = () => host.pipeline.housekeeping.runOnce();
const generation = async (id: string) =>
  (await host.call('GET', `/api/v1/generations/${id}`, { token: t.alice })).body;
async function requestApproval(prompt: string): Promise<{ generationId: string; approvalId: string }> {
  const res = await host.call('POST', '/api/v1/generations', { token: t.alice, body: { prompt } });
  expect(res.status).toBe(202);
  expect(res.body.status).toBe('pending_approval');
  return { generationId: res.body.id, approvalId: res.body.approval.id };
}

describe('approval expiry', () => {
  it('an overdue approval is expired by housekeeping, audited as system: approval-expiry', async () => {
    const { generationId, approvalId } = await requestApproval('a koala past its deadline');
    // Overdue: its expiresAt moved into the past, as 24 hours going by would.
    const doc = (await host.store.get<ApprovalRecord>('approvals', tenant, approvalId))!;
    const past = new Date(Date.now() - 1000).toISOString();
    expect(
      await host.store.replace(
        'approvals',
        tenant,
        approvalId,
        { ...doc.data, expiresAt: past },
        doc.version,
      ),
    ).not.toBeNull();

    await pass();
    const approval = await host.call('GET', `/api/v1/approvals/${approvalId}`, { token: t.bob });
    expect(approval.body.status).toBe('expired');
    expect(await generation(generationId)).toMatchObject({
      status: 'expired',
      costAud: '0.0000',
      error: { code: 'budget-exceeded', message: 'The approval request expired' },
    });
    const audit = await host.store.query<{ event: { actor: unknown; action: string } }>('audit', {
      where: [{ field: 'event.target.id', op: '=', value: approvalId }],
      orderBy: { field: 'seq', direction: 'asc' },
      limit: 10,
    });
    const expired = audit.items.filter((r) => r.data.event.action === 'approval.expired');
    expect(expired.map((r) => r.data.event.actor)).toEqual([{ system: 'approval-expiry' }]);
    expect(notifier.sent.some((n) => n.kind === 'approval.decided' && n.approval.id === approvalId)).toBe(
      true,
    );
  });
});

describe('a decision whose generation never moved', () => {
  it('is finished by housekeeping: approved, so the generation runs and is charged as an overage', async () => {
    const { generationId, approvalId } = await requestApproval('a koala approved before a crash');
    // The crash: the decision was saved (and audited) but the decider died before moving the generation on,
    // a while ago (housekeeping leaves generations younger than a minute to the decider).
    const a = (await host.store.get<ApprovalRecord>('approvals', tenant, approvalId))!;
    const bob = (await host.call('GET', '/api/v1/me', { token: t.bob })).body.user;
    const decided: ApprovalRecord = {
      ...a.data,
      status: 'approved',
      decidedBy: { objectId: bob.objectId, displayName: bob.displayName },
      decidedAt: new Date().toISOString(),
    };
    expect(await host.store.replace('approvals', tenant, approvalId, decided, a.version)).not.toBeNull();
    const g = (await host.store.get<GenerationRecord>('generations', tenant, generationId))!;
    const earlier = new Date(Date.now() - 5 * 60_000).toISOString();
    expect(
      await host.store.replace(
        'generations',
        tenant,
        generationId,
        { ...g.data, createdAt: earlier },
        g.version,
      ),
    ).not.toBeNull();
    expect((await generation(generationId)).status).toBe('pending_approval');
    const overageBefore = (await host.call('GET', '/api/v1/me', { token: t.alice })).body.budget.overageAud;
    expect(overageBefore).toBe('0.0000');

    await pass();
    const done = await waitFor(
      async () => {
        const now = await generation(generationId);
        return now.status === 'succeeded' && now;
      },
      { what: 'the approved generation to run' },
    );
    expect(done.approval).toEqual({ id: approvalId, status: 'approved' });
    const budget = (await host.call('GET', '/api/v1/me', { token: t.alice })).body.budget;
    expect(budget.overageAud).toBe(done.costAud);
  });
});

describe('Idempotency-Keys', () => {
  it('an expired key is deleted, and the same key then starts a new generation', async () => {
    await host.call('PATCH', '/api/v1/departments/marketing', {
      token: t.carol,
      body: { budget: { limitAud: '5' } },
    });
    const headers = { 'idempotency-key': 'poster-2026', prefer: 'wait=60' };
    const body = { prompt: 'a poster for the staff picnic' };
    const first = await host.call('POST', '/api/v1/generations', { token: t.alice, body, headers });
    expect(first.status).toBe(201);
    const replay = await host.call('POST', '/api/v1/generations', { token: t.alice, body, headers });
    expect(replay.body.id).toBe(first.body.id);

    await pass(); // a key still in its time is kept
    const keys = await host.store.query<{ expiresAt: string; generationId: string }>('idempotency', {
      where: [{ field: 'generationId', op: '=', value: first.body.id }],
    });
    expect(keys.items).toHaveLength(1);
    // Past its time, as 24 hours going by would leave it.
    const key = keys.items[0]!;
    const past = new Date(Date.now() - 1000).toISOString();
    expect(
      await host.store.replace('idempotency', key.pk, key.id, { ...key.data, expiresAt: past }, key.version),
    ).not.toBeNull();

    await pass();
    expect(await host.store.get('idempotency', key.pk, key.id)).toBeNull();
    const fresh = await host.call('POST', '/api/v1/generations', { token: t.alice, body, headers });
    expect(fresh.status).toBe(201);
    expect(fresh.body.id).not.toBe(first.body.id);
    expect(fresh.headers.get('idempotent-replayed')).toBeNull();
  });
});
