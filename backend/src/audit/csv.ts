// CSV for audit exports and chargeback: RFC 4180 (CRLF rows, fields quoted when they hold a quote, comma or line
// break) plus protection against formula injection (OWASP CSV injection), because these files are opened in
// spreadsheets and a cell such as `=HYPERLINK(...)` taken from a user agent or a name would otherwise run there.
// A formula can start a cell, and also start after a separator: a spreadsheet set to another separator (`;` in
// many locales, or tab) splits `Bob;=HYPERLINK(…)` into two cells, the second a formula. So every place a cell
// could begin is guarded, not only the first character.
import { AUDIT_CSV_COLUMNS, type AuditRecordView } from '@donatello/contracts';

/**
 * Where a formula could begin (the start, or after a separator or line break, past spaces and quotes) followed
 * by a character that makes a spreadsheet evaluate it, the full-width forms East Asian locales accept included.
 */
const FORMULA_AT = /(^|[,;\t\r\n])([ "']*)(?=[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20])/g;

/** A leading apostrophe makes spreadsheets show the text as typed instead of evaluating it. */
export function neutraliseFormulas(s: string): string {
  return s.replace(FORMULA_AT, (_m, sep: string, pad: string) => `${sep}${pad}'`);
}

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string') s = neutraliseFormulas(s);
  return /[",;\t\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
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
