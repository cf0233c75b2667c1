// Users: sign-in resolution (token principal -> stored user), listing, role and department changes.
import type { Page, UpdateUserRequest, UserView } from '@donatello/contracts';
import { NotFoundError, ValidationError, ConflictError } from '../domain/errors.ts';
import type { Actor, UserRecord } from './record.ts';
import type { Principal } from '../identity/principal.ts';
import type { DepartmentRepository } from '../departments/repository.ts';
import type { UserRepository } from './repository.ts';
import { auditOrUndo, type AuditTrail } from '../audit/trail.ts';
import { auditActor, type Authorizer } from '../authorization/authorizer.ts';
import { userView } from './view.ts';

export class UserService {
  private readonly users: UserRepository;
  private readonly departments: DepartmentRepository;
  private readonly authz: Authorizer;
  private readonly audit: AuditTrail;
  private readonly now: () => Date;
  constructor(
    users: UserRepository,
    departments: DepartmentRepository,
    authz: Authorizer,
    audit: AuditTrail,
    now: () => Date = () => new Date(),
  ) {
    this.users = users;
    this.departments = departments;
    this.authz = authz;
    this.audit = audit;
    this.now = now;
  }

  /**
   * The stored user for a verified token. A first sign-in creates the user as a standard user with no
   * department (an admin, or Graph through on-behalf-of, assigns one later).
   */
  async resolve(principal: Principal): Promise<UserRecord> {
    const existing = await this.users.get(principal.tenantId, principal.objectId);
    if (existing) return existing.data;
    const at = this.now().toISOString();
    const rec: UserRecord = {
      tenantId: principal.tenantId,
      objectId: principal.objectId,
      displayName: principal.name ?? 'Unnamed user',
      username: principal.username,
      role: 'standard_user',
      departmentId: null,
      createdAt: at,
      updatedAt: at,
    };
    const created = await this.users.create(rec);
    if (!created) {
      const raced = await this.users.get(principal.tenantId, principal.objectId);
      if (raced) return raced.data;
      throw new Error('user vanished during sign-in');
    }
    await auditOrUndo(
      this.audit,
      {
        tenantId: rec.tenantId,
        actor: { oid: rec.objectId, tid: rec.tenantId },
        action: 'user.provisioned',
        target: { type: 'user', id: rec.objectId, departmentId: null },
        outcome: 'success',
        after: userView(rec),
        details: { issuer: principal.issuer },
      },
      () => this.users.delete(rec.tenantId, rec.objectId, created.version),
    );
    return rec;
  }

  async list(
    actor: Actor,
    opts: { departmentId?: string; cursor: string | null; limit: number },
  ): Promise<Page<UserView>> {
    await this.authz.require(actor, 'user.list', {
      type: 'user',
      id: '*',
      departmentId: opts.departmentId ?? null,
    });
    // A department manager sees only their department, whatever filter they ask for.
    let departmentId = opts.departmentId;
    if (actor.user.role === 'dept_manager') {
      const own = actor.user.departmentId;
      if (!own || (departmentId && departmentId !== own)) return { items: [], nextCursor: null };
      departmentId = own;
    }
    const page = await this.users.list(actor.user.tenantId, {
      ...(departmentId ? { departmentId } : {}),
      cursor: opts.cursor,
      limit: opts.limit,
    });
    return { items: page.items.map((d) => userView(d.data)), nextCursor: page.nextCursor };
  }

  async update(actor: Actor, objectId: string, change: UpdateUserRequest): Promise<UserView> {
    const tenant = actor.user.tenantId;
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = await this.users.get(tenant, objectId);
      if (!doc) {
        await this.authz.require(actor, 'user.list', { type: 'user', id: objectId });
        throw new NotFoundError(`User "${objectId}"`);
      }
      const before = doc.data;
      await this.authz.require(actor, 'user.update', {
        type: 'user',
        id: objectId,
        departmentId: before.departmentId,
        user: before,
        ...(change.role !== undefined ? { newRole: change.role } : {}),
        ...(change.departmentId !== undefined ? { newDepartmentId: change.departmentId } : {}),
      });
      if (change.departmentId && !(await this.departments.get(tenant, change.departmentId))) {
        throw new ValidationError(`Department "${change.departmentId}" does not exist`, [
          { path: 'departmentId', message: 'no such department' },
        ]);
      }
      const after: UserRecord = {
        ...before,
        ...(change.role !== undefined ? { role: change.role } : {}),
        ...(change.departmentId !== undefined ? { departmentId: change.departmentId } : {}),
        updatedAt: this.now().toISOString(),
      };
      const saved = await this.users.replace(after, doc.version);
      if (!saved) continue;
      await auditOrUndo(
        this.audit,
        {
          ...auditActor(actor),
          action: 'user.updated',
          target: { type: 'user', id: objectId, departmentId: after.departmentId },
          outcome: 'success',
          before: { role: before.role, departmentId: before.departmentId },
          after: { role: after.role, departmentId: after.departmentId },
        },
        () => this.users.replace(before, saved.version),
      );
      return userView(after);
    }
    throw new ConflictError('The user changed while saving; try again');
  }
}
