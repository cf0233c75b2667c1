import { Router } from 'express';
import { ApprovalId, ApprovalListQuery, DecisionRequest } from '@donatello/contracts';
import { actorOf } from '../http/authenticate.ts';
import { parse } from '../http/validate.ts';
import type { ApprovalService } from '../approvals/service.ts';

export function approvalRoutes(service: ApprovalService): Router {
  const r = Router();
  r.get('/api/v1/approvals', async (req, res) => {
    const q = parse(ApprovalListQuery, req.query, 'query');
    res.json(
      await service.list(actorOf(res), {
        limit: q.limit,
        ...(q.status ? { status: q.status } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
      }),
    );
  });
  r.get('/api/v1/approvals/:id', async (req, res) => {
    res.json(await service.get(actorOf(res), parse(ApprovalId, req.params.id, 'path.id')));
  });
  r.post('/api/v1/approvals/:id/decision', async (req, res) => {
    const id = parse(ApprovalId, req.params.id, 'path.id');
    const body = parse(DecisionRequest, req.body);
    res.json(await service.decide(actorOf(res), id, body.decision, body.comment));
  });
  return r;
}
