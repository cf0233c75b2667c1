// Approvals of soft-limit overages (DESIGN §4). Who may decide is checked against the decider's role and
// department now, not as they were when the request was made (authorization/permissions.ts): the department's
// current managers, the tenant's admins, or the requester's line manager from Graph; never the requester. A
// decision is a compare-and-set from `pending`: of any number of clicks exactly one wins and the rest learn who
// decided and when. An approval reserves the overage first, against the department's settings at that instant:
// in hard mode it is refused (409) and the request closes, so nothing is ever charged past a hard limit.
// Endings and the generation's next step are ApprovalSettler's (settle.ts).
import { randomUUID } from 'node:crypto';
import type { ApprovalView, Page, PersonRef } from '@donatello/contracts';
import type { Logger } from 'pino';
import { NotFoundError } from '../domain/errors.ts';
import type { Actor } from '../users/record.ts';
import type { BudgetPort, Reservation } from '../ports/budget.ts';
import type { Notifier } from '../ports/notifier.ts';
import type { DocumentStore, Versioned } from '../ports/store.ts';
import type { DepartmentRepository } from '../departments/repository.ts';
import type { UserRepository } from '../users/repository.ts';
import { auditOrUndo, type AuditTrail } from '../audit/trail.ts';
import { auditActor, type Authorizer } from '../authorization/authorizer.ts';
import type { Target } from '../authorization/permissions.ts';
import type { GenerationRecord } from '../generations/record.ts';
import type { GenerationWorker } from '../generations/worker.ts';
import type { Directory } from '../identity/graph-directory.ts';
import { AlreadyDecidedError, ApprovalExpiredError, HardLimitError } from './errors.ts';
import { approvalView, decidedPhrase, type ApprovalRecord } from './record.ts';
import { ApprovalSettler } from './settle.ts';

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

/** Who is asked: the people to notify, and which of them is the requester's line manager (from Graph). */
export interface Approvers {
  people: PersonRef[];
  lineManagerOid: string | null;
}

type Doc = Versioned<ApprovalRecord>;

export class ApprovalService {
  private readonly d: ApprovalDeps;
  private readonly now: () => Date;
  private readonly settler: ApprovalSettler;
  constructor(deps: ApprovalDeps) {
    this.d = deps;
    this.now = deps.now ?? (() => new Date());
    this.settler = new ApprovalSettler({ ...deps, now: this.now });
  }

  /**
   * The department's managers, else the tenant's org admins, plus the requester's line manager from Graph
   * when the caller signed in with Entra and on-behalf-of is configured; never the requester.
   */
  async approversFor(
    tenantId: string,
    departmentId: string,
    requester: { oid: string; accessToken?: string },
  ): Promise<Approvers> {
    const pick = (us: { objectId: string; displayName: string }[]) =>
      us
        .filter((u) => u.objectId !== requester.oid)
        .map((u) => ({ objectId: u.objectId, displayName: u.displayName }));
    const managers = pick(await this.d.users.withRole(tenantId, ['dept_manager'], departmentId));
    const people =
      managers.length > 0 ? managers : pick(await this.d.users.withRole(tenantId, ['org_admin']));
    let lineManagerOid: string | null = null;
    if (this.d.directory && requester.accessToken) {
      const boss = await this.d.directory.managerOf(tenantId, requester.accessToken);
      if (boss && boss.objectId !== requester.oid) {
        lineManagerOid = boss.objectId;
        if (!people.some((a) => a.objectId === boss.objectId)) people.push(boss);
      }
    }
    return { people, lineManagerOid };
  }

  /** Creates the approval for a generation waiting at `pending_approval`, and tells the approvers. */
  async request(
    target: {
      tenantId: string;
      departmentId: string;
      department: { name: string; budget: { timeZone: string } };
    },
    generationId: string,
    g: GenerationRecord,
    approvers: Approvers,
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
      approvers: approvers.people,
      approverOids: approvers.people.map((a) => a.objectId),
      lineManagerOid: approvers.lineManagerOid,
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
    await this.settler.tell({
      kind: 'approval.requested',
      tenantId: target.tenantId,
      to: rec.approverOids,
      approval: approvalView(id, rec),
    });
    return id;
  }

  /** What the permission rules need to know about a request. */
  private permissionTarget(id: string, a: ApprovalRecord): Target & { type: string; id: string } {
    return {
      type: 'approval',
      id,
      departmentId: a.departmentId,
      ownerOid: a.requester.objectId,
      approverOids: a.approverOids,
      lineManagerOid: a.lineManagerOid ?? null,
    };
  }

  async get(actor: Actor, id: string): Promise<ApprovalView> {
    const doc = await this.load(actor.user.tenantId, id);
    await this.d.authz.require(actor, 'approval.read', this.permissionTarget(id, doc.data));
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
    await this.d.authz.require(actor, 'approval.decide', this.permissionTarget(id, a));
    if (a.status !== 'pending') throw new AlreadyDecidedError(decidedPhrase(a), a.decidedBy, a.decidedAt);
    if (a.expiresAt <= this.now().toISOString()) {
      await this.settler.expire(doc);
      throw new ApprovalExpiredError(a.expiresAt);
    }
    const reservation = decision === 'approve' ? await this.reserveOverage(actor, doc) : null;
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
      // Another click won. Its approval uses the same reservation (one per generation); anything else frees it.
      if (reservation && winner.status !== 'approved') await this.d.budget.release(reservation);
      throw new AlreadyDecidedError(decidedPhrase(winner), winner.decidedBy, winner.decidedAt);
    }
    // Fail closed: if the decision cannot be audited it is put back to pending and the click fails.
    await auditOrUndo(
      this.d.audit,
      {
        ...auditActor(actor),
        action: `approval.${decided.status}`,
        target: { type: 'approval', id, departmentId: a.departmentId },
        outcome: 'success',
        details: {
          generationId: a.generationId,
          amountMicros: a.amountMicros,
          ...(comment ? { comment } : {}),
        },
      },
      async () => {
        await this.d.store.replace('approvals', doc.pk, id, a, saved.version);
        if (reservation) await this.d.budget.release(reservation);
      },
    );
    await this.settler.settleGeneration(saved, reservation);
    await this.settler.tell({
      kind: 'approval.decided',
      tenantId: a.tenantId,
      to: [a.requester.objectId, ...a.approverOids],
      approval: approvalView(id, decided),
    });
    return approvalView(id, decided);
  }

  /**
   * Reserves the overage an approval lets through, before the decision is saved, against the department as it is
   * now: in hard mode (or if it turns hard before the reservation lands) the request is closed as rejected and
   * the click answers 409 with the reason.
   */
  private async reserveOverage(actor: Actor, doc: Doc): Promise<Reservation> {
    const a = doc.data;
    const dept = await this.d.departments.get(a.tenantId, a.departmentId);
    if (!dept) throw new NotFoundError(`Department "${a.departmentId}"`);
    // Refused when the counter says hard, which it does once the department read here is in force, or newer.
    const outcome = await this.d.budget.reserveOverage(
      { tenantId: a.tenantId, departmentId: a.departmentId, department: dept.data },
      a.amountMicros,
      a.generationId,
    );
    if ('reservation' in outcome) return outcome.reservation;
    const who = auditActor(actor);
    const closed = await this.settler.close(
      doc,
      'rejected',
      outcome.refused,
      { actor: { system: 'budget-hard-limit' } },
      { attemptedBy: who.actor.oid },
    );
    if (!closed) {
      const winner = (await this.load(a.tenantId, doc.id)).data;
      throw new AlreadyDecidedError(decidedPhrase(winner), winner.decidedBy, winner.decidedAt);
    }
    throw new HardLimitError(outcome.refused);
  }

  /**
   * Closes the pending approval of a generation being deleted (expired, "the request was deleted"), so the
   * approvers' and requester's cards update. Nothing happens when it was already decided.
   */
  async withdraw(actor: Actor, approvalId: string): Promise<void> {
    const doc = await this.d.store.get<ApprovalRecord>('approvals', actor.user.tenantId, approvalId);
    if (!doc || doc.data.status !== 'pending') return;
    const who = auditActor(actor);
    await this.settler.close(doc, 'expired', 'The request was deleted', {
      actor: who.actor,
      ...(who.ip ? { ip: who.ip } : {}),
      ...(who.userAgent ? { userAgent: who.userAgent } : {}),
    });
  }

  /** Expires overdue approvals and finishes interrupted decisions (housekeeping). */
  sweep(): Promise<number> {
    return this.settler.sweep();
  }

  private async load(tenantId: string, id: string): Promise<Doc> {
    const doc = await this.d.store.get<ApprovalRecord>('approvals', tenantId, id);
    if (!doc) throw new NotFoundError(`Approval ${id}`);
    return doc;
  }
}
