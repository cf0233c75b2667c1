// Approvals of soft-limit overages (DESIGN §4). Approvers: the department's managers, else org admins; never
// the requester. A decision is a compare-and-set from `pending`: of any number of clicks exactly one wins and
// the rest learn who decided and when. Approved requests run as flagged overages; rejected and expired ones
// are closed and the requester is told.
import { randomUUID } from 'node:crypto';
import type { ApprovalView, Page, PersonRef } from '@donatello/contracts';
import type { Logger } from 'pino';
import { NotFoundError } from '../domain/errors.ts';
import type { Actor } from '../users/record.ts';
import type { BudgetPort, BudgetTarget } from '../ports/budget.ts';
import type { Notification, Notifier } from '../ports/notifier.ts';
import type { DocumentStore, Versioned } from '../ports/store.ts';
import type { DepartmentRepository } from '../departments/repository.ts';
import type { UserRepository } from '../users/repository.ts';
import { auditOrUndo, type AuditTrail } from '../audit/trail.ts';
import { auditActor, type Authorizer } from '../authorization/authorizer.ts';
import type { GenerationRecord } from '../generations/record.ts';
import type { GenerationWorker } from '../generations/worker.ts';
import type { Directory } from '../identity/graph-directory.ts';
import { AlreadyDecidedError, ApprovalExpiredError } from './errors.ts';
import { approvalView, decidedPhrase, type ApprovalRecord } from './record.ts';

export interface ApprovalDeps {
  store: DocumentStore;
  users: UserRepository;
  departments: DepartmentRepository;
  budget: BudgetPort;
  worker: GenerationWorker;
  audit: AuditTrail;
  authz: Authorizer;
  notifier: Notifier;
  log: Logger;
  ttlMs: number;
  /** Microsoft Graph through on-behalf-of, when configured: adds the requester's line manager. */
  directory?: Directory;
  now?: () => Date;
}

type Doc = Versioned<ApprovalRecord>;

export class ApprovalService {
  private readonly d: ApprovalDeps;
  private readonly now: () => Date;
  constructor(deps: ApprovalDeps) {
    this.d = deps;
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * The department's managers, else the tenant's org admins, plus the requester's line manager from Graph
   * when the caller signed in with Entra and on-behalf-of is configured; never the requester.
   */
  async approversFor(
    tenantId: string,
    departmentId: string,
    requester: { oid: string; accessToken?: string },
  ): Promise<PersonRef[]> {
    const pick = (us: { objectId: string; displayName: string }[]) =>
      us
        .filter((u) => u.objectId !== requester.oid)
        .map((u) => ({ objectId: u.objectId, displayName: u.displayName }));
    const managers = pick(await this.d.users.withRole(tenantId, ['dept_manager'], departmentId));
    const approvers =
      managers.length > 0 ? managers : pick(await this.d.users.withRole(tenantId, ['org_admin']));
    if (this.d.directory && requester.accessToken) {
      const boss = await this.d.directory.managerOf(tenantId, requester.accessToken);
      if (boss && boss.objectId !== requester.oid && !approvers.some((a) => a.objectId === boss.objectId)) {
        approvers.push(boss);
      }
    }
    return approvers;
  }

  /** Creates the approval for a generation waiting at `pending_approval`, and tells the approvers. */
  async request(
    target: BudgetTarget,
    generationId: string,
    g: GenerationRecord,
    approvers: PersonRef[],
    amountMicros: number,
    id: string = randomUUID(),
  ): Promise<string> {
    const at = this.now();
    const rec: ApprovalRecord = {
      tenantId: target.tenantId,
      departmentId: target.departmentId,
      departmentName: target.department.name,
      timeZone: target.department.budget.timeZone,
      generationId,
      requester: { objectId: g.owner.oid, displayName: g.owner.name },
      approvers,
      approverOids: approvers.map((a) => a.objectId),
      prompt: g.request.prompt,
      amountMicros,
      status: 'pending',
      createdAt: at.toISOString(),
      createdKey: `${at.toISOString()}|${id}`,
      expiresAt: new Date(at.getTime() + this.d.ttlMs).toISOString(),
      decidedBy: null,
      decidedAt: null,
      comment: null,
    };
    const created = await this.d.store.create('approvals', target.tenantId, id, rec);
    if (!created) throw new Error(`approval id collision ${id}`);
    await auditOrUndo(
      this.d.audit,
      {
        tenantId: target.tenantId,
        actor: { oid: g.owner.oid, tid: target.tenantId },
        action: 'approval.requested',
        target: { type: 'approval', id, departmentId: target.departmentId },
        outcome: 'success',
        details: { generationId, amountMicros, approvers: rec.approverOids },
      },
      () => this.d.store.delete('approvals', target.tenantId, id, created.version),
    );
    await this.tell({
      kind: 'approval.requested',
      tenantId: target.tenantId,
      to: rec.approverOids,
      approval: approvalView(id, rec),
    });
    return id;
  }

  async get(actor: Actor, id: string): Promise<ApprovalView> {
    const doc = await this.load(actor.user.tenantId, id);
    await this.d.authz.require(actor, 'approval.read', {
      type: 'approval',
      id,
      departmentId: doc.data.departmentId,
      ownerOid: doc.data.requester.objectId,
      approverOids: doc.data.approverOids,
    });
    return approvalView(id, doc.data);
  }

  /** Approvals the caller may see: admins all; managers their department's; everyone their own requests. */
  async list(
    actor: Actor,
    q: { status?: string; cursor?: string; limit: number },
  ): Promise<Page<ApprovalView>> {
    const u = actor.user;
    const admin = u.role === 'org_admin' || u.role === 'super_admin';
    const scope = admin
      ? []
      : u.role === 'dept_manager' && u.departmentId
        ? [{ field: 'departmentId', op: '=' as const, value: u.departmentId }]
        : [{ field: 'requester.objectId', op: '=' as const, value: u.objectId }];
    const page = await this.d.store.query<ApprovalRecord>('approvals', {
      pk: u.tenantId,
      where: [...scope, ...(q.status ? [{ field: 'status', op: '=' as const, value: q.status }] : [])],
      orderBy: { field: 'createdKey', direction: 'desc' },
      limit: q.limit,
      cursor: q.cursor ?? null,
    });
    return { items: page.items.map((d) => approvalView(d.id, d.data)), nextCursor: page.nextCursor };
  }

  async decide(
    actor: Actor,
    id: string,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<ApprovalView> {
    const doc = await this.load(actor.user.tenantId, id);
    const a = doc.data;
    await this.d.authz.require(actor, 'approval.decide', {
      type: 'approval',
      id,
      departmentId: a.departmentId,
      ownerOid: a.requester.objectId,
      approverOids: a.approverOids,
    });
    if (a.status !== 'pending') throw new AlreadyDecidedError(decidedPhrase(a), a.decidedBy, a.decidedAt);
    if (a.expiresAt <= this.now().toISOString()) {
      await this.expireOne(doc);
      throw new ApprovalExpiredError(a.expiresAt);
    }
    const decided: ApprovalRecord = {
      ...a,
      status: decision === 'approve' ? 'approved' : 'rejected',
      decidedBy: { objectId: actor.user.objectId, displayName: actor.user.displayName },
      decidedAt: this.now().toISOString(),
      comment: comment ?? null,
    };
    const saved = await this.d.store.replace('approvals', doc.pk, id, decided, doc.version);
    if (!saved) {
      const winner = (await this.load(actor.user.tenantId, id)).data;
      throw new AlreadyDecidedError(decidedPhrase(winner), winner.decidedBy, winner.decidedAt);
    }
    const who = auditActor(actor);
    // Fail closed: if the decision cannot be audited it is put back to pending and the click fails.
    await auditOrUndo(
      this.d.audit,
      {
        ...who,
        action: `approval.${decided.status}`,
        target: { type: 'approval', id, departmentId: a.departmentId },
        outcome: 'success',
        details: {
          generationId: a.generationId,
          amountMicros: a.amountMicros,
          ...(comment ? { comment } : {}),
        },
      },
      () => this.d.store.replace('approvals', doc.pk, id, a, saved.version),
    );
    await this.settleGeneration(saved);
    await this.tell({
      kind: 'approval.decided',
      tenantId: a.tenantId,
      to: [a.requester.objectId, ...a.approverOids],
      approval: approvalView(id, decided),
    });
    return approvalView(id, decided);
  }

  /** Moves the generation on after a decision. Safe to repeat: the sweeper calls it to finish interrupted work. */
  private async settleGeneration(approval: Doc): Promise<void> {
    const a = approval.data;
    for (let attempt = 0; attempt < 5; attempt++) {
      const g = await this.d.store.get<GenerationRecord>('generations', a.tenantId, a.generationId);
      if (!g || g.data.status !== 'pending_approval') return;
      const now = this.now().toISOString();
      let next: GenerationRecord;
      if (a.status === 'approved') {
        const dept = await this.d.departments.get(a.tenantId, a.departmentId);
        if (!dept) return;
        const target = { tenantId: a.tenantId, departmentId: a.departmentId, department: dept.data };
        const reservation = await this.d.budget.reserveOverage(target, a.amountMicros, a.generationId);
        next = { ...g.data, status: 'queued', reservation, updatedAt: now };
      } else {
        const error =
          a.status === 'rejected'
            ? {
                code: 'budget-exceeded',
                message: `Rejected by ${a.decidedBy?.displayName ?? 'an approver'}${a.comment ? `: ${a.comment}` : ''}`,
              }
            : { code: 'budget-exceeded', message: 'The approval request expired' };
        next = {
          ...g.data,
          status: a.status === 'rejected' ? 'rejected' : 'expired',
          error,
          costMicros: 0,
          finishedAt: now,
          updatedAt: now,
        };
      }
      if (await this.d.store.replace('generations', g.pk, g.id, next, g.version)) {
        if (next.status === 'queued') this.d.worker.kick(g.pk, g.id);
        return;
      }
    }
  }

  /** Expires pending approvals past their time and finishes any decided one whose generation did not move. */
  async sweep(): Promise<number> {
    const now = this.now();
    const expired = await this.d.store.query<ApprovalRecord>('approvals', {
      where: [
        { field: 'status', op: '=', value: 'pending' },
        { field: 'expiresAt', op: '<=', value: now.toISOString() },
      ],
      limit: 50,
    });
    for (const doc of expired.items) await this.expireOne(doc);
    // Generations still waiting although their approval was decided (the decider crashed before moving
    // them on), or whose approval was never written (the requester's instance crashed in between).
    const waiting = await this.d.store.query<GenerationRecord>('generations', {
      where: [
        { field: 'status', op: '=', value: 'pending_approval' },
        { field: 'createdAt', op: '<', value: new Date(now.getTime() - 60_000).toISOString() },
      ],
      limit: 100,
    });
    for (const g of waiting.items) {
      const approval = g.data.approvalId
        ? await this.d.store.get<ApprovalRecord>('approvals', g.pk, g.data.approvalId)
        : null;
      if (approval && approval.data.status !== 'pending') await this.settleGeneration(approval);
      if (!approval) await this.abandon(g);
    }
    return expired.items.length;
  }

  /** A generation whose approval request never got written: nothing was reserved, so just close it. */
  private async abandon(g: Versioned<GenerationRecord>): Promise<void> {
    const at = this.now().toISOString();
    const closed: GenerationRecord = {
      ...g.data,
      status: 'failed',
      error: { code: 'internal', message: 'The approval request could not be created; please try again' },
      costMicros: 0,
      finishedAt: at,
      updatedAt: at,
    };
    if (await this.d.store.replace('generations', g.pk, g.id, closed, g.version)) {
      await this.d.audit.append({
        tenantId: g.data.tenantId,
        actor: { system: 'approval-sweeper' },
        action: 'generation.failed',
        target: { type: 'generation', id: g.id, departmentId: g.data.departmentId },
        outcome: 'failure',
        details: { reason: 'approval request missing' },
      });
    }
  }

  private async expireOne(doc: Doc): Promise<void> {
    const expired: ApprovalRecord = { ...doc.data, status: 'expired', decidedAt: this.now().toISOString() };
    const saved = await this.d.store.replace('approvals', doc.pk, doc.id, expired, doc.version);
    if (!saved) return;
    await auditOrUndo(
      this.d.audit,
      {
        tenantId: doc.data.tenantId,
        actor: { system: 'approval-expiry' },
        action: 'approval.expired',
        target: { type: 'approval', id: doc.id, departmentId: doc.data.departmentId },
        outcome: 'success',
        details: { generationId: doc.data.generationId },
      },
      () => this.d.store.replace('approvals', doc.pk, doc.id, doc.data, saved.version),
    );
    await this.settleGeneration(saved);
    await this.tell({
      kind: 'approval.decided',
      tenantId: doc.data.tenantId,
      to: [doc.data.requester.objectId, ...doc.data.approverOids],
      approval: approvalView(doc.id, saved.data),
    });
  }

  private async load(tenantId: string, id: string): Promise<Doc> {
    const doc = await this.d.store.get<ApprovalRecord>('approvals', tenantId, id);
    if (!doc) throw new NotFoundError(`Approval ${id}`);
    return doc;
  }

  private async tell(n: Notification): Promise<void> {
    try {
      await this.d.notifier.notify(n);
    } catch (err) {
      this.d.log.error({ err, kind: n.kind }, 'notification failed');
    }
  }
}
