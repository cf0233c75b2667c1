// Issue #10, defects 2 and 3, through the API. Approval rights follow people: a manager who was demoted or moved
// can no longer read or decide the department's requests, a newly appointed one can, and admins can decide any
// pending request of their tenant (an orphaned one too). A hard limit holds after approval: a decision made after
// the department turned hard is refused with the reason, its generation ends refused and nothing is charged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from './support/host.ts';
import { waitFor } from './support/timing.ts';

let host: TestHost;
const t: Record<string, string> = {};
const oid: Record<string, string> = {};

beforeAll(async () => {
  host = await startTestHost({
    RATE_LIMITS: 'standard_user=1000,power_user=1000,dept_manager=1000,org_admin=1000',
  });
  for (const u of ['alice', 'bob', 'dave', 'fiona', 'carol']) t[u] = await host.token(u);
  for (const u of (await host.call('GET', '/dev/users')).body.users) oid[u.name] = u.objectId;
  // Marketing (soft): one A$0.02 image fits, everything after it needs an approval.
  await patchDept({ budget: { limitAud: '0.02' } });
  expect((await ask('the one that fits')).status).toBe(201);
});
afterAll(async () => {
  await host?.stop();
});

const patchDept = (body: unknown) =>
  host.call('PATCH', '/api/v1/departments/marketing', { token: t.carol, body });
const patchUser = async (name: string, body: unknown) => {
  const res = await host.call('PATCH', `/api/v1/users/${oid[name]}`, { token: t.carol, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};
const ask = (prompt: string) =>
  host.call('POST', '/api/v1/generations', {
    token: t.alice,
    body: { prompt },
    headers: { prefer: 'wait=30' },
  });
/** A request over the soft limit: its approval id and generation id. */
async function overage(prompt: string): Promise<{ approvalId: string; generationId: string }> {
  const res = await ask(prompt);
  expect(res.status).toBe(202);
  expect(res.body.status).toBe('pending_approval');
  return { approvalId: res.body.approval.id, generationId: res.body.id };
}
const read = (who: string, id: string) => host.call('GET', `/api/v1/approvals/${id}`, { token: t[who] });
const decide = (who: string, id: string, decision = 'approve') =>
  host.call('POST', `/api/v1/approvals/${id}/decision`, { token: t[who], body: { decision } });
const budget = async () => (await host.call('GET', '/api/v1/me', { token: t.alice })).body.budget;
/** The budget once nothing is reserved: overages approved by earlier tests have run and been charged. */
const settledBudget = () =>
  waitFor(
    async () => {
      const b = await budget();
      return b.reservedAud === '0.0000' ? b : undefined;
    },
    { what: "marketing's reservations to settle" },
  );

describe('approval rights follow people (defect 3)', () => {
  it('a demoted manager can no longer read or decide; an admin decides the orphaned request', async () => {
    const { approvalId } = await overage('asked while bob managed marketing');
    expect((await read('bob', approvalId)).status).toBe(200);
    await patchUser('bob', { role: 'standard_user' });

    const looked = await read('bob', approvalId);
    expect(looked.status).toBe(403);
    const tried = await decide('bob', approvalId);
    expect(tried.status).toBe(403);
    expect(tried.body.detail).toMatch(/you no longer manage this department/);
    // Nobody manages marketing now; carol (org admin, never asked) may still decide it.
    expect((await read('carol', approvalId)).status).toBe(200);
    const decided = await decide('carol', approvalId);
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'approved', decidedBy: { objectId: oid.carol } });
    await patchUser('bob', { role: 'dept_manager' });
  });

  it('a manager moved to another department loses it; the one appointed in their place gains it', async () => {
    const { approvalId } = await overage('asked before the reshuffle');
    await patchUser('bob', { departmentId: 'finance' });
    await patchUser('dave', { departmentId: 'marketing', role: 'dept_manager' });

    expect((await read('bob', approvalId)).status).toBe(403);
    expect((await decide('bob', approvalId)).status).toBe(403);
    // Managing some department is not enough: fiona manages finance, not marketing.
    expect((await decide('fiona', approvalId)).status).toBe(403);
    expect((await read('dave', approvalId)).status).toBe(200);
    const decided = await decide('dave', approvalId, 'reject');
    expect(decided.status).toBe(200);
    expect(decided.body.decidedBy.objectId).toBe(oid.dave);

    await patchUser('dave', { departmentId: 'finance', role: 'power_user' });
    await patchUser('bob', { departmentId: 'marketing' });
  });

  it('denials are audited with the reason', async () => {
    const res = await host.call('GET', '/api/v1/audit?action=approval.decide&outcome=denied', {
      token: t.carol,
    });
    const reasons = res.body.items.map(
      (r: { event: { details: { reason: string } } }) => r.event.details.reason,
    );
    expect(reasons).toContain('you no longer manage this department');
  });
});

describe('a hard limit holds after approval (defect 2)', () => {
  it('a decision made after the department turned hard is refused: 409 with the reason, nothing charged', async () => {
    const { approvalId, generationId } = await overage('asked while the budget was soft');
    const before = await settledBudget();
    expect((await patchDept({ budget: { mode: 'hard' } })).status).toBe(200);

    const refused = await decide('bob', approvalId);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('budget-exceeded');
    expect(refused.body.detail).toMatch(/now a hard limit of A\$0\.0200/);

    const g = await host.call('GET', `/api/v1/generations/${generationId}`, { token: t.alice });
    expect(g.body).toMatchObject({
      status: 'rejected',
      costAud: '0.0000',
      error: { code: 'budget-exceeded' },
    });
    expect(g.body.error.message).toMatch(/hard limit/);
    const after = await budget();
    expect([after.spentAud, after.reservedAud, after.overageAud]).toEqual([
      before.spentAud,
      '0.0000',
      before.overageAud,
    ]);
    // The request is closed, not left for someone else to approve.
    expect((await read('carol', approvalId)).body).toMatchObject({ status: 'rejected', decidedBy: null });
    const again = await decide('carol', approvalId);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already-decided');
    const audit = await host.call('GET', `/api/v1/audit?targetId=${approvalId}`, { token: t.carol });
    const closing = audit.body.items.find(
      (r: { event: { action: string } }) => r.event.action === 'approval.rejected',
    );
    expect(closing.event).toMatchObject({
      actor: { system: 'budget-hard-limit' },
      details: { attemptedBy: oid.bob, generationId },
    });
    await patchDept({ budget: { mode: 'soft' } });
  });

  it('lowering a soft limit still lets an approver approve a flagged overage', async () => {
    const { approvalId } = await overage('asked before the limit dropped');
    expect((await patchDept({ budget: { limitAud: '0.01' } })).status).toBe(200);
    const decided = await decide('bob', approvalId);
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('approved');
  });
});
