// Insert one image into the slide or document (issue #12 "Insert"): the alt text, prefilled from the prompt
// ("AI-generated image: …") and editable, never empty unless "Mark as decorative" is ticked; what the insert will
// do with the current selection; then the result with Office's notes, or the refusal with what to do. Inserting
// again never generates or charges anything.
import {
  Button,
  Checkbox,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ImageAddRegular } from '@fluentui/react-icons';
import { ProblemBar, useSignedIn } from '@donatello/web';
import { useEffect, useId, useState } from 'react';
import { OfficeHostError, altTextProblem, composeAltText } from '../host/index.ts';
import { documentNoun, useDocumentHost, useDocumentState } from '../pane/document-host.tsx';
import { usePreviewSurface } from '../preview/preview-surface.tsx';
import { insertedSentence, type InsertSource } from './insert-image.ts';
import { useInsert } from './useInsert.ts';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
});

export interface InsertPanelProps {
  source: InsertSource;
  /** The prompt the image was made from: the alt text is prefilled from it. */
  prompt: string;
  /** Which of several images this is ("image 2 of 3"), null for a single image. */
  which?: string | null;
}

export function InsertPanel({ source, prompt, which = null }: InsertPanelProps) {
  const styles = useStyles();
  const { api } = useSignedIn();
  const host = useDocumentHost();
  const preview = usePreviewSurface();
  const doc = useDocumentState(host);
  const { state, insert, reset } = useInsert(api, host);
  const headingId = useId();
  const [description, setDescription] = useState(() => composeAltText(prompt));
  const [decorative, setDecorative] = useState(false);
  const [touched, setTouched] = useState(false);

  // Another image chosen: its own alt text, and no stale result.
  useEffect(() => {
    setDescription(composeAltText(prompt));
    setDecorative(false);
    setTouched(false);
    reset();
  }, [source.generationId, source.image.url, prompt, reset]);

  const caps = doc.capabilities;
  const noun = documentNoun(caps, preview);
  const problem = altTextProblem(description, decorative);
  const canInsert = caps?.canInsert === true && problem === null && state.status !== 'inserting';
  const where =
    caps?.kind === 'powerpoint'
      ? doc.selection?.slide
        ? `on slide ${doc.selection.slide}`
        : 'on the slide'
      : caps?.kind === 'word'
        ? 'at the cursor'
        : `on ${noun}`;

  const onInsert = () => {
    setTouched(true);
    if (!canInsert) return;
    void insert(source, { description, decorative }).then(() => doc.refresh());
  };

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        Insert into {noun}
      </h2>
      {which ? <Text className={styles.muted}>Inserting {which}.</Text> : null}
      {caps && !caps.canInsert ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Cannot insert here</MessageBarTitle> {caps.cannotInsertBecause}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <Field
        label="Alt text"
        hint={
          decorative
            ? 'Screen readers will skip this image.'
            : 'What a screen reader says instead of the image. Say what it shows.'
        }
        validationState={touched && problem ? 'error' : 'none'}
        validationMessage={touched && problem ? problem : undefined}
      >
        <Textarea
          value={decorative ? '' : description}
          disabled={decorative}
          rows={3}
          resize="vertical"
          onChange={(_e, d) => {
            setDescription(d.value);
            setTouched(true);
          }}
        />
      </Field>
      <Checkbox
        checked={decorative}
        onChange={(_e, d) => setDecorative(d.checked === true)}
        label="Mark as decorative (it only adds visual interest)"
      />
      {decorative && caps && !caps.decorative && caps.canInsert ? (
        <Text size={200} className={styles.muted}>
          {caps.name} cannot mark a picture as decorative from an add-in: after inserting, you will be told
          how to tick it yourself.
        </Text>
      ) : null}
      {doc.selection ? <Text className={styles.muted}>{doc.selection.summary}</Text> : null}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          icon={<ImageAddRegular />}
          disabled={caps?.canInsert !== true || state.status === 'inserting' || (touched && problem !== null)}
          onClick={onInsert}
        >
          {state.status === 'inserted' ? 'Insert again' : `Insert into ${noun}`}
        </Button>
        {state.status === 'inserting' ? <Spinner size="tiny" label="Inserting…" /> : null}
      </div>
      <Text size={200} className={styles.muted}>
        Inserting costs nothing: the image is already paid for.
      </Text>
      <InsertResult state={state} where={where} />
    </section>
  );
}

function InsertResult({ state, where }: { state: ReturnType<typeof useInsert>['state']; where: string }) {
  if (state.status === 'inserted') {
    return (
      <div role="status">
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Inserted</MessageBarTitle> {insertedSentence(state.outcome, where)}
          </MessageBarBody>
        </MessageBar>
        {state.outcome.result.notes.map((n) => (
          <MessageBar key={n.code} intent="warning" layout="multiline">
            <MessageBarBody>{n.message}</MessageBarBody>
          </MessageBar>
        ))}
      </div>
    );
  }
  if (state.status !== 'failed') return null;
  if (state.error instanceof OfficeHostError) {
    return (
      <MessageBar intent="error" layout="multiline" role="alert">
        <MessageBarBody>
          <MessageBarTitle>{state.error.message}</MessageBarTitle> {state.error.action}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return <ProblemBar error={state.error} />;
}
