// Audit records as the API serves them, and API filters as store conditions.
import type { AuditFilters, AuditRecordView } from '@donatello/contracts';
import type { Condition } from '../ports/store.ts';
import type { AuditRecord } from './trail.ts';

/** Records as served: exactly what was chained, nothing added (prompts are already redacted at write time). */
export const recordView = (r: AuditRecord): AuditRecordView => ({
  seq: r.seq,
  at: r.at,
  hash: r.hash,
  prevHash: r.prevHash,
  event: r.event,
});

/** The store conditions for a set of filters. */
export function filterConditions(f: AuditFilters): Condition[] {
  const where: Condition[] = [];
  const eq = (field: string, value: string | undefined) => {
    if (value !== undefined) where.push({ field, op: '=', value });
  };
  eq('event.action', f.action);
  eq('event.outcome', f.outcome);
  if (f.actorOid?.startsWith('system:')) eq('event.actor.system', f.actorOid.slice('system:'.length));
  else eq('event.actor.oid', f.actorOid);
  eq('event.target.type', f.targetType);
  eq('event.target.id', f.targetId);
  eq('event.target.departmentId', f.departmentId);
  if (f.from !== undefined) where.push({ field: 'at', op: '>=', value: f.from });
  if (f.to !== undefined) where.push({ field: 'at', op: '<', value: f.to });
  return where;
}
