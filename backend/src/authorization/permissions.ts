// The one permission check every route and service uses (DESIGN §6). Rules live here and nowhere else.
import { roleRank, type Role } from '@donatello/contracts';
import type { UserRecord } from '../users/record.ts';

export type Action =
  | 'department.list'
  | 'department.read'
  | 'department.create'
  | 'department.update'
  | 'user.list'
  | 'user.read'
  | 'user.update'
  | 'audit.read'
  | 'audit.verify'
  | 'audit.export'
  | 'generation.read'
  | 'generation.delete'
  | 'generation.list.department'
  | 'generation.list.all'
  | 'approval.read'
  | 'approval.decide'
  | 'usage.read';

export interface Target {
  /** The department the resource belongs to, when it belongs to one. */
  departmentId?: string | null;
  /** For user updates: the user being changed and the change asked for. */
  user?: UserRecord;
  /** For generations and images: who asked for it. */
  ownerOid?: string;
  /** For approvals: who was asked, and the requester's line manager (from Graph) if they were. */
  approverOids?: string[];
  lineManagerOid?: string | null;
  newRole?: Role;
  newDepartmentId?: string | null;
}

const atLeast = (actor: UserRecord, role: Role) => roleRank(actor.role) >= roleRank(role);
const isAdmin = (actor: UserRecord) => atLeast(actor, 'org_admin');
const managesDept = (actor: UserRecord, dept: string | null | undefined) =>
  actor.role === 'dept_manager' && dept != null && actor.departmentId === dept;

/**
 * Who may decide an approval now: the tenant's admins (any request, orphaned ones included), the current managers
 * of its department, or the requester's line manager named on it. Judged by the role and department the decider
 * has at this moment, never by who was asked when the request was made.
 */
function approverNow(actor: UserRecord, t: Target): boolean {
  return (
    isAdmin(actor) ||
    managesDept(actor, t.departmentId) ||
    (t.lineManagerOid != null && t.lineManagerOid === actor.objectId)
  );
}

/** Returns a reason when the action is not allowed, or null when it is. */
export function denialReason(actor: UserRecord, action: Action, target: Target = {}): string | null {
  switch (action) {
    case 'department.list':
    case 'user.list':
    case 'audit.read':
    case 'audit.verify':
    case 'audit.export':
      // Managers too: the audit service narrows a manager to their own department's records.
      return isAdmin(actor) || actor.role === 'dept_manager' ? null : 'managers and admins only';
    case 'department.read':
    case 'user.read':
      return isAdmin(actor) || managesDept(actor, target.departmentId) ? null : 'not your department';
    case 'department.create':
    case 'department.update':
      // Managers can read their budget but not change it: a manager raising their own limit defeats the control.
      return isAdmin(actor) ? null : 'admins only';
    case 'user.update':
      return userUpdateDenial(actor, target);
    case 'generation.read':
      // The owner; power users and managers of the same department; admins.
      if (target.ownerOid === actor.objectId || isAdmin(actor)) return null;
      return (actor.role === 'power_user' || actor.role === 'dept_manager') &&
        target.departmentId != null &&
        actor.departmentId === target.departmentId
        ? null
        : 'not yours and not your department';
    case 'generation.delete':
      return target.ownerOid === actor.objectId || isAdmin(actor) || managesDept(actor, target.departmentId)
        ? null
        : 'only the owner, their manager or an admin deletes an image';
    case 'generation.list.department':
      return atLeast(actor, 'power_user') && actor.departmentId
        ? null
        : 'power users, managers and admins only';
    case 'generation.list.all':
      return isAdmin(actor) ? null : 'admins only';
    case 'approval.read':
      // Rights follow people: a manager who was demoted or moved no longer reads the department's requests.
      return target.ownerOid === actor.objectId || approverNow(actor, target)
        ? null
        : 'not your request and not yours to decide';
    case 'approval.decide':
      if (target.ownerOid === actor.objectId) return 'nobody approves their own request';
      if (approverNow(actor, target)) return null;
      return target.approverOids?.includes(actor.objectId)
        ? 'you no longer manage this department'
        : 'you are not an approver of this request';
    case 'usage.read':
      return isAdmin(actor) || managesDept(actor, target.departmentId) ? null : 'managers and admins only';
  }
}

function userUpdateDenial(actor: UserRecord, t: Target): string | null {
  const subject = t.user;
  if (!subject) return 'no user';
  const self = subject.objectId === actor.objectId && subject.tenantId === actor.tenantId;
  if (t.newRole !== undefined) {
    if (self && roleRank(t.newRole) > roleRank(subject.role)) return 'nobody raises their own role';
    if (roleRank(t.newRole) > roleRank(actor.role)) return 'cannot grant a role above your own';
  }
  // Peers cannot demote each other: only a higher role changes a user (super admins may change anyone).
  if (!self && actor.role !== 'super_admin' && roleRank(subject.role) >= roleRank(actor.role)) {
    return 'cannot change a user at or above your role';
  }
  if (isAdmin(actor)) return null;
  if (actor.role === 'dept_manager') {
    if (!managesDept(actor, subject.departmentId))
      return 'a department manager manages only their department';
    if (t.newDepartmentId !== undefined && t.newDepartmentId !== subject.departmentId) {
      return 'only admins move users between departments';
    }
    if (t.newRole !== undefined && roleRank(t.newRole) >= roleRank('dept_manager')) {
      return 'only admins appoint managers';
    }
    return null;
  }
  return 'managers and admins only';
}
