// Fail-closed auditing through the REST API (docs/budgets.md, docs/security.md): when the audit trail cannot be
// written, an approval decision and a deletion fail and leave nothing changed; once it can, the same request
// works. The outage is real: a trigger in the host's own SQLite database refuses every new audit record (as a
// full disk or a broken replica would), installed from a second connection, so no code of the host is touched.
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from './support/host.ts';

let host: TestHost;
let db: DatabaseSync;
const t: Record<string, string> = {};

beforeAll(async () => {
  host = await startTestHost({ RATE_LIMITS: 'standard_user=1000,dept_manager=1000,org_admin=1000' });
  for (const u of ['alice', 'bob', 'carol']) t[u] = await host.token(u);
  db = new DatabaseSync(join(host.dataDir, 'donatello.db'));
});
afterAll(async () => {
  db?.close();
  await host?.stop();
});

/** Runs `during` while no audit record can be written. */
async function withAuditDown<T>(during: () => Promise<T>): Promise<T> {
  db.exec(`CREATE TRIGGER audit_down BEFORE INSERT ON docs WHEN NEW.coll = 'audit'
           BEGIN SELECT RAISE(ABORT, 'audit storage unavailable'); END`);
  try {
    return await during();
  } finally {
    db.exec('DROP TRIGGER audit_down');
  }
}
const auditCount = () => host.store.count('audit', {});

describe('with the audit trail down', () => {
  it('an approval decision fails (500) and the request stays pending, nothing reserved', async () => {
    await host.call('PATCH', '/api/v1/departments/marketing', {
      token: t.carol,
      body: { budget: { limitAud: '0' } },
    });
    const req = await host.call('POST', '/api/v1/generations', {
      token: t.alice,
      body: { prompt: 'a koala waiting for a signature' },
    });
    expect(req.body.status).toBe('pending_approval');
    const approvalId = req.body.approval.id as string;
    const before = {
      audit: await auditCount(),
      me: (await host.call('GET', '/api/v1/me', { token: t.alice })).body.budget,
    };

    const decision = await withAuditDown(() =>
      host.call('POST', `/api/v1/approvals/${approvalId}/decision`, {
        token: t.bob,
        body: { decision: 'approve' },
      }),
    );
    expect(decision.status).toBe(500);
    expect(decision.body.code).toBe('internal');
    expect(await auditCount()).toBe(before.audit);
    const approval = await host.call('GET', `/api/v1/approvals/${approvalId}`, { token: t.bob });
    expect(approval.body).toMatchObject({ status: 'pending', decidedBy: null });
    const g = await host.call('GET', `/api/v1/generations/${req.body.id}`, { token: t.alice });
    expect(g.body.status).toBe('pending_approval');
    const me = (await host.call('GET', '/api/v1/me', { token: t.alice })).body.budget;
    expect([me.reservedAud, me.overageAud]).toEqual([before.me.reservedAud, before.me.overageAud]);

    // Back up: the same click works, once.
    const again = await host.call('POST', `/api/v1/approvals/${approvalId}/decision`, {
      token: t.bob,
      body: { decision: 'approve' },
    });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('approved');
  });

  it('a generation request fails (500): no generation recorded, nothing reserved, nothing charged', async () => {
    await host.call('PATCH', '/api/v1/departments/marketing', {
      token: t.carol,
      body: { budget: { limitAud: '5' } },
    });
    const before = {
      audit: await auditCount(),
      generations: await host.store.count('generations', {}),
      me: (await host.call('GET', '/api/v1/me', { token: t.alice })).body.budget,
    };
    // The request's audit record and its reservation are written at the same time: the reservation is
    // made, the record is refused, and the reservation must be released before the answer.
    const req = await withAuditDown(() =>
      host.call('POST', '/api/v1/generations', { token: t.alice, body: { prompt: 'a koala unrecorded' } }),
    );
    expect(req.status).toBe(500);
    expect(req.body.code).toBe('internal');
    expect(await auditCount()).toBe(before.audit);
    expect(await host.store.count('generations', {})).toBe(before.generations);
    const me = (await host.call('GET', '/api/v1/me', { token: t.alice })).body.budget;
    expect([me.reservedAud, me.spentAud]).toEqual([before.me.reservedAud, before.me.spentAud]);
  });

  it('a deletion fails (500) and the generation and its images stay', async () => {
    await host.call('PATCH', '/api/v1/departments/marketing', {
      token: t.carol,
      body: { budget: { limitAud: '5' } },
    });
    const made = await host.call('POST', '/api/v1/generations', {
      token: t.alice,
      body: { prompt: 'a koala to keep' },
      headers: { prefer: 'wait=60' },
    });
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    const audit = await auditCount();

    const del = await withAuditDown(() =>
      host.call('DELETE', `/api/v1/generations/${id}`, { token: t.alice }),
    );
    expect(del.status).toBe(500);
    expect(await auditCount()).toBe(audit);
    const still = await host.call('GET', `/api/v1/generations/${id}`, { token: t.alice });
    expect(still.status).toBe(200);
    expect(still.body.images).toHaveLength(1);
    expect((await host.call('GET', still.body.images[0].url, { token: t.alice })).status).toBe(200);

    expect((await host.call('DELETE', `/api/v1/generations/${id}`, { token: t.alice })).status).toBe(204);
    expect((await host.call('GET', `/api/v1/generations/${id}`, { token: t.alice })).status).toBe(404);
  });
});
