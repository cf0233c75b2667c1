// Department administration: budget settings and policy (enforcement lives in the budget engine).
import type {
  CreateDepartmentRequest,
  DepartmentView,
  Page,
  UpdateDepartmentRequest,
} from '@donatello/contracts';
import type { DepartmentRecord } from './record.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import { audToMicros } from '../domain/money.ts';
import type { Actor } from '../users/record.ts';
import type { DepartmentRepository } from './repository.ts';
import { auditOrUndo, type AuditTrail } from '../audit/trail.ts';
import { auditActor, type Authorizer } from '../authorization/authorizer.ts';
import type { BudgetPort } from '../ports/budget.ts';
import { departmentView } from './view.ts';

/** Where a budget change takes effect for money (the budget engine's counter, budgets/settings.ts). */
export type BudgetSettingsSink = Pick<BudgetPort, 'applySettings'>;

export class DepartmentService {
  private readonly repo: DepartmentRepository;
  private readonly authz: Authorizer;
  private readonly audit: AuditTrail;
  private readonly budget: BudgetSettingsSink | null;
  private readonly now: () => Date;
  constructor(
    repo: DepartmentRepository,
    authz: Authorizer,
    audit: AuditTrail,
    budget: BudgetSettingsSink | null = null,
    now: () => Date = () => new Date(),
  ) {
    this.repo = repo;
    this.authz = authz;
    this.audit = audit;
    this.budget = budget;
    this.now = now;
  }

  async list(actor: Actor, cursor: string | null, limit: number): Promise<Page<DepartmentView>> {
    await this.authz.require(actor, 'department.list', { type: 'department', id: '*' });
    const tenant = actor.user.tenantId;
    if (actor.user.role === 'dept_manager') {
      // A manager sees only their own department.
      const own = actor.user.departmentId ? await this.repo.get(tenant, actor.user.departmentId) : null;
      return { items: own ? [departmentView(own.id, own.data)] : [], nextCursor: null };
    }
    const page = await this.repo.list(tenant, cursor, limit);
    return { items: page.items.map((d) => departmentView(d.id, d.data)), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<DepartmentView> {
    await this.authz.require(actor, 'department.read', { type: 'department', id, departmentId: id });
    const doc = await this.repo.get(actor.user.tenantId, id);
    if (!doc) throw new NotFoundError(`Department "${id}"`);
    return departmentView(doc.id, doc.data);
  }

  async create(actor: Actor, input: CreateDepartmentRequest): Promise<DepartmentView> {
    await this.authz.require(actor, 'department.create', {
      type: 'department',
      id: input.id,
      departmentId: input.id,
    });
    const at = this.now().toISOString();
    const rec: DepartmentRecord = {
      tenantId: actor.user.tenantId,
      name: input.name,
      budget: {
        limitMicros: audToMicros(input.budget.limitAud),
        mode: input.budget.mode,
        thresholds: input.budget.thresholds,
        resetDay: input.budget.resetDay,
        timeZone: input.budget.timeZone,
      },
      policy: input.policy,
      createdAt: at,
      updatedAt: at,
    };
    const created = await this.repo.create(input.id, rec);
    if (!created) throw new ConflictError(`Department "${input.id}" already exists`, 'already-exists');
    await auditOrUndo(
      this.audit,
      {
        ...auditActor(actor),
        action: 'department.created',
        target: { type: 'department', id: input.id, departmentId: input.id },
        outcome: 'success',
        after: departmentView(input.id, rec),
      },
      () => this.repo.delete(rec.tenantId, input.id, created.version),
    );
    return departmentView(input.id, rec);
  }

  async update(actor: Actor, id: string, patch: UpdateDepartmentRequest): Promise<DepartmentView> {
    await this.authz.require(actor, 'department.update', { type: 'department', id, departmentId: id });
    // Compare-and-set with a few retries: concurrent edits of different fields both land, none is lost.
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = await this.repo.get(actor.user.tenantId, id);
      if (!doc) throw new NotFoundError(`Department "${id}"`);
      const before = doc.data;
      const { limitAud, ...budgetRest } = patch.budget ?? {};
      // Every budget change gets the next revision; the counter enforces the newest it has seen.
      const budgetChanged = Object.keys(patch.budget ?? {}).length > 0;
      const rev = (before.budgetRev ?? 0) + 1;
      const after: DepartmentRecord = {
        ...before,
        name: patch.name ?? before.name,
        budget: {
          ...before.budget,
          ...budgetRest,
          ...(limitAud !== undefined ? { limitMicros: audToMicros(limitAud) } : {}),
        },
        policy: { ...before.policy, ...patch.policy },
        ...(budgetChanged ? { budgetRev: rev } : {}),
        updatedAt: this.now().toISOString(),
      };
      const saved = await this.repo.replace(id, after, doc.version);
      if (!saved) continue;
      const inForce = budgetChanged
        ? await this.putInForce(actor, id, before, after, rev, saved.version)
        : null;
      await auditOrUndo(
        this.audit,
        {
          ...auditActor(actor),
          action: 'department.updated',
          target: { type: 'department', id, departmentId: id },
          outcome: 'success',
          before: departmentView(id, before),
          after: departmentView(id, after),
          // What the budget stood at the instant the new settings took effect for money.
          ...(inForce ? { details: { budgetRev: rev, ...inForce } } : {}),
        },
        () => this.undo(actor, id, before, after, rev, saved.version, budgetChanged),
      );
      return departmentView(id, after);
    }
    throw new ConflictError('The department changed while saving; try again');
  }

  /**
   * Puts changed budget settings in force for money (the counter, budgets/settings.ts): every later reservation
   * and approval is checked against them. On failure the department change is undone and the request fails.
   */
  private async putInForce(
    actor: Actor,
    id: string,
    before: DepartmentRecord,
    after: DepartmentRecord,
    rev: number,
    version: string,
  ): Promise<{ spentMicros: number; reservedMicros: number } | null> {
    if (!this.budget) return null;
    try {
      return await this.budget.applySettings(
        { tenantId: actor.user.tenantId, departmentId: id, department: after },
        before,
      );
    } catch (err) {
      await this.undo(actor, id, before, after, rev, version, true);
      throw err;
    }
  }

  /**
   * Puts the department back. The old settings come back under a newer revision still: revisions never repeat,
   * so a counter that already took the undone settings cannot believe itself up to date.
   */
  private async undo(
    actor: Actor,
    id: string,
    before: DepartmentRecord,
    after: DepartmentRecord,
    rev: number,
    version: string,
    budgetChanged: boolean,
  ): Promise<void> {
    const restored = budgetChanged ? { ...before, budgetRev: rev + 1 } : before;
    const back = await this.repo.replace(id, restored, version);
    if (back && budgetChanged && this.budget) {
      await this.budget.applySettings(
        { tenantId: actor.user.tenantId, departmentId: id, department: restored },
        after,
      );
    }
  }
}
