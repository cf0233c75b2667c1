import { Router } from 'express';
import { ChargebackQuery, DepartmentId, UsageQuery } from '@donatello/contracts';
import { actorOf } from '../http/authenticate.ts';
import { parse } from '../http/validate.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import type { DocumentStore } from '../ports/store.ts';
import type { DepartmentRepository } from '../departments/repository.ts';
import type { Authorizer } from '../authorization/authorizer.ts';
import { chargebackCsv, usage } from '../budgets/usage.ts';
import { periodFor, zonedMidnight } from '../budgets/period.ts';

export function usageRoutes(
  store: DocumentStore,
  departments: DepartmentRepository,
  authz: Authorizer,
): Router {
  const r = Router();
  const department = async (actor: ReturnType<typeof actorOf>, id: string) => {
    await authz.require(actor, 'usage.read', { type: 'department', id, departmentId: id });
    const dept = await departments.get(actor.user.tenantId, id);
    if (!dept) throw new NotFoundError(`Department "${id}"`);
    return dept;
  };

  r.get('/api/v1/departments/:id/usage', async (req, res) => {
    const actor = actorOf(res);
    const id = parse(DepartmentId, req.params.id, 'path.id');
    const q = parse(UsageQuery, req.query, 'query');
    const dept = await department(actor, id);
    const period = periodFor(new Date(), dept.data.budget.resetDay, dept.data.budget.timeZone);
    const from = q.from ? new Date(q.from).toISOString() : period.start.toISOString();
    const to = q.to ? new Date(q.to).toISOString() : period.end.toISOString();
    if (from >= to)
      throw new ValidationError('from must be before to', [{ path: 'query.from', message: 'before to' }]);
    const result = await usage(store, {
      tenantId: actor.user.tenantId,
      departmentId: id,
      from,
      to,
      groupBy: q.groupBy,
      timeZone: dept.data.budget.timeZone,
    });
    res.json({ departmentId: id, from, to, groupBy: q.groupBy, ...result });
  });

  r.get('/api/v1/departments/:id/chargeback.csv', async (req, res) => {
    const actor = actorOf(res);
    const id = parse(DepartmentId, req.params.id, 'path.id');
    const q = parse(ChargebackQuery, req.query, 'query');
    const dept = await department(actor, id);
    const b = dept.data.budget;
    let start: Date;
    if (q.period) {
      const [y, m, d] = q.period.split('-').map(Number) as [number, number, number];
      if (d !== b.resetDay)
        throw new ValidationError(`Periods start on day ${b.resetDay}`, [
          { path: 'query.period', message: `a date on day ${b.resetDay}` },
        ]);
      start = zonedMidnight(y, m, d, b.timeZone);
    } else start = periodFor(new Date(), b.resetDay, b.timeZone).start;
    const period = periodFor(new Date(start.getTime() + 3_600_000), b.resetDay, b.timeZone);
    const csv = await chargebackCsv(store, {
      tenantId: actor.user.tenantId,
      departmentId: id,
      from: period.start.toISOString(),
      to: period.end.toISOString(),
      timeZone: b.timeZone,
    });
    res.setHeader('Content-Disposition', `attachment; filename="chargeback-${id}-${period.key}.csv"`);
    res.type('text/csv; charset=utf-8').send(csv);
  });
  return r;
}
