// Create, in the task pane (issue #12 "What the task pane does"): the shared prompt form with the shape defaulting
// to the slide's (defaultAspect), the live quote and the budget, Generate with progress (a soft-limit request
// shows who must approve and updates when they decide; hard limits and personal information are explained), then
// the images with the insert panel. The draft survives a reload of the pane (session storage).
import { makeStyles, tokens } from '@fluentui/react-components';
import {
  ApiProblem,
  BudgetMeter,
  GenerationStatus,
  ProblemBar,
  PromptForm,
  QuotePanel,
  useCreateForm,
  useNavigate,
  useSignedIn,
} from '@donatello/web';
import { useEffect, useState } from 'react';
import type { ImageSize } from '../host/index.ts';
import { useDocumentHost } from '../pane/document-host.tsx';
import { InsertPanel } from '../insert/InsertPanel.tsx';
import { usePreviewSurface } from '../preview/preview-surface.tsx';
import { shapeHint } from './shape-hint.ts';

const DRAFT_KEY = 'donatello.addin.draft';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  result: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export function CreatePage() {
  const styles = useStyles();
  const { api, me } = useSignedIn();
  const host = useDocumentHost();
  const navigate = useNavigate();
  const preview = usePreviewSurface();
  const surface = host.kind === 'word' ? 'page' : host.kind === 'powerpoint' ? 'slide' : (preview ?? 'slide');
  const {
    fresh,
    draft,
    setDraft,
    editDraft,
    models,
    modelsError,
    request,
    quote,
    generation,
    fieldErrors,
    busy,
  } = useCreateForm(api, DRAFT_KEY);
  const [defaultSize, setDefaultSize] = useState<ImageSize | null>(null);
  const [chosen, setChosen] = useState(0);

  // The shape that suits the slide or page, unless this pane already has a draft of its own.
  useEffect(() => {
    let live = true;
    host.defaultAspect().then(
      (size) => {
        if (!live) return;
        setDefaultSize(size);
        if (fresh) setDraft((d) => ({ ...d, size }));
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [host, fresh, setDraft]);

  const done = generation.phase === 'succeeded' ? generation.generation : null;
  const image = done?.images[Math.min(chosen, done.images.length - 1)] ?? null;

  return (
    <div className={styles.page}>
      <h1 className={styles.title}>Create an image</h1>
      {me.department === null ? (
        <ProblemBar error={new ApiProblem({ code: 'no-department', status: 403, title: 'No department' })} />
      ) : null}
      <PromptForm
        compact
        draft={draft}
        onChange={editDraft}
        onSubmit={() => {
          if (!request) return;
          setChosen(0);
          void generation.start(request);
        }}
        models={models}
        fieldErrors={fieldErrors}
        busy={busy}
        sizeHint={shapeHint(draft.size, defaultSize, surface)}
      />
      {modelsError ? <ProblemBar error={modelsError} /> : null}
      <QuotePanel
        state={quote}
        draft={draft}
        models={models}
        departmentName={me.department?.name ?? null}
        onChooseModel={(model) => setDraft({ ...draft, model })}
        onReuse={(id) => navigate(`/recent/${id}`)}
      />
      {!quote.quote && me.budget ? (
        <BudgetMeter budget={me.budget} departmentName={me.department?.name ?? null} compact />
      ) : null}
      <section aria-label="Result" className={styles.result}>
        <GenerationStatus
          state={generation}
          selectedIndex={done && done.images.length > 1 ? chosen : undefined}
          tileShape="natural"
          onOpenImage={(_g, index) => setChosen(index)}
          imageActions={(g) =>
            image ? (
              <InsertPanel
                source={{ generationId: g.id, image }}
                prompt={g.prompt}
                which={
                  g.images.length > 1
                    ? `image ${Math.min(chosen, g.images.length - 1) + 1} of ${g.images.length} (select another above)`
                    : null
                }
              />
            ) : null
          }
        />
      </section>
    </div>
  );
}
