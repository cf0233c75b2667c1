// Budgets: one department's limit, mode, alert thresholds, reset day, time zone, data residency, allowed
// providers and what happens to prompts with personal information. Admins edit (only changed fields are sent;
// the API's messages appear beside the fields); managers read. After a save, the audit record of the change.
import type { AuditRecordView, DepartmentView, UsageView } from '@donatello/contracts';
import { PROVIDER_IDS } from '@donatello/contracts';
import {
  Button,
  Card,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiProblem, ProblemBar, formatAud, formatDate, formatDateTime, useSignedIn } from '@donatello/web';
import { changes, fieldsOf, messageFor, patchOf, type BudgetFields } from './budget-form.ts';

const useStyles = makeStyles({
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 2fr) minmax(260px, 1fr)',
    gap: tokens.spacingHorizontalXXL,
    alignItems: 'start',
    '@media (max-width: 900px)': { gridTemplateColumns: '1fr' },
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '640px' },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalXL,
    rowGap: tokens.spacingVerticalM,
  },
  grow: { flex: '1 1 200px' },
  providers: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM },
  side: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  muted: { color: tokens.colorNeutralForeground3 },
  hash: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
});

const PROVIDER_NAMES: Record<string, string> = {
  'azure-openai': 'Azure OpenAI',
  openai: 'OpenAI',
  replicate: 'Replicate',
  firefly: 'Adobe Firefly',
  local: 'Local (offline)',
};

export function BudgetsPage({
  department,
  editable,
  onSaved,
}: {
  department: DepartmentView;
  editable: boolean;
  onSaved: (d: DepartmentView) => void;
}) {
  const styles = useStyles();
  const { api } = useSignedIn();
  const [current, setCurrent] = useState(department);
  const [fields, setFields] = useState<BudgetFields>(() => fieldsOf(department));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<{
    record: AuditRecordView | null;
    before: DepartmentView;
    after: DepartmentView;
  } | null>(null);
  const [usage, setUsage] = useState<UsageView | null>(null);

  useEffect(() => {
    api.usage(department.id, { groupBy: 'provider' }).then(setUsage, () => setUsage(null));
  }, [api, department.id, saved]);

  const errors = error instanceof ApiProblem ? error.fieldErrors() : {};
  const set = <K extends keyof BudgetFields>(k: K, v: BudgetFields[K]) =>
    setFields((f) => ({ ...f, [k]: v }));
  const msg = (key: string) => {
    const m = messageFor(errors, key);
    return m ? { validationState: 'error' as const, validationMessage: m } : {};
  };
  const patch = patchOf(current, fields);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!patch) return;
    setSaving(true);
    setError(null);
    setSaved(null);
    try {
      const after = await api.updateDepartment(current.id, patch);
      const audit = await api
        .audit({ action: 'department.updated', targetId: current.id, limit: 1 })
        .catch(() => null);
      setSaved({ record: audit?.items[0] ?? null, before: current, after });
      setCurrent(after);
      setFields(fieldsOf(after));
      onSaved(after);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const ro = !editable;
  return (
    <div className={styles.layout}>
      <form
        className={styles.form}
        onSubmit={(e) => void save(e)}
        aria-label={`Budget of ${current.name}`}
        noValidate
      >
        {ro ? (
          <MessageBar intent="info">
            <MessageBarBody>
              Only organisation admins change budgets. You see {current.name}'s settings.
            </MessageBarBody>
          </MessageBar>
        ) : null}
        <Field label="Department name" {...msg('name')}>
          <Input value={fields.name} readOnly={ro} onChange={(_e, d) => set('name', d.value)} />
        </Field>
        <div className={styles.row}>
          <Field
            label="Monthly limit (AUD)"
            className={styles.grow}
            hint="Up to 4 decimal places."
            {...msg('budget.limitAud')}
          >
            <Input
              value={fields.limitAud}
              readOnly={ro}
              inputMode="decimal"
              contentBefore={<Text>A$</Text>}
              onChange={(_e, d) => set('limitAud', d.value)}
            />
          </Field>
          <Field label="When the limit is reached" className={styles.grow} {...msg('budget.mode')}>
            <RadioGroup
              value={fields.mode}
              disabled={ro}
              onChange={(_e, d) => set('mode', d.value as BudgetFields['mode'])}
            >
              <Radio value="hard" label="Hard: refuse requests" />
              <Radio value="soft" label="Soft: a manager approves each overage" />
              <Radio value="warn" label="Warn: allow, and tell the managers" />
            </RadioGroup>
          </Field>
        </div>
        <div className={styles.row}>
          <Field
            label="Alert thresholds (%)"
            className={styles.grow}
            hint="Comma-separated, increasing, 1-100."
            {...msg('budget.thresholds')}
          >
            <Input value={fields.thresholds} readOnly={ro} onChange={(_e, d) => set('thresholds', d.value)} />
          </Field>
          <Field label="Reset day" hint="1-28, in the time zone below." {...msg('budget.resetDay')}>
            <Input
              value={fields.resetDay}
              readOnly={ro}
              inputMode="numeric"
              onChange={(_e, d) => set('resetDay', d.value)}
            />
          </Field>
          <Field label="Time zone" className={styles.grow} {...msg('budget.timeZone')}>
            <Input value={fields.timeZone} readOnly={ro} onChange={(_e, d) => set('timeZone', d.value)} />
          </Field>
        </div>
        <Field label="Data residency" {...msg('policy.residency')}>
          <RadioGroup
            layout="horizontal"
            value={fields.residency}
            disabled={ro}
            onChange={(_e, d) => set('residency', d.value as BudgetFields['residency'])}
          >
            <Radio value="any" label="Any region" />
            <Radio value="au-only" label="Australia only" />
          </RadioGroup>
        </Field>
        <Field
          label="Allowed providers"
          hint="None ticked: every configured provider."
          {...msg('policy.allowedProviders')}
        >
          <div className={styles.providers} role="group" aria-label="Allowed providers">
            {PROVIDER_IDS.map((p) => (
              <Checkbox
                key={p}
                label={PROVIDER_NAMES[p] ?? p}
                disabled={ro}
                checked={fields.allowedProviders.includes(p)}
                onChange={(_e, d) =>
                  set(
                    'allowedProviders',
                    d.checked
                      ? [...fields.allowedProviders, p]
                      : fields.allowedProviders.filter((x) => x !== p),
                  )
                }
              />
            ))}
          </div>
        </Field>
        <Field label="Prompts with personal information" {...msg('policy.piiAction')}>
          <RadioGroup
            layout="horizontal"
            value={fields.piiAction}
            disabled={ro}
            onChange={(_e, d) => set('piiAction', d.value as BudgetFields['piiAction'])}
          >
            <Radio value="block" label="Refuse them" />
            <Radio value="warn" label="Allow with a warning" />
          </RadioGroup>
        </Field>
        {editable ? (
          <div className={styles.row}>
            <Button type="submit" appearance="primary" disabled={saving || !patch}>
              {saving ? 'Saving…' : 'Save changes'}
            </Button>
            <Button
              disabled={saving || !patch}
              onClick={() => {
                setFields(fieldsOf(current));
                setError(null);
              }}
            >
              Undo changes
            </Button>
          </div>
        ) : null}
        <ProblemBar error={error} />
      </form>
      <div className={styles.side}>
        <Card>
          <Text weight="semibold">This period</Text>
          {usage ? (
            <Text>
              {formatAud(usage.totalAud)} spent of {formatAud(current.budget.limitAud)} on {usage.generations}{' '}
              request{usage.generations === 1 ? '' : 's'}, {formatDate(usage.from, current.budget.timeZone)}{' '}
              to {formatDate(usage.to, current.budget.timeZone)}.
            </Text>
          ) : (
            <Text className={styles.muted}>Spending is not available.</Text>
          )}
        </Card>
        {saved ? <SavedChange {...saved} /> : null}
      </div>
    </div>
  );
}

function SavedChange({
  record,
  before,
  after,
}: {
  record: AuditRecordView | null;
  before: DepartmentView;
  after: DepartmentView;
}) {
  const styles = useStyles();
  return (
    <MessageBar intent="success" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Saved and audited</MessageBarTitle>
        <ul className={styles.list} aria-label="What changed">
          {changes(before, after).map((c) => (
            <li key={c.field}>
              {c.field}: {c.before} → {c.after}
            </li>
          ))}
        </ul>
        {record ? (
          <Text size={200} as="p">
            Audit record #{record.seq}, {formatDateTime(record.at)}, hash{' '}
            <span className={styles.hash}>{record.hash.slice(0, 16)}…</span>
          </Text>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}
