// How approvals end and what their generation becomes: approved requests queue as flagged overages (reserved
// only while the department is not in hard mode), rejected, refused and expired ones close the generation at
// cost 0, and the sweeper finishes whatever a crash interrupted. Every step is a compare-and-set and safe to
// repeat on any instance.
// Must not break: an overage reserved for a generation that did not take it (it was deleted, or another
// decision won) is released here, so money is never left reserved for nothing.
import type { Logger } from 'pino';
import { auditOrUndo, type AuditEvent, type AuditTrail } from '../audit/trail.ts';
import type { DepartmentRepository } from '../departments/repository.ts';
import type { GenerationRecord } from '../generations/record.ts';
import type { GenerationWorker } from '../generations/worker.ts';
import type { BudgetPort, Reservation } from '../ports/budget.ts';
import type { Notification, Notifier } from '../ports/notifier.ts';
import type { DocumentStore, Versioned } from '../ports/store.ts';
import { approvalView, type ApprovalRecord } from './record.ts';

export interface SettleDeps {
  store: DocumentStore;
  departments: DepartmentRepository;
  budget: BudgetPort;
  worker: GenerationWorker;
  audit: AuditTrail;
  notifier: Notifier;
  log: Logger;
  now: () => Date;
}

type Doc = Versioned<ApprovalRecord>;

/** Why a closed generation did not run, in the words its owner sees. */
function closedError(a: ApprovalRecord): { code: string; message: string } {
  if (a.status === 'expired')
    return { code: 'budget-exceeded', message: a.comment ?? 'The approval request expired' };
  if (!a.decidedBy) return { code: 'budget-exceeded', message: a.comment ?? 'The request was refused' };
  return {
    code: 'budget-exceeded',
    message: `Rejected by ${a.decidedBy.displayName}${a.comment ? `: ${a.comment}` : ''}`,
  };
}

export class ApprovalSettler {
  private readonly d: SettleDeps;
  constructor(deps: SettleDeps) {
    this.d = deps;
  }

  /**
   * Moves the generation on after a decision. `reservation` is the overage the approving decision reserved; without
   * it (the sweeper finishing an interrupted decision) it is reserved here, and refused in hard mode.
   */
  async settleGeneration(approval: Doc, reservation: Reservation | null = null): Promise<void> {
    const a = approval.data;
    let reserved = reservation;
    for (let attempt = 0; attempt < 5; attempt++) {
      const g = await this.d.store.get<GenerationRecord>('generations', a.tenantId, a.generationId);
      if (!g || g.data.status !== 'pending_approval') {
        // Deleted (or settled elsewhere) meanwhile: an overage it never took goes back.
        if (reserved && !g?.data.reservation) await this.d.budget.release(reserved);
        return;
      }
      const now = this.d.now().toISOString();
      let next: GenerationRecord;
      let refusal: string | null = null;
      if (a.status === 'approved') {
        if (!reserved) {
          const dept = await this.d.departments.get(a.tenantId, a.departmentId);
          if (!dept) return;
          const target = { tenantId: a.tenantId, departmentId: a.departmentId, department: dept.data };
          const outcome = await this.d.budget.reserveOverage(target, a.amountMicros, a.generationId);
          if ('refused' in outcome) refusal = outcome.refused;
          else reserved = outcome.reservation;
        }
        next = reserved
          ? { ...g.data, status: 'queued', reservation: reserved, updatedAt: now }
          : {
              ...g.data,
              status: 'rejected',
              error: { code: 'budget-exceeded', message: refusal ?? 'The overage could not be reserved' },
              costMicros: 0,
              finishedAt: now,
              updatedAt: now,
            };
      } else {
        next = {
          ...g.data,
          status: a.status === 'expired' ? 'expired' : 'rejected',
          error: closedError(a),
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

  /**
   * Closes a pending approval without a person's decision: `expired` (its time ran out, or its generation was
   * deleted) or `rejected` (the department's budget became a hard limit). Audited by `actor`; the generation
   * follows, and the requester and approvers are told (their cards update). False when it was no longer pending.
   */
  async close(
    doc: Doc,
    status: 'expired' | 'rejected',
    reason: string | null,
    audit: Pick<AuditEvent, 'actor'> & Partial<Pick<AuditEvent, 'ip' | 'userAgent'>>,
    details: Record<string, unknown> = {},
  ): Promise<boolean> {
    const closed: ApprovalRecord = {
      ...doc.data,
      status,
      decidedBy: null,
      decidedAt: this.d.now().toISOString(),
      comment: reason,
    };
    const saved = await this.d.store.replace('approvals', doc.pk, doc.id, closed, doc.version);
    if (!saved) return false;
    await auditOrUndo(
      this.d.audit,
      {
        tenantId: doc.data.tenantId,
        ...audit,
        action: `approval.${status}`,
        target: { type: 'approval', id: doc.id, departmentId: doc.data.departmentId },
        outcome: 'success',
        details: { generationId: doc.data.generationId, ...(reason ? { reason } : {}), ...details },
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
    return true;
  }

  expire(doc: Doc): Promise<boolean> {
    return this.close(doc, 'expired', null, { actor: { system: 'approval-expiry' } });
  }

  /** Expires pending approvals past their time and finishes any decided one whose generation did not move. */
  async sweep(): Promise<number> {
    const now = this.d.now();
    const expired = await this.d.store.query<ApprovalRecord>('approvals', {
      where: [
        { field: 'status', op: '=', value: 'pending' },
        { field: 'expiresAt', op: '<=', value: now.toISOString() },
      ],
      limit: 50,
    });
    for (const doc of expired.items) await this.expire(doc);
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
    const at = this.d.now().toISOString();
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

  async tell(n: Notification): Promise<void> {
    try {
      await this.d.notifier.notify(n);
    } catch (err) {
      this.d.log.error({ err, kind: n.kind }, 'notification failed');
    }
  }
}
