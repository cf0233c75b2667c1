// Budgets and approvals through the REST API (DESIGN §3, §4): hard refuses, soft asks a manager, warn alerts;
// decisions are single, authorised on the server, audited; notifications reach the right people.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingNotifier } from '../src/notifications/notifiers.ts';
import { startTestHost, type TestHost } from './support/host.ts';
import { scaled, waitFor } from './support/timing.ts';
import { testFetch } from './support/http.ts';

let host: TestHost;
const notifier = new RecordingNotifier();
const t: Record<string, string> = {};
const oid: Record<string, string> = {};

beforeAll(async () => {
  host = await startTestHost(
    { RATE_LIMITS: 'standard_user=1000,power_user=1000,dept_manager=1000,org_admin=1000' },
    undefined,
    { notifier },
  );
  for (const u of ['alice', 'bob', 'dave', 'fiona', 'carol', 'erin']) t[u] = await host.token(u);
  for (const u of (await host.call('GET', '/dev/users')).body.users) oid[u.name] = u.objectId;
});
afterAll(async () => {
  await host.stop();
});

const setLimit = (dept: string, limitAud: string) =>
  host.call('PATCH', `/api/v1/departments/${dept}`, { token: t.carol, body: { budget: { limitAud } } });
const generate = (user: string, prompt: string) =>
  host.call('POST', '/api/v1/generations', {
    token: t[user],
    body: { prompt },
    headers: { prefer: 'wait=60' },
  });
const me = async (user: string) => (await host.call('GET', '/api/v1/me', { token: t[user] })).body;

describe('budget summary', () => {
  it('/me shows the period, limit, spend and forecast', async () => {
    const b = (await me('alice')).budget;
    expect(b).toMatchObject({
      limitAud: '5.0000',
      mode: 'soft',
      spentAud: '0.0000',
      reservedAud: '0.0000',
      remainingAud: '5.0000',
      utilisation: 0,
      thresholds: [80, 90, 100],
      forecast: { dailyBurnAud: '0.0000', exhaustsOn: null },
    });
    expect(b.period.timeZone).toBe('Australia/Sydney');
    expect(new Date(b.period.start).getTime()).toBeLessThan(Date.now());
  });
});

describe('hard limit (finance)', () => {
  it('allows up to the limit, then refuses with 402 and charges exactly the limit', async () => {
    expect((await setLimit('finance', '0.06')).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await generate('dave', `hard ${i}`)).status).toBe(201);
    const refused = await generate('dave', 'one too many');
    expect(refused.status).toBe(402);
    expect(refused.body.code).toBe('budget-exceeded');
    expect(refused.body.detail).toMatch(/A\$0\.0000 left of A\$0\.0600/);
    const b = (await me('dave')).budget;
    expect(b).toMatchObject({
      spentAud: '0.0600',
      reservedAud: '0.0000',
      remainingAud: '0.0000',
      utilisation: 1,
    });
    const quote = await host.call('POST', '/api/v1/estimates', { token: t.dave, body: { prompt: 'again' } });
    expect(quote.body.decision).toBe('deny');
  });

  it('alerts the managers once per threshold', () => {
    const alerts = notifier.sent.filter((n) => n.kind === 'budget.threshold' && n.departmentId === 'finance');
    expect(
      alerts.map((a) => (a.kind === 'budget.threshold' ? a.threshold : 0)).sort((x, y) => x - y),
    ).toEqual([80, 90, 100]);
    for (const a of alerts) expect(a.to).toEqual([oid.fiona]);
  });
});

describe('soft limit (marketing) and approvals', () => {
  let approvalId = '';
  let generationId = '';

  it('over the limit the request waits for a manager, who is told', async () => {
    await setLimit('marketing', '0.02');
    expect((await generate('alice', 'soft within')).status).toBe(201);
    const res = await generate('alice', 'soft over the limit');
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('pending_approval');
    approvalId = res.body.approval.id;
    generationId = res.body.id;
    const asked = notifier.sent.find((n) => n.kind === 'approval.requested' && n.approval.id === approvalId);
    expect(asked?.to).toEqual([oid.bob]);
    const quote = await host.call('POST', '/api/v1/estimates', { token: t.alice, body: { prompt: 'x' } });
    expect(quote.body.decision).toBe('needs_approval');
  });

  it('the requester cannot approve it, nor can someone who is not an approver', async () => {
    expect(
      (
        await host.call('POST', `/api/v1/approvals/${approvalId}/decision`, {
          token: t.alice,
          body: { decision: 'approve' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await host.call('POST', `/api/v1/approvals/${approvalId}/decision`, {
          token: t.dave,
          body: { decision: 'approve' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await host.call('POST', `/api/v1/approvals/${approvalId}/decision`, {
          token: t.bob,
          body: { decision: 'maybe' },
        })
      ).status,
    ).toBe(400);
  });

  it('bob approves: the image is produced and charged as a flagged overage; a second click is 409', async () => {
    const ok = await host.call('POST', `/api/v1/approvals/${approvalId}/decision`, {
      token: t.bob,
      body: { decision: 'approve', comment: 'launch week' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'approved',
      decidedBy: { displayName: 'Bob Smith' },
      comment: 'launch week',
    });
    const tenant = (await me('alice')).user.tenantId as string;
    const done = await host.pipeline.worker.waitFor(tenant, generationId, scaled(60_000));
    expect(done?.data.status).toBe('succeeded');
    const b = (await me('alice')).budget;
    expect(b).toMatchObject({ spentAud: '0.0400', overageAud: '0.0200', reservedAud: '0.0000' });
    const again = await host.call('POST', `/api/v1/approvals/${approvalId}/decision`, {
      token: t.bob,
      body: { decision: 'reject' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already-decided');
    expect(again.body.detail).toMatch(/^This request was already approved by Bob Smith at \d\d:\d\d$/);
    const told = notifier.sent.find((n) => n.kind === 'approval.decided' && n.approval.id === approvalId);
    expect(told?.to).toContain(oid.alice);
  });

  it('a rejection closes the request and tells the requester', async () => {
    const res = await generate('alice', 'soft rejected');
    const id = res.body.approval.id;
    const rej = await host.call('POST', `/api/v1/approvals/${id}/decision`, {
      token: t.bob,
      body: { decision: 'reject' },
    });
    expect(rej.body.status).toBe('rejected');
    const g = await host.call('GET', `/api/v1/generations/${res.body.id}`, { token: t.alice });
    expect(g.body).toMatchObject({
      status: 'rejected',
      error: { code: 'budget-exceeded' },
      costAud: '0.0000',
      approval: { id, status: 'rejected' },
    });
  });

  it('lists: the manager sees the department, the requester their own, others nothing', async () => {
    const bob = await host.call('GET', '/api/v1/approvals?status=pending', { token: t.bob });
    expect(bob.status).toBe(200);
    const all = await host.call('GET', '/api/v1/approvals', { token: t.bob });
    expect(all.body.items.length).toBeGreaterThanOrEqual(2);
    const alice = await host.call('GET', '/api/v1/approvals', { token: t.alice });
    expect(alice.body.items.length).toBeGreaterThan(0);
    expect(alice.body.items.map((a: { requester: { objectId: string } }) => a.requester.objectId)).toEqual(
      alice.body.items.map(() => oid.alice),
    );
    const dave = await host.call('GET', '/api/v1/approvals', { token: t.dave });
    expect(dave.body.items).toEqual([]);
    expect((await host.call('GET', `/api/v1/approvals/${approvalId}`, { token: t.dave })).status).toBe(403);
  });

  it('the whole story is in the audit trail, and the chain verifies', async () => {
    const tenant = (await me('alice')).user.tenantId;
    const page = await host.store.query<{ event: { action: string } }>('audit', {
      pk: tenant,
      limit: 200,
      orderBy: { field: 'seq', direction: 'asc' },
    });
    const actions = page.items.map((d) => d.data.event.action);
    for (const a of [
      'approval.requested',
      'approval.approved',
      'approval.rejected',
      'generation.denied',
      'budget.threshold_crossed',
    ])
      expect(actions).toContain(a);
    expect((await host.audit.verify(tenant)).ok).toBe(true);
  });
});

describe('warn mode (engineering)', () => {
  it('always allows, warns in the quote past the limit, alerts at 100 %', async () => {
    await setLimit('engineering', '0.02');
    expect((await generate('carol', 'warn one')).status).toBe(201);
    const quote = await host.call('POST', '/api/v1/estimates', {
      token: t.carol,
      body: { prompt: 'warn two' },
    });
    expect(quote.body.decision).toBe('warn');
    expect((await generate('carol', 'warn two')).status).toBe(201);
    expect((await me('carol')).budget).toMatchObject({ spentAud: '0.0400', utilisation: 2 });
    const alerts = notifier.sent.filter(
      (n) => n.kind === 'budget.threshold' && n.departmentId === 'engineering',
    );
    expect(alerts).toHaveLength(3);
  });
});

describe('approval expiry', () => {
  it('an expired approval is 409 and its generation expires', async () => {
    const local = await startTestHost({ APPROVAL_TTL_HOURS: '0.0001', HOUSEKEEPING_MS: '100000' });
    try {
      const carol = await local.token('carol');
      await local.call('PATCH', '/api/v1/departments/marketing', {
        token: carol,
        body: { budget: { limitAud: '0' } },
      });
      const alice = await local.token('alice');
      const res = await local.call('POST', '/api/v1/generations', {
        token: alice,
        body: { prompt: 'too late' },
      });
      // APPROVAL_TTL_HOURS=0.0001 is 0.36 s: wait until the approval's own expiresAt has passed.
      const approval = await local.call('GET', `/api/v1/approvals/${res.body.approval.id}`, { token: alice });
      const expiresAt = Date.parse(approval.body.expiresAt);
      await waitFor(() => Date.now() > expiresAt, { what: 'the approval to pass its expiresAt' });
      const bob = await local.token('bob');
      const late = await local.call('POST', `/api/v1/approvals/${res.body.approval.id}/decision`, {
        token: bob,
        body: { decision: 'approve' },
      });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('approval-expired');
      const g = await local.call('GET', `/api/v1/generations/${res.body.id}`, { token: alice });
      expect(g.body.status).toBe('expired');
    } finally {
      await local.stop();
    }
  });
});

describe('analytics', () => {
  it('usage by user, provider and day for the department manager; 403 for another department', async () => {
    const byUser = await host.call('GET', '/api/v1/departments/finance/usage?groupBy=user', {
      token: t.fiona,
    });
    expect(byUser.status).toBe(200);
    expect(byUser.body).toMatchObject({
      departmentId: 'finance',
      groupBy: 'user',
      totalAud: '0.0600',
      generations: 3,
    });
    expect(byUser.body.rows).toEqual([
      { key: oid.dave, label: 'Dave Wilson', generations: 3, images: 3, costAud: '0.0600' },
    ]);
    const byProvider = await host.call('GET', '/api/v1/departments/finance/usage?groupBy=provider', {
      token: t.carol,
    });
    expect(byProvider.body.rows.map((r: { key: string }) => r.key)).toEqual(['local/local-scene']);
    const byDay = await host.call('GET', '/api/v1/departments/finance/usage?groupBy=day', { token: t.carol });
    expect(byDay.body.rows).toHaveLength(1);
    expect(byDay.body.rows[0].key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await host.call('GET', '/api/v1/departments/finance/usage', { token: t.bob })).status).toBe(403);
    expect(
      (await host.call('GET', '/api/v1/departments/finance/usage?groupBy=team', { token: t.carol })).status,
    ).toBe(400);
  });

  it('chargeback CSV per period: one row per user and a total', async () => {
    const res = await testFetch(`http://127.0.0.1:${host.port}/api/v1/departments/finance/chargeback.csv`, {
      headers: { authorization: `Bearer ${t.fiona}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="chargeback-finance-\d{4}-\d{2}-01\.csv"$/,
    );
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'department,period_start,period_end,user_object_id,user_name,generations,images,cost_aud',
    );
    expect(lines[1]).toMatch(
      new RegExp(`^finance,\\d{4}-\\d{2}-01,\\d{4}-\\d{2}-01,${oid.dave},Dave Wilson,3,3,0.0600$`),
    );
    expect(lines[2]).toMatch(/^finance,.*,TOTAL,,3,3,0\.0600$/);
  });

  it('the budget summary forecasts when the money runs out', async () => {
    const b = (await me('dave')).budget;
    const sydneyToday = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Australia/Sydney',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date());
    expect(b.forecast.exhaustsOn).toBe(sydneyToday); // already at the limit (a date in the department's zone)
    expect(Number(b.forecast.dailyBurnAud)).toBeGreaterThan(0);
  });
});
