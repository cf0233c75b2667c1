// The budget form's text fields and the PATCH they become: only what changed is sent, numbers stay as typed when
// they are not numbers (so the API, not the page, says what is wrong), and the API's field paths map back to the
// fields. Also the before/after of an audited change, for the confirmation after saving.
import type { DepartmentView, UpdateDepartmentRequest } from '@donatello/contracts';

export interface BudgetFields {
  name: string;
  limitAud: string;
  mode: DepartmentView['budget']['mode'];
  thresholds: string;
  resetDay: string;
  timeZone: string;
  residency: DepartmentView['policy']['residency'];
  allowedProviders: string[];
  piiAction: DepartmentView['policy']['piiAction'];
}

/** "5.0000" → "5.00": what a person would type. */
function plainAmount(aud: string): string {
  return aud.replace(/(\.\d\d)0+$/, '$1');
}

export function fieldsOf(d: DepartmentView): BudgetFields {
  return {
    name: d.name,
    limitAud: plainAmount(d.budget.limitAud),
    mode: d.budget.mode,
    thresholds: d.budget.thresholds.join(', '),
    resetDay: String(d.budget.resetDay),
    timeZone: d.budget.timeZone,
    residency: d.policy.residency,
    allowedProviders: [...d.policy.allowedProviders],
    piiAction: d.policy.piiAction,
  };
}

const asNumber = (s: string): number | string => (/^\s*-?\d+\s*$/.test(s) ? Number(s) : s.trim());

/** The PATCH body: the fields that differ from the department as loaded; null when nothing changed. */
export function patchOf(d: DepartmentView, f: BudgetFields): UpdateDepartmentRequest | null {
  const was = fieldsOf(d);
  const budget: Record<string, unknown> = {};
  const policy: Record<string, unknown> = {};
  const patch: Record<string, unknown> = {};
  if (f.name.trim() !== was.name) patch.name = f.name.trim();
  if (f.limitAud.trim() !== was.limitAud && f.limitAud.trim() !== d.budget.limitAud)
    budget.limitAud = f.limitAud.trim();
  if (f.mode !== was.mode) budget.mode = f.mode;
  if (f.thresholds.replace(/\s/g, '') !== was.thresholds.replace(/\s/g, '')) {
    budget.thresholds = f.thresholds
      .split(',')
      .filter((s) => s.trim() !== '')
      .map(asNumber);
  }
  if (f.resetDay.trim() !== was.resetDay) budget.resetDay = asNumber(f.resetDay);
  if (f.timeZone.trim() !== was.timeZone) budget.timeZone = f.timeZone.trim();
  if (f.residency !== was.residency) policy.residency = f.residency;
  if ([...f.allowedProviders].sort().join() !== [...was.allowedProviders].sort().join())
    policy.allowedProviders = f.allowedProviders;
  if (f.piiAction !== was.piiAction) policy.piiAction = f.piiAction;
  if (Object.keys(budget).length) patch.budget = budget;
  if (Object.keys(policy).length) patch.policy = policy;
  return Object.keys(patch).length ? patch : null;
}

/** The API's message for a field (`budget.thresholds` also takes `budget.thresholds.2`). */
export function messageFor(errors: Record<string, string>, key: string): string | undefined {
  if (errors[key]) return errors[key];
  const nested = Object.keys(errors).find((k) => k.startsWith(`${key}.`));
  return nested ? errors[nested] : undefined;
}

export interface Change {
  field: string;
  before: string;
  after: string;
}

const LABELS: [string, (d: DepartmentView) => string][] = [
  ['Name', (d) => d.name],
  ['Monthly limit', (d) => `A$${plainAmount(d.budget.limitAud)}`],
  ['Mode', (d) => d.budget.mode],
  ['Alert thresholds', (d) => d.budget.thresholds.map((t) => `${t}%`).join(', ')],
  ['Reset day', (d) => String(d.budget.resetDay)],
  ['Time zone', (d) => d.budget.timeZone],
  ['Data residency', (d) => d.policy.residency],
  [
    'Allowed providers',
    (d) => (d.policy.allowedProviders.length ? d.policy.allowedProviders.join(', ') : 'all'),
  ],
  ['Personal information', (d) => d.policy.piiAction],
];

/** What an audited department change changed, in words. */
export function changes(before: DepartmentView, after: DepartmentView): Change[] {
  return LABELS.map(([field, read]) => ({ field, before: read(before), after: read(after) })).filter(
    (c) => c.before !== c.after,
  );
}
