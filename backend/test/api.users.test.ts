// User administration through the REST API: role ladder, department scoping, no self-promotion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from './support/host.ts';

let host: TestHost;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
beforeAll(async () => {
  host = await startTestHost();
  for (const u of ['alice', 'bob', 'dave', 'fiona', 'carol', 'erin']) tokens[u] = await host.token(u);
  const seeded = await host.call('GET', '/dev/users');
  for (const u of seeded.body.users as { name: string; objectId: string }[]) ids[u.name] = u.objectId;
});
afterAll(async () => {
  await host.stop();
});

const patch = (actor: string, user: string, body: unknown) =>
  host.call('PATCH', `/api/v1/users/${ids[user]}`, { token: tokens[actor], body });

describe('listing users', () => {
  it('an org admin lists everyone, optionally by department', async () => {
    const all = await host.call('GET', '/api/v1/users', { token: tokens.carol });
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(6);
    const finance = await host.call('GET', '/api/v1/users?departmentId=finance', { token: tokens.carol });
    expect(finance.body.items.map((u: { displayName: string }) => u.displayName).sort()).toEqual([
      'Dave Wilson',
      'Fiona Chen',
    ]);
  });

  it('a department manager sees only their department, whatever they ask for', async () => {
    const own = await host.call('GET', '/api/v1/users', { token: tokens.bob });
    expect(own.body.items.map((u: { departmentId: string }) => u.departmentId)).toEqual([
      'marketing',
      'marketing',
    ]);
    const other = await host.call('GET', '/api/v1/users?departmentId=finance', { token: tokens.bob });
    expect(other.body.items).toEqual([]);
  });

  it('standard and power users cannot list users', async () => {
    expect((await host.call('GET', '/api/v1/users', { token: tokens.alice })).status).toBe(403);
    expect((await host.call('GET', '/api/v1/users', { token: tokens.dave })).status).toBe(403);
  });

  it('users are identified by object id, never by email', async () => {
    const all = await host.call('GET', '/api/v1/users', { token: tokens.erin });
    expect(all.body.items.length).toBeGreaterThanOrEqual(6); // the seeded tenant
    for (const u of all.body.items as { id: string; objectId: string }[]) {
      expect(u.id).toBe(u.objectId);
      expect(u.id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('changing roles and departments', () => {
  it('a manager promotes a member of their department to power user, but not to manager', async () => {
    const ok = await patch('bob', 'alice', { role: 'power_user' });
    expect(ok.status).toBe(200);
    expect(ok.body.role).toBe('power_user');
    expect((await patch('bob', 'alice', { role: 'dept_manager' })).status).toBe(403);
    expect((await patch('bob', 'alice', { role: 'standard_user' })).status).toBe(200);
  });

  it('a manager cannot touch another department or move people between departments', async () => {
    expect((await patch('bob', 'dave', { role: 'standard_user' })).status).toBe(403);
    expect((await patch('bob', 'alice', { departmentId: 'finance' })).status).toBe(403);
  });

  it('nobody raises their own role', async () => {
    expect((await patch('bob', 'bob', { role: 'org_admin' })).status).toBe(403);
    expect((await patch('carol', 'carol', { role: 'super_admin' })).status).toBe(403);
    expect((await patch('alice', 'alice', { role: 'power_user' })).status).toBe(403);
  });

  it('an org admin cannot grant super admin or change a super admin; a super admin can', async () => {
    expect((await patch('carol', 'dave', { role: 'super_admin' })).status).toBe(403);
    expect((await patch('carol', 'erin', { role: 'standard_user' })).status).toBe(403);
    const ok = await patch('erin', 'carol', { role: 'org_admin', departmentId: 'marketing' });
    expect(ok.status).toBe(200);
    expect(ok.body.departmentId).toBe('marketing');
  });

  it('an org admin moves a user; an unknown department is a validation error', async () => {
    const moved = await patch('carol', 'dave', { departmentId: 'engineering' });
    expect(moved.body.departmentId).toBe('engineering');
    const me = await host.call('GET', '/api/v1/me', { token: tokens.dave });
    expect(me.body.department).toEqual({ id: 'engineering', name: 'Engineering' });
    const bad = await patch('carol', 'dave', { departmentId: 'atlantis' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('departmentId');
  });

  it('validates the body and the id', async () => {
    expect((await patch('carol', 'dave', { role: 'god' })).status).toBe(400);
    expect((await patch('carol', 'dave', {})).status).toBe(400);
    const badId = await host.call('PATCH', '/api/v1/users/not-a-guid', {
      token: tokens.carol,
      body: { role: 'power_user' },
    });
    expect(badId.status).toBe(400);
    const unknown = await host.call('PATCH', '/api/v1/users/00000000-0000-4000-8000-000000000000', {
      token: tokens.carol,
      body: { role: 'power_user' },
    });
    expect(unknown.status).toBe(404);
  });

  it('role changes are audited with before and after', async () => {
    const page = await host.store.query<{
      event: { action: string; target: { id: string }; before: unknown; after: unknown };
    }>('audit', { where: [{ field: 'event.action', op: '=', value: 'user.updated' }], limit: 200 });
    const promotions = page.items.map((d) => d.data.event).filter((e) => e.target.id === ids.alice);
    expect(promotions[0]).toMatchObject({ before: { role: 'standard_user' }, after: { role: 'power_user' } });
  });
});
