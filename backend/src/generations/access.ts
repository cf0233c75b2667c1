// Who may see, list and delete generations (issue #3): the owner; power users and managers of the same
// department; admins. Denials are audited through the Authorizer like every other one.
import type { Condition } from '../ports/store.ts';
import type { Actor } from '../users/record.ts';
import type { Authorizer } from '../authorization/authorizer.ts';
import type { GenerationRecord } from './record.ts';

export type Scope = 'mine' | 'department' | 'all';

export async function requireRead(
  authz: Authorizer,
  actor: Actor,
  id: string,
  g: GenerationRecord,
): Promise<void> {
  await authz.require(actor, 'generation.read', {
    type: 'generation',
    id,
    departmentId: g.departmentId,
    ownerOid: g.owner.oid,
  });
}

export async function requireDelete(
  authz: Authorizer,
  actor: Actor,
  id: string,
  g: GenerationRecord,
): Promise<void> {
  await authz.require(actor, 'generation.delete', {
    type: 'generation',
    id,
    departmentId: g.departmentId,
    ownerOid: g.owner.oid,
  });
}

/** The store conditions for a list scope, after checking the caller may use it. */
export async function scopeConditions(authz: Authorizer, actor: Actor, scope: Scope): Promise<Condition[]> {
  const u = actor.user;
  if (scope === 'mine') return [{ field: 'owner.oid', op: '=', value: u.objectId }];
  if (scope === 'department') {
    await authz.require(actor, 'generation.list.department', {
      type: 'generation',
      id: '*',
      departmentId: u.departmentId,
    });
    return [{ field: 'departmentId', op: '=', value: u.departmentId }];
  }
  await authz.require(actor, 'generation.list.all', { type: 'generation', id: '*' });
  return [];
}
