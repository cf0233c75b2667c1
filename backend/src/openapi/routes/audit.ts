// The audit trail: query, verify the chain, export (docs/api.md "Audit", docs/architecture.md).
import { z } from 'zod';
import { AuditExportQuery, AuditQuery, AuditRecordView, AuditVerifyView, pageOf } from '@donatello/contracts';
import { route } from '../route-spec.ts';
import { AttachmentHeader, NoStoreHeader } from '../headers.ts';
import { auditRecordExample } from '../examples.ts';

const AuditPage = pageOf(AuditRecordView, 'AuditPage');
const noStore = z.object({ 'Cache-Control': NoStoreHeader });
const SCOPE =
  'Admins read their tenant; a department manager only records whose target is in their department, whatever ' +
  'the filter says. Unknown filters are a 400.';

export const auditRoutes = [
  route({
    method: 'get',
    path: '/api/v1/audit',
    operationId: 'queryAudit',
    tag: 'Audit',
    summary: 'Audit records, newest first',
    who: "admins; managers (their department's records)",
    description: SCOPE,
    params: { query: AuditQuery },
    responses: {
      200: {
        description: 'A page of records as chained',
        schema: AuditPage,
        headers: noStore,
        example: { items: [auditRecordExample], nextCursor: null },
      },
    },
    problems: { 403: ['forbidden'] },
  }),
  route({
    method: 'get',
    path: '/api/v1/audit/verify',
    operationId: 'verifyAudit',
    tag: 'Audit',
    summary: "Check the tenant's whole chain and its head anchor",
    who: 'admins and managers',
    responses: {
      200: {
        description: 'The result; `firstBrokenSeq` names the first record missing or not fitting',
        schema: AuditVerifyView,
        headers: noStore,
        example: { ok: true, checked: 42, headHash: auditRecordExample.hash },
      },
    },
    problems: { 403: ['forbidden'] },
  }),
  route({
    method: 'get',
    path: '/api/v1/audit/export',
    operationId: 'exportAudit',
    tag: 'Audit',
    summary: 'Every matching record, oldest first, as JSON Lines or CSV',
    who: "admins; managers (their department's records)",
    description:
      `${SCOPE} The export is audited (\`audit.exported\`) before any data is sent, and streamed page by page. ` +
      'JSON Lines: one full record per line, re-hashable. CSV cells starting with `=`, `+`, `-`, `@`, tab or CR get ' +
      "a leading `'`.",
    params: { query: AuditExportQuery },
    responses: {
      200: {
        description: 'The file',
        mediaTypes: ['application/x-ndjson', 'text/csv'],
        headers: z.object({
          'Content-Disposition': AttachmentHeader,
          'Cache-Control': NoStoreHeader,
          'X-Audit-Record-Count': z.string().meta({ description: 'The number of records in the file' }),
        }),
      },
    },
    problems: { 403: ['forbidden'] },
  }),
];
