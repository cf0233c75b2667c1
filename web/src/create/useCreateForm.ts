// What a Create page holds, whichever surface shows it (the tab's page, the add-in's pane): the draft (kept in
// session storage under the surface's own key, so it survives errors, other pages and reloads), the models to
// choose from, the live quote (asked again when a generation settles, since that changed what the department has
// left), the running generation, and the API's field messages for the form. Layout and what to do with the
// images stay with each surface.
import type { ModelView } from '@donatello/contracts';
import { useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../api/client.ts';
import { ApiProblem } from '../api/problem.ts';
import { EMPTY_DRAFT, toRequest, type PromptDraft } from './draft.ts';
import { useGeneration } from './useGeneration.ts';
import { useQuote } from './useQuote.ts';

/** The draft saved under `key` in this tab's session, or null when there is none (or storage is blocked). */
export function savedDraft(key: string): PromptDraft | null {
  try {
    const saved = sessionStorage.getItem(key);
    return saved ? { ...EMPTY_DRAFT, ...(JSON.parse(saved) as Partial<PromptDraft>) } : null;
  } catch {
    return null;
  }
}

export function useCreateForm(api: ApiClient, draftKey: string) {
  // Read once, before the first save: strict mode runs effects twice, and a caller asking whether the draft is
  // fresh must not see the page's own first save as an earlier draft.
  const [fresh] = useState(() => savedDraft(draftKey) === null);
  const [draft, setDraft] = useState<PromptDraft>(() => savedDraft(draftKey) ?? EMPTY_DRAFT);
  const [models, setModels] = useState<ModelView[] | null>(null);
  const [modelsError, setModelsError] = useState<unknown>(null);
  const generation = useGeneration(api);
  const request = useMemo(() => toRequest(draft), [draft]);
  const settled =
    generation.phase === 'succeeded' || generation.phase === 'waiting-approval'
      ? generation.generation?.id
      : null;
  const quote = useQuote(api, request, undefined, settled);

  useEffect(() => {
    try {
      sessionStorage.setItem(draftKey, JSON.stringify(draft));
    } catch {
      // storage blocked: the draft still lives while the page does
    }
  }, [draftKey, draft]);

  useEffect(() => {
    api.models().then(
      (page) => setModels(page.items),
      (err: unknown) => {
        setModels([]);
        setModelsError(err);
      },
    );
  }, [api]);

  // Field messages from the API: the quote checks the draft as it is typed, the generation when it is sent.
  const fieldErrors = useMemo(() => {
    const fromQuote = quote.error instanceof ApiProblem ? quote.error.fieldErrors() : {};
    const fromGeneration = generation.error instanceof ApiProblem ? generation.error.fieldErrors() : {};
    return { ...fromQuote, ...fromGeneration };
  }, [quote.error, generation.error]);

  return {
    /** True when this session had no saved draft: the caller may fill in its own defaults. */
    fresh,
    draft,
    setDraft,
    /** For the form's onChange: a new draft clears a failed generation's message. */
    editDraft: (d: PromptDraft) => {
      setDraft(d);
      if (generation.phase === 'failed') generation.reset();
    },
    models,
    modelsError,
    request,
    quote,
    generation,
    fieldErrors,
    busy: generation.phase === 'starting' || generation.phase === 'working',
  };
}
