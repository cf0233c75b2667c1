// The audit filters as a form: each maps to one API filter (docs/api.md "Audit"); dates are local days.
import type { AuditFilters, DepartmentView, UserView } from '@donatello/contracts';
import { Button, Dropdown, Field, Input, Option, makeStyles, tokens } from '@fluentui/react-components';
import type { FormEvent } from 'react';

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    alignItems: 'end',
  },
  field: { minWidth: 0 },
  /** Fluent inputs have a minimum width of their own: let the grid decide. */
  control: { minWidth: 0, width: '100%' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalM, gridColumn: 'span 2' },
});

export interface FilterFields {
  action: string;
  outcome: string;
  actorOid: string;
  targetType: string;
  targetId: string;
  departmentId: string;
  from: string;
  to: string;
}

export const EMPTY_FILTERS: FilterFields = {
  action: '',
  outcome: '',
  actorOid: '',
  targetType: '',
  targetId: '',
  departmentId: '',
  from: '',
  to: '',
};

/** A local calendar day (`2026-12-01`) as the instant it starts here, with an offset the API accepts. */
function dayStart(day: string): string {
  const d = new Date(`${day}T00:00:00`);
  return Number.isNaN(d.getTime()) ? day : d.toISOString();
}

export function toFilters(f: FilterFields): Partial<AuditFilters> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f) as [string, string][]) if (v.trim()) out[k] = v.trim();
  if (out.from) out.from = dayStart(out.from);
  // "To" is inclusive on screen: the API's `to` is exclusive, so the day after.
  if (out.to) {
    const d = new Date(`${out.to}T00:00:00`);
    d.setDate(d.getDate() + 1);
    out.to = Number.isNaN(d.getTime()) ? out.to : d.toISOString();
  }
  return out;
}

export function AuditFiltersForm({
  fields,
  onChange,
  onApply,
  onClear,
  people,
  departments,
  errors,
}: {
  fields: FilterFields;
  onChange: (f: FilterFields) => void;
  onApply: () => void;
  onClear: () => void;
  people: UserView[];
  departments: DepartmentView[];
  errors: Record<string, string>;
}) {
  const styles = useStyles();
  const set = (k: keyof FilterFields, v: string) => onChange({ ...fields, [k]: v });
  const err = (k: string) =>
    errors[k] ? { validationState: 'error' as const, validationMessage: errors[k] } : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply();
  };
  const person = people.find((p) => p.objectId === fields.actorOid);
  const dept = departments.find((d) => d.id === fields.departmentId);
  return (
    <form className={styles.form} onSubmit={submit} aria-label="Filter the audit trail">
      <Field label="Action" className={styles.field} {...err('action')}>
        <Input
          value={fields.action}
          placeholder="e.g. department.updated"
          onChange={(_e, d) => set('action', d.value)}
        />
      </Field>
      <Field label="Outcome" className={styles.field} {...err('outcome')}>
        <Dropdown
          className={styles.control}
          value={fields.outcome || 'Any'}
          selectedOptions={[fields.outcome]}
          onOptionSelect={(_e, d) => set('outcome', d.optionValue ?? '')}
        >
          <Option value="">Any</Option>
          <Option value="success">success</Option>
          <Option value="denied">denied</Option>
          <Option value="failure">failure</Option>
        </Dropdown>
      </Field>
      <Field label="Who" className={styles.field} {...err('actorOid')}>
        <Dropdown
          className={styles.control}
          value={person?.displayName ?? (fields.actorOid || 'Anyone')}
          selectedOptions={[fields.actorOid]}
          onOptionSelect={(_e, d) => set('actorOid', d.optionValue ?? '')}
        >
          <Option value="">Anyone</Option>
          {people.map((p) => (
            <Option key={p.objectId} value={p.objectId}>
              {p.displayName}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Target type" className={styles.field} {...err('targetType')}>
        <Input
          value={fields.targetType}
          placeholder="e.g. generation"
          onChange={(_e, d) => set('targetType', d.value)}
        />
      </Field>
      <Field label="Target id" className={styles.field} {...err('targetId')}>
        <Input
          className={styles.control}
          value={fields.targetId}
          onChange={(_e, d) => set('targetId', d.value)}
        />
      </Field>
      {departments.length > 1 ? (
        <Field label="Department" className={styles.field} {...err('departmentId')}>
          <Dropdown
            className={styles.control}
            value={dept?.name ?? 'Any'}
            selectedOptions={[fields.departmentId]}
            onOptionSelect={(_e, d) => set('departmentId', d.optionValue ?? '')}
          >
            <Option value="">Any</Option>
            {departments.map((d) => (
              <Option key={d.id} value={d.id}>
                {d.name}
              </Option>
            ))}
          </Dropdown>
        </Field>
      ) : null}
      <Field label="From (day)" className={styles.field} {...err('from')}>
        <Input
          className={styles.control}
          type="date"
          value={fields.from}
          onChange={(_e, d) => set('from', d.value)}
        />
      </Field>
      <Field label="To (day, inclusive)" className={styles.field} {...err('to')}>
        <Input
          className={styles.control}
          type="date"
          value={fields.to}
          onChange={(_e, d) => set('to', d.value)}
        />
      </Field>
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary">
          Apply filters
        </Button>
        <Button onClick={onClear}>Clear</Button>
      </div>
    </form>
  );
}
