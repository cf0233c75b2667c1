// A stored user -> its API view (contracts).
import type { UserView } from '@donatello/contracts';
import type { UserRecord } from './record.ts';

export function userView(u: UserRecord): UserView {
  return {
    id: u.objectId,
    tenantId: u.tenantId,
    objectId: u.objectId,
    displayName: u.displayName,
    username: u.username,
    role: u.role,
    departmentId: u.departmentId,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}
