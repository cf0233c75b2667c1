import { Router } from 'express';
import type { MeView } from '@donatello/contracts';
import { actorOf } from '../http/authenticate.ts';
import type { DepartmentRepository } from '../repositories/departments.ts';
import { userView } from '../services/views.ts';

export function meRoutes(departments: DepartmentRepository): Router {
  const r = Router();
  r.get('/api/v1/me', async (_req, res) => {
    const { user } = actorOf(res);
    const dept = user.departmentId ? await departments.get(user.tenantId, user.departmentId) : null;
    const body: MeView = {
      user: userView(user),
      roles: [user.role],
      department: dept ? { id: dept.id, name: dept.data.name } : null,
      // The budget engine fills this in (issue #4); until then no spend is tracked.
      budget: null,
    };
    res.json(body);
  });
  return r;
}
