import { Router } from 'express';
import { ObjectId, UpdateUserRequest, UserListQuery } from '@donatello/contracts';
import { actorOf } from '../http/authenticate.ts';
import { parse } from '../http/validate.ts';
import type { UserService } from '../users/service.ts';

export function userRoutes(service: UserService): Router {
  const r = Router();
  r.get('/api/v1/users', async (req, res) => {
    const q = parse(UserListQuery, req.query, 'query');
    res.json(
      await service.list(actorOf(res), {
        ...(q.departmentId ? { departmentId: q.departmentId } : {}),
        cursor: q.cursor ?? null,
        limit: q.limit,
      }),
    );
  });
  r.patch('/api/v1/users/:id', async (req, res) => {
    const id = parse(ObjectId, req.params.id.toLowerCase(), 'path.id');
    res.json(await service.update(actorOf(res), id, parse(UpdateUserRequest, req.body)));
  });
  return r;
}
