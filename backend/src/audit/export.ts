// Audit exports as a stream of text chunks, one per store page, so an export of any size never sits in
// memory whole. JSON Lines carries the full records (each can be re-hashed to check the chain); CSV carries
// the columns people read in a spreadsheet.
import type { AuditExportFormat, AuditRecordView } from '@donatello/contracts';
import type { Condition } from '../ports/store.ts';
import type { AuditTrail } from './trail.ts';
import { AUDIT_CSV_HEADER, auditCsvRow } from './csv.ts';
import { recordView } from './records.ts';

export interface ExportFile {
  filename: string;
  contentType: string;
  /** How many records the export holds. */
  count: number;
  chunks: AsyncIterable<string>;
}

const CONTENT_TYPES: Record<AuditExportFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
};

const PAGE = 200;

/** `where` null: the caller's scope matches nothing, so the file is empty (a CSV still has its header). */
export function exportFile(p: {
  audit: AuditTrail;
  tenant: string;
  where: Condition[] | null;
  format: AuditExportFormat;
  count: number;
  date: Date;
}): ExportFile {
  const line = p.format === 'csv' ? auditCsvRow : (r: AuditRecordView) => `${JSON.stringify(r)}\n`;
  async function* chunks(): AsyncGenerator<string> {
    if (p.format === 'csv') yield AUDIT_CSV_HEADER;
    if (!p.where) return;
    let cursor: string | null = null;
    do {
      // Oldest first, the chain's own order, so a reader can re-check hashes in one pass.
      const page = await p.audit.page(p.tenant, p.where, { cursor, limit: PAGE, direction: 'asc' });
      if (page.items.length > 0) yield page.items.map((d) => line(recordView(d.data))).join('');
      cursor = page.nextCursor;
    } while (cursor);
  }
  return {
    filename: `audit-${p.tenant}-${p.date.toISOString().slice(0, 10)}.${p.format}`,
    contentType: CONTENT_TYPES[p.format],
    count: p.count,
    chunks: chunks(),
  };
}
