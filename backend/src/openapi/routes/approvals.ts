// Soft-limit overages waiting for a manager (docs/api.md "Approvals", docs/budgets.md).
import { z } from 'zod';
import { ApprovalId, ApprovalListQuery, ApprovalView, DecisionRequest, pageOf } from '@donatello/contracts';
import { route } from '../route-spec.ts';
import { approvalExample } from '../examples.ts';

const ApprovalPage = pageOf(ApprovalView, 'ApprovalPage');
const ById = z.object({ id: ApprovalId });

export const approvalRoutes = [
  route({
    method: 'get',
    path: '/api/v1/approvals',
    operationId: 'listApprovals',
    tag: 'Approvals',
    summary: 'List approvals, newest first',
    who: "signed in: admins see all, managers their department's, others their own requests",
    params: { query: ApprovalListQuery },
    responses: {
      200: {
        description: 'A page',
        schema: ApprovalPage,
        example: { items: [approvalExample], nextCursor: null },
      },
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/approvals/{id}',
    operationId: 'getApproval',
    tag: 'Approvals',
    summary: 'One approval',
    who: "the requester, the approvers, the department's managers, admins",
    params: { path: ById },
    responses: { 200: { description: 'The approval', schema: ApprovalView, example: approvalExample } },
    problems: { 403: ['forbidden'], 404: ['not-found'] },
  }),
  route({
    method: 'post',
    path: '/api/v1/approvals/{id}/decision',
    operationId: 'decideApproval',
    tag: 'Approvals',
    summary: 'Approve or reject an overage',
    who: 'the approvers named on the request, never the requester',
    description:
      'Of any number of concurrent decisions exactly one wins; the others get 409 `already-decided`. Approved: the ' +
      'generation is queued and charged as an overage. Rejected: it ends as `rejected` and costs nothing. The ' +
      'requester and the approvers are notified either way.',
    params: { path: ById },
    body: { schema: DecisionRequest, example: { decision: 'approve', comment: 'launch week' } },
    responses: {
      200: { description: 'The decided approval', schema: ApprovalView, example: approvalExample },
    },
    problems: {
      403: ['forbidden'],
      404: ['not-found'],
      409: ['already-decided', 'approval-expired', 'budget-exceeded'],
    },
  }),
];
