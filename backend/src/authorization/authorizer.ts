// Wraps the permission rules with the audit trail: a denial is a security event and is recorded (DESIGN §5),
// through the DenialLog when there is one, so a flood of denials stays a handful of records plus a count.
import { ForbiddenError } from '../domain/errors.ts';
import { denialReason, type Action, type Target } from './permissions.ts';
import type { Actor } from '../users/record.ts';
import type { AuditTrail } from '../audit/trail.ts';
import type { DenialLog } from './denial-log.ts';

export class Authorizer {
  private readonly audit: AuditTrail;
  private readonly denials: DenialLog | null;
  constructor(audit: AuditTrail, denials: DenialLog | null = null) {
    this.audit = audit;
    this.denials = denials;
  }

  async require(actor: Actor, action: Action, target: Target & { type: string; id: string }): Promise<void> {
    const reason = denialReason(actor.user, action, target);
    if (reason === null) return;
    const event = {
      tenantId: actor.user.tenantId,
      actor: { oid: actor.user.objectId, tid: actor.user.tenantId },
      action,
      target: { type: target.type, id: target.id, departmentId: target.departmentId ?? null },
      outcome: 'denied' as const,
      details: { reason },
      ...(actor.ip ? { ip: actor.ip } : {}),
      ...(actor.userAgent ? { userAgent: actor.userAgent } : {}),
    };
    if (this.denials) await this.denials.record(event);
    else await this.audit.append(event);
    throw new ForbiddenError(`You cannot do this: ${reason}.`);
  }
}

/** The audit actor fields for an authenticated caller. */
export function auditActor(actor: Actor) {
  return {
    tenantId: actor.user.tenantId,
    actor: { oid: actor.user.objectId, tid: actor.user.tenantId },
    ...(actor.ip ? { ip: actor.ip } : {}),
    ...(actor.userAgent ? { userAgent: actor.userAgent } : {}),
  };
}
