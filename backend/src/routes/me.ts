import { Router } from 'express';
import type { MeView } from '@donatello/contracts';
import { actorOf } from '../http/authenticate.ts';
import type { BudgetPort } from '../ports/budget.ts';
import type { DepartmentRepository } from '../departments/repository.ts';
import { userView } from '../users/view.ts';

export function meRoutes(departments: DepartmentRepository, budget: BudgetPort): Router {
  const r = Router();
  r.get('/api/v1/me', async (_req, res) => {
    const { user } = actorOf(res);
    const dept = user.departmentId ? await departments.get(user.tenantId, user.departmentId) : null;
    const body: MeView = {
      user: userView(user),
      roles: [user.role],
      department: dept ? { id: dept.id, name: dept.data.name } : null,
      budget: dept
        ? await budget.summary({ tenantId: user.tenantId, departmentId: dept.id, department: dept.data })
        : null,
    };
    res.json(body);
  });
  return r;
}
