import { describe, expect, it } from 'vitest';
import type { Role } from '@donatello/contracts';
import { denialReason, type Action } from './permissions.ts';
import type { UserRecord } from '../users/record.ts';

const user = (name: string, role: Role, departmentId: string | null): UserRecord => ({
  tenantId: 't',
  objectId: name,
  displayName: name,
  username: null,
  role,
  departmentId,
  createdAt: '',
  updatedAt: '',
});
const alice = user('alice', 'standard_user', 'marketing');
const dave = user('dave', 'power_user', 'finance');
const bob = user('bob', 'dept_manager', 'marketing');
const carol = user('carol', 'org_admin', 'engineering');
const erin = user('erin', 'super_admin', null);

const allowed = (actor: UserRecord, action: Action, target = {}) =>
  denialReason(actor, action, target) === null;

describe('permissions', () => {
  it('department administration: admins everywhere, managers read their own, others nothing', () => {
    expect(allowed(alice, 'department.list')).toBe(false);
    expect(allowed(dave, 'department.read', { departmentId: 'finance' })).toBe(false);
    expect(allowed(bob, 'department.list')).toBe(true);
    expect(allowed(bob, 'department.read', { departmentId: 'marketing' })).toBe(true);
    expect(allowed(bob, 'department.read', { departmentId: 'finance' })).toBe(false);
    expect(allowed(bob, 'department.update', { departmentId: 'marketing' })).toBe(false);
    expect(allowed(carol, 'department.update', { departmentId: 'finance' })).toBe(true);
    expect(allowed(carol, 'department.create')).toBe(true);
    expect(allowed(erin, 'department.read', { departmentId: 'marketing' })).toBe(true);
  });

  it('role changes follow the ladder', () => {
    const upd = (actor: UserRecord, subject: UserRecord, change: object) =>
      allowed(actor, 'user.update', { user: subject, departmentId: subject.departmentId, ...change });
    expect(upd(bob, alice, { newRole: 'power_user' })).toBe(true);
    expect(upd(bob, alice, { newRole: 'dept_manager' })).toBe(false);
    expect(upd(bob, dave, { newRole: 'standard_user' })).toBe(false);
    expect(upd(bob, alice, { newDepartmentId: 'finance' })).toBe(false);
    expect(upd(bob, bob, { newRole: 'org_admin' })).toBe(false);
    expect(upd(bob, bob, { newRole: 'standard_user' })).toBe(true);
    expect(upd(carol, carol, { newRole: 'super_admin' })).toBe(false);
    expect(upd(carol, dave, { newRole: 'org_admin' })).toBe(true);
    expect(upd(carol, dave, { newRole: 'super_admin' })).toBe(false);
    expect(upd(carol, erin, { newRole: 'standard_user' })).toBe(false);
    expect(upd(erin, carol, { newRole: 'super_admin' })).toBe(true);
    const bob2 = user('bob2', 'dept_manager', 'marketing');
    const carol2 = user('carol2', 'org_admin', 'engineering');
    expect(upd(bob, bob2, { newRole: 'standard_user' })).toBe(false);
    expect(upd(carol, carol2, { newRole: 'standard_user' })).toBe(false);
    expect(upd(carol, bob, { newRole: 'standard_user' })).toBe(true);
    expect(upd(alice, alice, { newRole: 'power_user' })).toBe(false);
    expect(upd(dave, alice, { newRole: 'standard_user' })).toBe(false);
  });
});
