// CSV for audit exports: RFC 4180 (CRLF rows, fields quoted when they hold a quote, comma or line break)
// plus protection against formula injection, because these files are opened in spreadsheets and a cell
// such as `=HYPERLINK(...)` taken from a user agent or a name would otherwise run there.
import { AUDIT_CSV_COLUMNS, type AuditRecordView } from '@donatello/contracts';

/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  // A leading apostrophe makes spreadsheets show the text as typed instead of evaluating it.
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const csvRow = (cells: (string | number | null | undefined)[]): string =>
  `${cells.map(csvCell).join(',')}\r\n`;

export const AUDIT_CSV_HEADER = csvRow([...AUDIT_CSV_COLUMNS]);

export function auditCsvRow(r: AuditRecordView): string {
  const e = r.event;
  return csvRow([
    r.seq,
    r.at,
    e.action,
    e.outcome,
    'oid' in e.actor ? e.actor.oid : `system:${e.actor.system}`,
    e.target.type,
    e.target.id,
    e.target.departmentId,
    e.ip,
    e.userAgent,
    e.details === undefined ? '' : JSON.stringify(e.details),
    r.prevHash,
    r.hash,
  ]);
}
