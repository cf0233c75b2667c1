// The first administrator of a new deployment (issue #13). Everyone who signs in is provisioned as a standard user
// and only an admin can change roles, so someone with access to the store (the operator who deployed it) names the
// first org or super admin by Entra object id: `npm run admin:grant`. The rule to keep: this is a change like any
// other, audited (actor: the named operator through this tool) or undone, never a silent write.
import { z } from 'zod';
import { roleRank } from '@donatello/contracts';
import { auditOrUndo, type AuditTrail } from '../audit/trail.ts';
import type { UserRepository } from './repository.ts';
import type { UserRecord } from './record.ts';
import { userView } from './view.ts';

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a GUID');

export const GrantAdmin = z.strictObject({
  tenantId: guid.transform((v) => v.toLowerCase()),
  objectId: guid.transform((v) => v.toLowerCase()),
  role: z.enum(['org_admin', 'super_admin']).default('org_admin'),
  /** Who runs the tool (recorded in the audit event). */
  by: z.string().min(1).max(200),
  /** Display name for someone who has not signed in yet. */
  name: z.string().min(1).max(200).optional(),
});
export type GrantAdmin = z.input<typeof GrantAdmin>;

export interface GrantResult {
  user: ReturnType<typeof userView>;
  change: 'created' | 'promoted' | 'unchanged';
}

export async function grantAdmin(
  users: UserRepository,
  audit: AuditTrail,
  input: GrantAdmin,
  now: () => Date = () => new Date(),
): Promise<GrantResult> {
  const g = GrantAdmin.parse(input);
  const actor = { system: `admin-cli:${g.by}` };
  for (let attempt = 0; attempt < 5; attempt++) {
    const doc = await users.get(g.tenantId, g.objectId);
    const at = now().toISOString();
    if (!doc) {
      const rec: UserRecord = {
        tenantId: g.tenantId,
        objectId: g.objectId,
        displayName: g.name ?? 'Administrator (not signed in yet)',
        username: null,
        role: g.role,
        departmentId: null,
        createdAt: at,
        updatedAt: at,
      };
      const created = await users.create(rec);
      if (!created) continue; // signed in meanwhile: promote instead
      await auditOrUndo(
        audit,
        {
          tenantId: g.tenantId,
          actor,
          action: 'user.provisioned',
          target: { type: 'user', id: g.objectId, departmentId: null },
          outcome: 'success',
          after: userView(rec),
          details: { tool: 'admin:grant' },
        },
        () => users.delete(g.tenantId, g.objectId, created.version),
      );
      return { user: userView(rec), change: 'created' };
    }
    const before = doc.data;
    if (roleRank(before.role) >= roleRank(g.role)) return { user: userView(before), change: 'unchanged' };
    const after: UserRecord = { ...before, role: g.role, updatedAt: at };
    const saved = await users.replace(after, doc.version);
    if (!saved) continue;
    await auditOrUndo(
      audit,
      {
        tenantId: g.tenantId,
        actor,
        action: 'user.updated',
        target: { type: 'user', id: g.objectId, departmentId: before.departmentId },
        outcome: 'success',
        before: { role: before.role, departmentId: before.departmentId },
        after: { role: after.role, departmentId: after.departmentId },
        details: { tool: 'admin:grant' },
      },
      () => users.replace(before, saved.version),
    );
    return { user: userView(after), change: 'promoted' };
  }
  throw new Error('the user kept changing; try again');
}
