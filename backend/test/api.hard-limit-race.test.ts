// Issue #10, defect 2, under real concurrency, on SQLite and on the Cosmos DB test server, with two instances
// sharing one store: approvals decided while budget changes (soft ↔ hard, limits up and down) are in flight on
// either instance. Whatever the interleaving: every decision either reserves its overage while the department is
// not hard or is refused and charges nothing; once the department has turned hard nothing more is charged
// (spend never passes what it stood at when the change took effect); the money adds up to the generations that
// ran; the audit chain verifies.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BudgetCounter } from '../src/budgets/counter.ts';
import type { GenerationRecord } from '../src/generations/record.ts';
import type { ApprovalRecord } from '../src/approvals/record.ts';
import { startTestHost, type TestHost } from './support/host.ts';
import { until } from './support/until.ts';

const LIMITS = { RATE_LIMITS: 'standard_user=100000,power_user=100000,dept_manager=100000,org_admin=100000' };
const stores: [string, () => Record<string, string>][] = [
  ['sqlite', () => LIMITS],
  [
    'cosmos',
    () => {
      const { endpoint, key } = inject('cosmos');
      return {
        ...LIMITS,
        STORE: 'cosmos',
        COSMOS_ENDPOINT: endpoint,
        COSMOS_KEY: key,
        COSMOS_DATABASE: `race-${randomUUID()}`,
        COSMOS_ALLOW_SELF_SIGNED: 'true',
      };
    },
  ],
];
/** Overage requests waiting for a decision; half are decided in each phase. */
const N = 24;

describe.each(stores)('a hard limit under concurrent budget changes and decisions on %s', (_name, env) => {
  let a: TestHost;
  let b: TestHost;
  const t: Record<string, string> = {};
  let tenant = '';

  beforeAll(async () => {
    const settings = env();
    a = await startTestHost(settings);
    b = await startTestHost(settings, a.dataDir); // a second instance: same store, same dev signing key
    for (const u of ['alice', 'bob', 'carol']) t[u] = await a.token(u);
    tenant = a.config.identity.dev.tenantId;
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  const on = (i: number) => (i % 2 === 0 ? a : b);
  const patch = (i: number, budget: Record<string, string>) =>
    on(i).call('PATCH', '/api/v1/departments/marketing', { token: t.carol, body: { budget } });
  const ask = (i: number, prompt: string) =>
    on(i).call('POST', '/api/v1/generations', { token: t.alice, body: { prompt } });
  const approve = (i: number, id: string) =>
    on(i).call('POST', `/api/v1/approvals/${id}/decision`, { token: t.bob, body: { decision: 'approve' } });
  const generations = async () =>
    (
      await a.store.query<GenerationRecord>('generations', {
        pk: tenant,
        where: [{ field: 'departmentId', op: '=', value: 'marketing' }],
        limit: 200,
      })
    ).items.map((d) => ({ id: d.id, ...d.data }));

  it('nothing is charged past the limit once the mode is hard, under any interleaving', async () => {
    expect((await patch(0, { mode: 'soft', limitAud: '0.02' })).status).toBe(200);
    const first = await a.call('POST', '/api/v1/generations', {
      token: t.alice,
      body: { prompt: 'the one that fits' },
      headers: { prefer: 'wait=60' },
    });
    expect(first.status).toBe(201);
    const waiting = await Promise.all(Array.from({ length: N }, (_, i) => ask(i, `overage ${i}`)));
    expect(waiting.map((r) => r.body.status)).toEqual(Array(N).fill('pending_approval'));
    const approvals = waiting.map((r) => r.body.approval.id as string);

    // Phase 1: budget changes go back and forth (one after another) while two lanes of decisions run on both
    // instances, so decisions land before, between and during the changes.
    const changes: Record<string, string>[] = [
      { mode: 'hard' },
      { mode: 'soft' },
      { limitAud: '0.01' },
      { mode: 'hard' },
      { mode: 'soft', limitAud: '0.04' },
      { mode: 'hard', limitAud: '0.02' },
      { mode: 'soft' },
      { mode: 'hard' },
      { mode: 'soft' },
    ];
    const lane = async (ids: string[], from: number) => {
      const out = [];
      for (const [i, id] of ids.entries()) out.push(await approve(from + i, id));
      return out;
    };
    const toggle = async () => {
      const out = [];
      for (const [i, c] of changes.entries()) out.push(await patch(i, c));
      return out;
    };
    const half = approvals.slice(0, N / 2);
    const phase1 = (
      await Promise.all([toggle(), lane(half.slice(0, N / 4), 0), lane(half.slice(N / 4), 1)])
    ).flat();
    for (const r of phase1) expect([200, 409], r.text).toContain(r.status);
    expect((await patch(0, { mode: 'soft' })).status).toBe(200);

    // Phase 2: the rest of the decisions and new requests race one change to hard, made once two decisions have
    // gone through, on the other instance.
    const rest = approvals.slice(N / 2);
    const decided = () => Promise.all(rest.map((id) => a.store.get<ApprovalRecord>('approvals', tenant, id)));
    const change = (async () => {
      await until(
        async () => (await decided()).filter((d) => d?.data.status !== 'pending').length >= 2,
        'two decisions',
      );
      return patch(1, { mode: 'hard', limitAud: '0.02' });
    })();
    const [toHard, lanes, asked] = await Promise.all([
      change,
      Promise.all([lane(rest.slice(0, N / 4), 0), lane(rest.slice(N / 4), 1)]),
      Promise.all(Array.from({ length: 8 }, (_, i) => ask(i, `during the change ${i}`))),
    ]);
    expect(toHard.status).toBe(200);
    const phase2 = [...lanes.flat(), ...asked];
    // The change waited for two approvals, so some went through before it; the rest raced it.
    expect(lanes.flat().filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(2);
    for (const r of phase2) expect([200, 202, 402, 409], r.text).toContain(r.status);
    // Whatever is still waiting now can only be refused: the department is hard.
    const pending = await a.call('GET', '/api/v1/approvals?status=pending&limit=100', { token: t.carol });
    for (const [i, p] of (pending.body.items as { id: string }[]).entries()) {
      const late = await approve(i, p.id);
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('budget-exceeded');
    }
    await until(
      async () => (await generations()).every((g) => !['queued', 'running'].includes(g.status)),
      'every approved generation to finish',
    );

    // What the budget stood at when the change to hard took effect (recorded with the change).
    const updates = await a.call('GET', '/api/v1/audit?action=department.updated&limit=50', {
      token: t.carol,
    });
    const last = (updates.body.items as { event: { after: any; details: any } }[])
      .map((r) => r.event)
      .sort((x, y) => y.details.budgetRev - x.details.budgetRev)[0]!;
    expect(last.after.budget).toMatchObject({ mode: 'hard', limitAud: '0.0200' });
    const atSwitch = last.details.spentMicros + last.details.reservedMicros;

    const counters = await a.store.query<BudgetCounter>('budgets', {
      where: [{ field: 'departmentId', op: '=', value: 'marketing' }],
      limit: 10,
    });
    expect(counters.items).toHaveLength(1);
    const c = counters.items[0]!.data;
    expect([c.reserved, Object.keys(c.res ?? {})]).toEqual([0, []]);
    const open = await a.store.query('budgets', {
      where: [{ field: 'kind', op: '=', value: 'reservation' }],
      limit: 10,
    });
    expect(open.items).toEqual([]); // no reservation document left behind either
    expect(c.spent).toBeLessThanOrEqual(atSwitch); // nothing added while hard
    expect([c.mode, c.hard]).toEqual(['hard', 1]);

    // Every approval and its generation agree, and the money is exactly what ran.
    const all = await generations();
    const byId = new Map(all.map((g) => [g.id, g]));
    for (const id of approvals) {
      const ap = (await a.store.get<ApprovalRecord>('approvals', tenant, id))!.data;
      const g = byId.get(ap.generationId)!;
      if (ap.status === 'approved') {
        expect(g).toMatchObject({ status: 'succeeded', costMicros: 20_000, reservation: { overage: true } });
      } else {
        expect(ap.status).toBe('rejected');
        expect(g).toMatchObject({ status: 'rejected', costMicros: 0 });
      }
    }
    const ran = all.filter((g) => g.status === 'succeeded');
    expect(c.spent).toBe(ran.reduce((s, g) => s + (g.costMicros ?? 0), 0));
    expect(c.overage).toBe(ran.filter((g) => g.reservation?.overage).reduce((s, g) => s + g.costMicros!, 0));
    expect(await a.audit.verify(tenant)).toMatchObject({ ok: true });
  });
});
