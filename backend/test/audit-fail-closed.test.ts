// Fail-closed auditing: when the audit trail cannot be written, the change it would record is undone and the
// operation fails. The audit trail here runs on a store connection that has been closed (a real failure).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SqliteStore } from '../src/adapters/sqlite/sqlite-store.ts';
import { DepartmentRepository } from '../src/departments/repository.ts';
import { UserRepository } from '../src/users/repository.ts';
import { AuditTrail } from '../src/audit/trail.ts';
import { Authorizer } from '../src/authorization/authorizer.ts';
import { DepartmentService } from '../src/departments/service.ts';
import { UserService } from '../src/users/service.ts';
import { seedDevTenant, devObjectId } from '../src/dev/seed.ts';
import type { Actor } from '../src/users/record.ts';

const dir = mkdtempSync(join(tmpdir(), 'donatello-failclosed-'));
const TENANT = '6b0c2d4e-0000-4000-8000-00000000da11';
/** What the closed audit store answers: each operation must fail with the audit's own error, not another. */
const AUDIT_DOWN = /the store is closed/;
let store: SqliteStore;
let departments: DepartmentRepository;
let users: UserRepository;
let deptService: DepartmentService;
let userService: UserService;
let carol: Actor;

beforeAll(async () => {
  store = new SqliteStore(join(dir, 'main.db'));
  departments = new DepartmentRepository(store);
  users = new UserRepository(store);
  const log = pino({ level: 'silent' });
  await seedDevTenant(TENANT, departments, users, new AuditTrail(store, log));
  const broken = new SqliteStore(join(dir, 'audit.db'));
  await broken.close();
  const audit = new AuditTrail(broken, log);
  deptService = new DepartmentService(departments, new Authorizer(audit), audit);
  userService = new UserService(users, departments, new Authorizer(audit), audit);
  carol = { user: (await users.get(TENANT, devObjectId('carol')))!.data, issuer: 'dev' };
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a department update is undone when it cannot be audited', async () => {
  await expect(deptService.update(carol, 'finance', { budget: { limitAud: '999' } })).rejects.toThrow(
    AUDIT_DOWN,
  );
  expect((await departments.get(TENANT, 'finance'))?.data.budget.limitMicros).toBe(2_000_000);
});

it('a department create is undone when it cannot be audited', async () => {
  await expect(
    deptService.create(carol, {
      id: 'ghost',
      name: 'Ghost',
      budget: {
        limitAud: '1',
        mode: 'hard',
        thresholds: [80, 90, 100],
        resetDay: 1,
        timeZone: 'Australia/Sydney',
      },
      policy: { residency: 'any', allowedProviders: [], piiAction: 'block' },
    }),
  ).rejects.toThrow(AUDIT_DOWN);
  expect(await departments.get(TENANT, 'ghost')).toBeNull();
});

it('a role change is undone when it cannot be audited', async () => {
  await expect(userService.update(carol, devObjectId('alice'), { role: 'power_user' })).rejects.toThrow(
    AUDIT_DOWN,
  );
  expect((await users.get(TENANT, devObjectId('alice')))?.data.role).toBe('standard_user');
});

it('a first sign-in is undone when it cannot be audited, so the next sign-in tries again', async () => {
  const principal = {
    tenantId: TENANT,
    objectId: '99999999-9999-4999-8999-999999999999',
    name: 'New Person',
    username: null,
    scopes: ['access_as_user'],
    issuer: 'entra' as const,
  };
  await expect(userService.resolve(principal)).rejects.toThrow(AUDIT_DOWN);
  expect(await users.get(TENANT, principal.objectId)).toBeNull();
});

it('a denial that cannot be audited still denies', async () => {
  const alice: Actor = { user: (await users.get(TENANT, devObjectId('alice')))!.data, issuer: 'dev' };
  await expect(deptService.list(alice, null, 10)).rejects.toThrow(AUDIT_DOWN);
});
