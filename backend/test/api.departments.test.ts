// Department administration through the REST API: who may do what, validation, audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from './support/host.ts';

let host: TestHost;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  host = await startTestHost();
  for (const u of ['alice', 'bob', 'dave', 'fiona', 'carol', 'erin']) tokens[u] = await host.token(u);
});
afterAll(async () => {
  await host.stop();
});

describe('reading departments', () => {
  it('an org admin lists every seeded department with its budget in 4-place AUD', async () => {
    const res = await host.call('GET', '/api/v1/departments', { token: tokens.carol });
    expect(res.status).toBe(200);
    const byId: Record<string, any> = Object.fromEntries(
      (res.body.items as { id: string }[]).map((d) => [d.id, d]),
    );
    expect(Object.keys(byId).sort()).toEqual(['engineering', 'finance', 'marketing']);
    expect(byId.marketing).toMatchObject({
      name: 'Marketing',
      budget: {
        limitAud: '5.0000',
        mode: 'soft',
        thresholds: [80, 90, 100],
        resetDay: 1,
        timeZone: 'Australia/Sydney',
      },
      policy: { residency: 'any', allowedProviders: [], piiAction: 'block' },
    });
    expect(byId.finance.budget).toMatchObject({ limitAud: '2.0000', mode: 'hard' });
    expect(byId.engineering.budget).toMatchObject({ limitAud: '10.0000', mode: 'warn' });
  });

  it('a department manager sees only their own department', async () => {
    const list = await host.call('GET', '/api/v1/departments', { token: tokens.bob });
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual(['marketing']);
    expect((await host.call('GET', '/api/v1/departments/marketing', { token: tokens.bob })).status).toBe(200);
    expect((await host.call('GET', '/api/v1/departments/finance', { token: tokens.bob })).status).toBe(403);
  });

  it('standard and power users cannot read department administration', async () => {
    expect((await host.call('GET', '/api/v1/departments', { token: tokens.alice })).status).toBe(403);
    expect((await host.call('GET', '/api/v1/departments/finance', { token: tokens.dave })).status).toBe(403);
  });

  it('an unknown department is 404 for an admin', async () => {
    const res = await host.call('GET', '/api/v1/departments/nowhere', { token: tokens.carol });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not-found');
  });

  it('pages with a cursor', async () => {
    const first = await host.call('GET', '/api/v1/departments?limit=2', { token: tokens.erin });
    expect(first.body.items).toHaveLength(2);
    const second = await host.call('GET', `/api/v1/departments?limit=2&cursor=${first.body.nextCursor}`, {
      token: tokens.erin,
    });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
  });
});

describe('creating and updating', () => {
  it('an org admin creates a department with defaults filled in; a second create is 409', async () => {
    const body = { id: 'legal', name: 'Legal', budget: { limitAud: '3.5', mode: 'hard' } };
    const res = await host.call('POST', '/api/v1/departments', { token: tokens.carol, body });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/api/v1/departments/legal');
    expect(res.body).toMatchObject({
      id: 'legal',
      budget: {
        limitAud: '3.5000',
        mode: 'hard',
        thresholds: [80, 90, 100],
        resetDay: 1,
        timeZone: 'Australia/Sydney',
      },
      policy: { residency: 'any', allowedProviders: [], piiAction: 'block' },
    });
    const again = await host.call('POST', '/api/v1/departments', { token: tokens.carol, body });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already-exists');
  });

  it('updates budget settings and policy, keeping fields not mentioned', async () => {
    const res = await host.call('PATCH', '/api/v1/departments/engineering', {
      token: tokens.carol,
      body: {
        budget: { limitAud: '12.3456', thresholds: [50, 75, 100], resetDay: 15, timeZone: 'Australia/Perth' },
        policy: { residency: 'au-only', allowedProviders: ['azure-openai', 'local'], piiAction: 'warn' },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.budget).toEqual({
      limitAud: '12.3456',
      mode: 'warn',
      thresholds: [50, 75, 100],
      resetDay: 15,
      timeZone: 'Australia/Perth',
    });
    expect(res.body.policy).toEqual({
      residency: 'au-only',
      allowedProviders: ['azure-openai', 'local'],
      piiAction: 'warn',
    });
    const read = await host.call('GET', '/api/v1/departments/engineering', { token: tokens.carol });
    expect(read.body).toEqual(res.body);
  });

  it('refuses invalid budget settings, naming each field', async () => {
    const cases: [unknown, string][] = [
      [{ budget: { limitAud: '1.23456' } }, 'body.budget.limitAud'],
      [{ budget: { limitAud: '-1' } }, 'body.budget.limitAud'],
      [{ budget: { limitAud: 5 } }, 'body.budget.limitAud'],
      [{ budget: { mode: 'soft-ish' } }, 'body.budget.mode'],
      [{ budget: { resetDay: 29 } }, 'body.budget.resetDay'],
      [{ budget: { thresholds: [90, 80] } }, 'body.budget.thresholds'],
      [{ budget: { thresholds: [0, 120] } }, 'body.budget.thresholds.0'],
      [{ budget: { timeZone: 'Mars/Olympus' } }, 'body.budget.timeZone'],
      [{ policy: { residency: 'eu-only' } }, 'body.policy.residency'],
      [{ policy: { allowedProviders: ['midjourney'] } }, 'body.policy.allowedProviders.0'],
      [{ unexpected: true }, 'body'],
      [{}, 'body'],
    ];
    for (const [body, path] of cases) {
      const res = await host.call('PATCH', '/api/v1/departments/finance', { token: tokens.carol, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const unchanged = await host.call('GET', '/api/v1/departments/finance', { token: tokens.carol });
    expect(unchanged.body.budget).toMatchObject({ limitAud: '2.0000', mode: 'hard', resetDay: 1 });
  });

  it('a department manager cannot change their own budget; others cannot create departments', async () => {
    const res = await host.call('PATCH', '/api/v1/departments/marketing', {
      token: tokens.bob,
      body: { budget: { limitAud: '1000' } },
    });
    expect(res.status).toBe(403);
    const create = await host.call('POST', '/api/v1/departments', {
      token: tokens.fiona,
      body: { id: 'rogue', name: 'Rogue', budget: { limitAud: '1', mode: 'warn' } },
    });
    expect(create.status).toBe(403);
  });

  it('audits every change with before and after, and every denial; the chain verifies', async () => {
    const page = await host.store.query<{
      event: { action: string; outcome: string; target: { id: string } };
    }>('audit', {
      orderBy: { field: 'seq', direction: 'asc' },
      limit: 200,
    });
    const events = page.items.map((d) => d.data.event);
    const update = events.find((e) => e.action === 'department.updated' && e.target.id === 'engineering') as
      { before: { budget: { limitAud: string } }; after: { budget: { limitAud: string } } } | undefined;
    expect(update?.before.budget.limitAud).toBe('10.0000');
    expect(update?.after.budget.limitAud).toBe('12.3456');
    expect(events.some((e) => e.action === 'department.created' && e.target.id === 'legal')).toBe(true);
    expect(events.filter((e) => e.outcome === 'denied').length).toBeGreaterThanOrEqual(4);
    const tenant = page.items[0]!.pk;
    expect(await host.audit.verify(tenant)).toMatchObject({ ok: true, checked: page.items.length });
  });
});
