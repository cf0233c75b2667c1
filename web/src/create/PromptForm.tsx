// The prompt form shared by the tab's Create page and the Office task pane: prompt, size, quality, model, number
// of images, style, purpose, and what to leave out. It is controlled (the page owns the draft, so nothing typed is
// lost on an error) and shows the API's own message beside each field it refused.
import type { ModelView } from '@donatello/contracts';
import {
  Button,
  Dropdown,
  Field,
  Option,
  Radio,
  RadioGroup,
  SpinButton,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { ChevronDownRegular, ChevronUpRegular } from '@fluentui/react-icons';
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { SIZE_LABELS, formatAud } from '../format.ts';
import { stylesFor, type PromptDraft } from './draft.ts';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalXL,
    rowGap: tokens.spacingVerticalM,
  },
  grow: { flex: '1 1 220px', minWidth: 0 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  more: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXXS,
  },
  moreButton: { paddingLeft: 0, minWidth: 0 },
  summary: { color: tokens.colorNeutralForeground3 },
  folded: { display: 'none' },
});

/** The settings a compact form folds under "More options". */
const MORE_FIELDS = ['quality', 'model', 'n', 'style', 'purpose', 'negativePrompt'];

export const PROMPT_MAX = 4000;

export interface PromptFormProps {
  draft: PromptDraft;
  onChange: (draft: PromptDraft) => void;
  onSubmit: () => void;
  /** Models the department may use; null while loading. */
  models: ModelView[] | null;
  /** The API's field messages, keyed as in PromptDraft (`prompt`, `n`, `style`…). */
  fieldErrors?: Record<string, string>;
  busy?: boolean;
  submitLabel?: string;
  /** Narrow layouts (task panes): prompt and shape, the rest under "More options"; fewer hints. */
  compact?: boolean;
  /** Said under the shape, in place of the pixel size (the add-in: "Matches the slide (16:9)"). */
  sizeHint?: string;
}

export function PromptForm({
  draft,
  onChange,
  onSubmit,
  models,
  fieldErrors = {},
  busy = false,
  submitLabel = 'Generate',
  compact = false,
  sizeHint,
}: PromptFormProps) {
  const styles = useStyles();
  const set = <K extends keyof PromptDraft>(key: K, value: PromptDraft[K]) =>
    onChange({ ...draft, [key]: value });
  const styleOptions = stylesFor(models ?? [], draft.model);
  const modelLabel = (id: string) => {
    if (id === 'auto') return 'Automatic: the cheapest model that fits';
    const m = models?.find((x) => x.id === id);
    return m
      ? `${m.displayName} (${formatAud(m.unitPriceAud[draft.quality] ?? m.unitPriceAud.standard)} each)`
      : id;
  };
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (!busy) onSubmit();
  };
  const onPromptKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
  };
  const error = (key: string) =>
    fieldErrors[key] ? { validationState: 'error' as const, validationMessage: fieldErrors[key] } : {};
  // Compact: the less used settings fold away, and open by themselves when the API refuses one of them.
  const [more, setMore] = useState(false);
  const moreId = useId();
  const hiddenError = MORE_FIELDS.some((k) => fieldErrors[k]);
  const showMore = !compact || more || hiddenError;
  const summary = [
    draft.quality === 'hd' ? 'HD' : 'Standard quality',
    draft.model === 'auto' ? 'automatic model' : modelLabel(draft.model),
    `${draft.n} image${draft.n === 1 ? '' : 's'}`,
    ...(draft.style ? [draft.style] : []),
    draft.purpose === 'external' ? 'published outside' : 'used inside',
    ...(draft.negativePrompt.trim() ? ['with things to leave out'] : []),
  ].join(' · ');
  const quality = (
    <Field label="Quality" {...error('quality')}>
      <RadioGroup
        layout="horizontal"
        value={draft.quality}
        onChange={(_e, d) => set('quality', d.value as PromptDraft['quality'])}
      >
        <Radio value="standard" label="Standard" />
        <Radio value="hd" label="HD" />
      </RadioGroup>
    </Field>
  );

  return (
    <form className={styles.form} onSubmit={submit} aria-label="Create an image" noValidate>
      <Field
        label="Describe the image"
        required
        hint={
          compact ? undefined : `${draft.prompt.length} of ${PROMPT_MAX} characters. Ctrl+Enter generates.`
        }
        {...error('prompt')}
      >
        <Textarea
          value={draft.prompt}
          onChange={(_e, d) => set('prompt', d.value)}
          onKeyDown={onPromptKey}
          resize="vertical"
          rows={compact ? 3 : 4}
          placeholder="A koala presenting quarterly results in a bright boardroom"
        />
      </Field>
      <div className={styles.row}>
        <Field
          label="Shape"
          className={styles.grow}
          hint={sizeHint ?? (compact ? undefined : `${draft.size.replace('x', ' × ')} pixels`)}
          {...error('size')}
        >
          <RadioGroup
            layout="horizontal"
            value={draft.size}
            onChange={(_e, d) => set('size', d.value as PromptDraft['size'])}
          >
            {Object.entries(SIZE_LABELS).map(([value, label]) => (
              <Radio key={value} value={value} label={label} />
            ))}
          </RadioGroup>
        </Field>
        {compact ? null : quality}
      </div>
      {compact ? (
        <div className={styles.more}>
          <Button
            appearance="transparent"
            icon={showMore ? <ChevronUpRegular /> : <ChevronDownRegular />}
            aria-expanded={showMore}
            aria-controls={moreId}
            onClick={() => setMore(!showMore)}
            className={styles.moreButton}
          >
            More options
          </Button>
          {showMore ? null : (
            <Text size={200} className={styles.summary}>
              {summary}
            </Text>
          )}
        </div>
      ) : null}
      <div id={moreId} className={mergeClasses(styles.form, !showMore && styles.folded)}>
        {compact ? quality : null}
        <div className={styles.row}>
          <Field label="Model" className={styles.grow} {...error('model')}>
            <Dropdown
              value={modelLabel(draft.model)}
              selectedOptions={[draft.model]}
              onOptionSelect={(_e, d) => d.optionValue && set('model', d.optionValue)}
              disabled={models === null}
            >
              <Option value="auto" text={modelLabel('auto')}>
                {modelLabel('auto')}
              </Option>
              {(models ?? []).map((m) => (
                <Option key={`${m.provider}/${m.id}`} value={m.id} text={modelLabel(m.id)}>
                  {modelLabel(m.id)}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field label="Images" {...error('n')}>
            <SpinButton
              value={draft.n}
              min={1}
              max={4}
              onChange={(_e, d) => {
                const v = d.value ?? Number(d.displayValue);
                if (Number.isInteger(v) && v >= 1 && v <= 4) set('n', v);
              }}
            />
          </Field>
        </div>
        <div className={styles.row}>
          <Field label="Style" className={styles.grow} {...error('style')}>
            <Dropdown
              value={draft.style || 'Any style'}
              selectedOptions={[draft.style]}
              onOptionSelect={(_e, d) => set('style', d.optionValue ?? '')}
            >
              <Option value="" text="Any style">
                Any style
              </Option>
              {styleOptions.map((s) => (
                <Option key={s} value={s}>
                  {s}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field
            label="Where it will be used"
            className={styles.grow}
            hint="Published outside: commercially safe models first."
            {...error('purpose')}
          >
            <RadioGroup
              layout="horizontal"
              value={draft.purpose}
              onChange={(_e, d) => set('purpose', d.value as PromptDraft['purpose'])}
            >
              <Radio value="internal" label="Inside" />
              <Radio value="external" label="Published outside" />
            </RadioGroup>
          </Field>
        </div>
        <Field label="Leave out (optional)" {...error('negativePrompt')}>
          <Textarea
            value={draft.negativePrompt}
            onChange={(_e, d) => set('negativePrompt', d.value)}
            rows={2}
            resize="vertical"
          />
        </Field>
      </div>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy || !draft.prompt.trim()}>
          {submitLabel}
        </Button>
        {busy ? <Spinner size="tiny" label="Working…" /> : null}
      </div>
    </form>
  );
}
