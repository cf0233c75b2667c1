// The seeded development tenant (DESIGN §10). Seeding is create-if-absent, so restarts never overwrite what
// an admin changed, and two instances starting together seed once.
import { createHash } from 'node:crypto';
import type { Role } from '@donatello/contracts';
import type { DepartmentRecord } from '../departments/record.ts';
import { audToMicros } from '../domain/money.ts';
import type { UserRecord } from '../users/record.ts';
import type { DepartmentRepository } from '../departments/repository.ts';
import type { UserRepository } from '../users/repository.ts';
import type { AuditTrail } from '../audit/trail.ts';

export interface DevUser {
  name: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
}

export const DEV_USERS: DevUser[] = [
  { name: 'alice', displayName: 'Alice Nguyen', role: 'standard_user', departmentId: 'marketing' },
  { name: 'bob', displayName: 'Bob Smith', role: 'dept_manager', departmentId: 'marketing' },
  { name: 'dave', displayName: 'Dave Wilson', role: 'power_user', departmentId: 'finance' },
  { name: 'fiona', displayName: 'Fiona Chen', role: 'dept_manager', departmentId: 'finance' },
  { name: 'carol', displayName: 'Carol Jones', role: 'org_admin', departmentId: 'engineering' },
  { name: 'erin', displayName: 'Erin Brown', role: 'super_admin', departmentId: null },
];

export const DEV_DEPARTMENTS: {
  id: string;
  name: string;
  mode: 'hard' | 'soft' | 'warn';
  limitAud: string;
}[] = [
  { id: 'marketing', name: 'Marketing', mode: 'soft', limitAud: '5.00' },
  { id: 'finance', name: 'Finance', mode: 'hard', limitAud: '2.00' },
  { id: 'engineering', name: 'Engineering', mode: 'warn', limitAud: '10.00' },
];

/** A stable GUID per seeded user, so tokens and records survive restarts and resets. */
export function devObjectId(name: string): string {
  const h = createHash('sha256').update(`donatello-dev-user:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const devUsername = (name: string) => `${name}@donatello.dev`;

export async function seedDevTenant(
  tenantId: string,
  departments: DepartmentRepository,
  users: UserRepository,
  audit: AuditTrail,
  now = new Date(),
): Promise<{ departments: number; users: number }> {
  const at = now.toISOString();
  const created = { departments: 0, users: 0 };
  for (const d of DEV_DEPARTMENTS) {
    const rec: DepartmentRecord = {
      tenantId,
      name: d.name,
      budget: {
        limitMicros: audToMicros(d.limitAud),
        mode: d.mode,
        thresholds: [80, 90, 100],
        resetDay: 1,
        timeZone: 'Australia/Sydney',
      },
      policy: { residency: 'any', allowedProviders: [], piiAction: 'block' },
      createdAt: at,
      updatedAt: at,
    };
    if (await departments.create(d.id, rec)) {
      created.departments++;
      await audit.append({
        tenantId,
        actor: { system: 'dev-seed' },
        action: 'department.created',
        target: { type: 'department', id: d.id, departmentId: d.id },
        outcome: 'success',
      });
    }
  }
  for (const u of DEV_USERS) {
    const rec: UserRecord = {
      tenantId,
      objectId: devObjectId(u.name),
      displayName: u.displayName,
      username: devUsername(u.name),
      role: u.role,
      departmentId: u.departmentId,
      createdAt: at,
      updatedAt: at,
    };
    if (await users.create(rec)) {
      created.users++;
      await audit.append({
        tenantId,
        actor: { system: 'dev-seed' },
        action: 'user.provisioned',
        target: { type: 'user', id: rec.objectId, departmentId: rec.departmentId },
        outcome: 'success',
        after: { role: rec.role, departmentId: rec.departmentId },
      });
    }
  }
  return created;
}
