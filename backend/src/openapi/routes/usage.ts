// Spend by department for chargeback (docs/api.md "Usage and chargeback").
import { z } from 'zod';
import { ChargebackQuery, DepartmentId, UsageQuery, UsageReportView } from '@donatello/contracts';
import { route } from '../route-spec.ts';
import { AttachmentHeader } from '../headers.ts';
import { person } from '../examples.ts';

const DepartmentPath = z.object({ id: DepartmentId.meta({ examples: ['marketing'] }) });
const WHO = "admins, and the department's managers";

export const usageRoutes = [
  route({
    method: 'get',
    path: '/api/v1/departments/{id}/usage',
    operationId: 'getDepartmentUsage',
    tag: 'Usage',
    summary: 'What succeeded generations were charged, grouped',
    who: WHO,
    description: 'By `finishedAt` in `[from, to)`; default the current budget period.',
    params: { path: DepartmentPath, query: UsageQuery },
    responses: {
      200: {
        description: 'The report',
        schema: UsageReportView,
        example: {
          departmentId: 'marketing',
          from: '2026-10-31T13:00:00.000Z',
          to: '2026-11-30T13:00:00.000Z',
          groupBy: 'user',
          rows: [
            {
              key: person('alice').objectId,
              label: 'Alice Nguyen',
              generations: 1,
              images: 2,
              costAud: '0.0400',
            },
          ],
          totalAud: '0.0400',
          generations: 1,
        },
      },
    },
    problems: { 403: ['forbidden'], 404: ['not-found'] },
  }),
  route({
    method: 'get',
    path: '/api/v1/departments/{id}/chargeback.csv',
    operationId: 'getDepartmentChargeback',
    tag: 'Usage',
    summary: 'One budget period per user, as CSV',
    who: WHO,
    description:
      'Columns `department`, `period_start`, `period_end`, `user_object_id`, `user_name`, `generations`, `images`, ' +
      '`cost_aud`; one row per user, then a `TOTAL` row; CRLF line ends.',
    params: { path: DepartmentPath, query: ChargebackQuery },
    responses: {
      200: {
        description: 'The CSV file',
        mediaTypes: ['text/csv'],
        headers: z.object({ 'Content-Disposition': AttachmentHeader }),
      },
    },
    problems: { 403: ['forbidden'], 404: ['not-found'] },
  }),
];
