import { Router } from 'express';
import {
  CreateDepartmentRequest,
  DepartmentId,
  PagingQuery,
  UpdateDepartmentRequest,
} from '@donatello/contracts';
import { actorOf } from '../http/authenticate.ts';
import { parse } from '../http/validate.ts';
import type { DepartmentService } from '../departments/service.ts';

export function departmentRoutes(service: DepartmentService): Router {
  const r = Router();
  r.get('/api/v1/departments', async (req, res) => {
    const q = parse(PagingQuery, req.query, 'query');
    res.json(await service.list(actorOf(res), q.cursor ?? null, q.limit));
  });
  r.post('/api/v1/departments', async (req, res) => {
    const input = parse(CreateDepartmentRequest, req.body);
    const created = await service.create(actorOf(res), input);
    res.status(201).location(`/api/v1/departments/${created.id}`).json(created);
  });
  r.get('/api/v1/departments/:id', async (req, res) => {
    const id = parse(DepartmentId, req.params.id, 'path.id');
    res.json(await service.get(actorOf(res), id));
  });
  r.patch('/api/v1/departments/:id', async (req, res) => {
    const id = parse(DepartmentId, req.params.id, 'path.id');
    res.json(await service.update(actorOf(res), id, parse(UpdateDepartmentRequest, req.body)));
  });
  return r;
}
