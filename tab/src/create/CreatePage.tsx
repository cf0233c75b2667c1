// Create (issue #11): the shared prompt form with its live quote, Generate with progress and then the images; a
// soft-limit request shows who must approve and updates when they decide; refusals come back as the API's own
// words beside the fields or in a message bar. The draft survives errors, other pages and reloads (session).
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import {
  ApiProblem,
  BudgetMeter,
  GenerationStatus,
  ProblemBar,
  PromptForm,
  QuotePanel,
  RouteLink,
  draftFrom,
  useCreateForm,
  useLocation,
  useNavigate,
  useSignedIn,
} from '@donatello/web';

const DRAFT_KEY = 'donatello.createDraft';

const useStyles = makeStyles({
  page: {
    padding: tokens.spacingHorizontalL,
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(280px, 2fr)',
    gap: tokens.spacingHorizontalXXL,
    alignItems: 'start',
    '@media (max-width: 860px)': { gridTemplateColumns: '1fr' },
  },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  side: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
});

export function CreatePage() {
  const styles = useStyles();
  const { api, me } = useSignedIn();
  const { query } = useLocation();
  const navigate = useNavigate();
  const { draft, setDraft, editDraft, models, modelsError, request, quote, generation, fieldErrors, busy } =
    useCreateForm(api, DRAFT_KEY);

  // Regenerate from the gallery: /create?from=<generation id> fills the form with its settings.
  const from = query.get('from');
  useEffect(() => {
    if (!from) return;
    api.generation(from).then(
      (g) => {
        setDraft(draftFrom(g));
        generation.reset();
        navigate('/create', { replace: true });
      },
      () => navigate('/create', { replace: true }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [from]);

  const submit = () => {
    if (request) void generation.start(request);
  };

  return (
    <div className={styles.page}>
      <div className={styles.main}>
        <h1 className={styles.title}>Create an image</h1>
        {me.department === null ? (
          <ProblemBar
            error={new ApiProblem({ code: 'no-department', status: 403, title: 'No department' })}
          />
        ) : null}
        <PromptForm
          draft={draft}
          onChange={editDraft}
          onSubmit={submit}
          models={models}
          fieldErrors={fieldErrors}
          busy={busy}
        />
        {modelsError ? <ProblemBar error={modelsError} /> : null}
        <section aria-label="Result">
          <GenerationStatus
            state={generation}
            onOpenImage={(g) => navigate(`/gallery/${g.id}`)}
            imageActions={(g) => (
              <Text>
                <RouteLink to={`/gallery/${g.id}`}>Open in the gallery</RouteLink>
              </Text>
            )}
          />
        </section>
      </div>
      <aside className={styles.side} aria-label="Price and budget">
        <QuotePanel
          state={quote}
          draft={draft}
          models={models}
          departmentName={me.department?.name ?? null}
          onChooseModel={(model) => setDraft({ ...draft, model })}
          onReuse={(id) => navigate(`/gallery/${id}`)}
        />
        {!quote.quote && me.budget ? (
          <BudgetMeter budget={me.budget} departmentName={me.department?.name ?? null} />
        ) : null}
      </aside>
    </div>
  );
}
