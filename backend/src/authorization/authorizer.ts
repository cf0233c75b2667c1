// Wraps the permission rules with the audit trail: a denial is a security event and is recorded (DESIGN §5).
import { ForbiddenError } from '../domain/errors.ts';
import { denialReason, type Action, type Target } from './permissions.ts';
import type { Actor } from '../users/record.ts';
import type { AuditTrail } from '../audit/trail.ts';

export class Authorizer {
  private readonly audit: AuditTrail;
  constructor(audit: AuditTrail) {
    this.audit = audit;
  }

  async require(actor: Actor, action: Action, target: Target & { type: string; id: string }): Promise<void> {
    const reason = denialReason(actor.user, action, target);
    if (reason === null) return;
    await this.audit.append({
      tenantId: actor.user.tenantId,
      actor: { oid: actor.user.objectId, tid: actor.user.tenantId },
      action,
      target: { type: target.type, id: target.id, departmentId: target.departmentId ?? null },
      outcome: 'denied',
      details: { reason },
      ...(actor.ip ? { ip: actor.ip } : {}),
      ...(actor.userAgent ? { userAgent: actor.userAgent } : {}),
    });
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
