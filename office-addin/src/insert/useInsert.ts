// The state of one insert from the pane: fetching the bytes, Office placing them, then what happened (the result
// and its notes, or the host's refusal with what to do). A second click while one runs is ignored, so one click
// is one picture in the document.
import { useCallback, useRef, useState } from 'react';
import type { ApiClient } from '@donatello/web';
import type { OfficeHost } from '../host/index.ts';
import { insertImage, type AltTextChoice, type InsertOutcome, type InsertSource } from './insert-image.ts';

export type InsertState =
  | { status: 'idle' }
  | { status: 'inserting' }
  | { status: 'inserted'; outcome: InsertOutcome }
  | { status: 'failed'; error: unknown };

export function useInsert(api: ApiClient, host: OfficeHost) {
  const [state, setState] = useState<InsertState>({ status: 'idle' });
  const busy = useRef(false);

  const insert = useCallback(
    async (source: InsertSource, alt: AltTextChoice): Promise<InsertOutcome | null> => {
      if (busy.current) return null;
      busy.current = true;
      setState({ status: 'inserting' });
      try {
        const outcome = await insertImage(api, host, source, alt);
        setState({ status: 'inserted', outcome });
        return outcome;
      } catch (error) {
        setState({ status: 'failed', error });
        return null;
      } finally {
        busy.current = false;
      }
    },
    [api, host],
  );

  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { state, insert, reset };
}
