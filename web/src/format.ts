// How amounts, dates, roles and safety findings read on screen. Money stays a decimal string from the API
// (no floating point touches it): only its zeros are trimmed for display.
const ROLE_LABELS: Record<string, string> = {
  standard_user: 'Standard user',
  power_user: 'Power user',
  dept_manager: 'Department manager',
  org_admin: 'Organisation admin',
  super_admin: 'Super admin',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}

/** "4.9600" → "A$4.96"; "0.0025" → "A$0.0025"; at least two decimal places, at most the four the API sends. */
export function formatAud(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) return amount;
  const [, sign, whole, frac = ''] = m;
  let decimals = frac.replace(/0+$/, '');
  if (decimals.length < 2) decimals = decimals.padEnd(2, '0');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}A$${grouped}.${decimals}`;
}

const dateTime = new Intl.DateTimeFormat('en-AU', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-AU', { dateStyle: 'medium' });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

/**
 * A day. A bare date (`2026-12-01`) is shown as it is; an instant is shown as the day it falls on in `timeZone`
 * (a budget period that starts at midnight in Sydney starts on the 1st, whatever the viewer's zone).
 */
export function formatDate(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    const d = new Date(`${iso}T00:00:00Z`);
    return Number.isNaN(d.getTime())
      ? iso
      : new Intl.DateTimeFormat('en-AU', { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
  }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return timeZone
    ? new Intl.DateTimeFormat('en-AU', { dateStyle: 'medium', timeZone }).format(d)
    : dateOnly.format(d);
}

export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

const FINDINGS: Record<string, string> = {
  email: 'an email address',
  au_phone: 'a phone number',
  payment_card: 'a payment card number',
  au_tfn: 'a tax file number',
  au_medicare: 'a Medicare number',
  au_abn: 'an ABN',
  blocklist: "a term your organisation's blocklist does not allow",
  moderation: 'content the moderation service refused',
  provider_policy: "content the image provider's policy refused",
};

/** "an email address at characters 12–30": what and where, never the matched text. */
export function describeFinding(f: {
  type: string;
  start?: number;
  end?: number;
  category?: string;
  field?: string;
}): string {
  const what = FINDINGS[f.type] ?? f.type.replace(/_/g, ' ');
  const category = f.category ? ` (${f.category.replace(/[_/]/g, ' ')})` : '';
  const where =
    f.type === 'moderation' || f.start === undefined || f.end === undefined
      ? ''
      : ` at characters ${f.start + 1}–${f.end}`;
  const field = f.field === 'negativePrompt' ? ' in the negative prompt' : '';
  return `${what}${category}${where}${field}`;
}

export const SIZE_LABELS: Record<string, string> = {
  '1024x1024': 'Square',
  '1792x1024': 'Landscape',
  '1024x1792': 'Portrait',
};
