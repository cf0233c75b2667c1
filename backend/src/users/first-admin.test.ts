// The first administrator: made through the store, audited, idempotent, never a demotion.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../adapters/sqlite/sqlite-store.ts';
import { AuditTrail, type AuditRecord } from '../audit/trail.ts';
import { UserRepository } from './repository.ts';
import { grantAdmin } from './first-admin.ts';

const dir = mkdtempSync(join(tmpdir(), 'donatello-first-admin-'));
const store = new SqliteStore(join(dir, 'db.sqlite'));
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});
const users = new UserRepository(store);
const audit = new AuditTrail(store, pino({ level: 'silent' }));
const T = '22222222-2222-4222-8222-222222222222';

async function records() {
  const page = await store.query<AuditRecord>('audit', {
    pk: T,
    orderBy: { field: 'seq', direction: 'asc' },
    limit: 50,
  });
  return page.items.map((d) => d.data.event);
}

describe('grantAdmin', () => {
  it('creates someone who has not signed in yet, promotes an existing user, and audits both', async () => {
    const made = await grantAdmin(users, audit, {
      tenantId: T,
      objectId: 'AAAAAAAA-0000-4000-8000-000000000001',
      name: 'Priya (IT)',
      by: 'ops@contoso',
    });
    expect(made).toMatchObject({ change: 'created', user: { role: 'org_admin', displayName: 'Priya (IT)' } });
    expect((await users.get(T, 'aaaaaaaa-0000-4000-8000-000000000001'))?.data.role).toBe('org_admin');

    const again = await grantAdmin(users, audit, {
      tenantId: T,
      objectId: 'aaaaaaaa-0000-4000-8000-000000000001',
      role: 'super_admin',
      by: 'ops@contoso',
    });
    expect(again.change).toBe('promoted');
    // Never a demotion, and a repeat changes nothing.
    expect(
      (
        await grantAdmin(users, audit, {
          tenantId: T,
          objectId: 'aaaaaaaa-0000-4000-8000-000000000001',
          by: 'x',
        })
      ).change,
    ).toBe('unchanged');

    const events = await records();
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ['user.provisioned', { system: 'admin-cli:ops@contoso' }],
      ['user.updated', { system: 'admin-cli:ops@contoso' }],
    ]);
    expect(events[1]).toMatchObject({ before: { role: 'org_admin' }, after: { role: 'super_admin' } });
    expect(await audit.verify(T)).toMatchObject({ ok: true, checked: 2 });
  });

  it('refuses what is not a tenant, a user or an admin role', async () => {
    await expect(grantAdmin(users, audit, { tenantId: 'contoso', objectId: T, by: 'x' })).rejects.toThrow(
      /GUID/,
    );
    await expect(
      grantAdmin(users, audit, { tenantId: T, objectId: T, role: 'dept_manager' as 'org_admin', by: 'x' }),
    ).rejects.toThrow(/org_admin/);
    await expect(grantAdmin(users, audit, { tenantId: T, objectId: T, by: '' })).rejects.toThrow();
  });
});
