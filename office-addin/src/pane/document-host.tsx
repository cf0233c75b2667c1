// The document the pane inserts into, handed down once from the page's entry: PowerPoint, Word (host modules over
// Office.js) or the preview's simulated slide or page. Components ask for it here and never reach Office.js.
// Must not break: capabilities and the selection are read through the host only, and re-read after each insert
// and when the pane regains focus (the person may have moved to another slide or made the document editable).
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { HostCapabilities, OfficeHost, SelectionInfo } from '../host/index.ts';

const DocumentHostContext = createContext<OfficeHost | null>(null);

export function DocumentHostProvider({ host, children }: { host: OfficeHost; children: ReactNode }) {
  return <DocumentHostContext.Provider value={host}>{children}</DocumentHostContext.Provider>;
}

export function useDocumentHost(): OfficeHost {
  const host = useContext(DocumentHostContext);
  if (!host) throw new Error('useDocumentHost outside DocumentHostProvider');
  return host;
}

export interface DocumentState {
  capabilities: HostCapabilities | null;
  selection: SelectionInfo | null;
  /** Reads both again (after an insert). */
  refresh: () => void;
}

export function useDocumentState(host: OfficeHost): DocumentState {
  const [capabilities, setCapabilities] = useState<HostCapabilities | null>(null);
  const [selection, setSelection] = useState<SelectionInfo | null>(null);
  const [round, setRound] = useState(0);
  const refresh = useCallback(() => setRound((r) => r + 1), []);

  useEffect(() => {
    let live = true;
    host.capabilities().then(
      (c) => live && setCapabilities(c),
      () => live && setCapabilities(null),
    );
    host.selectionInfo().then(
      (s) => live && setSelection(s),
      () => live && setSelection(null),
    );
    return () => {
      live = false;
    };
  }, [host, round]);

  useEffect(() => {
    window.addEventListener('focus', refresh);
    return () => window.removeEventListener('focus', refresh);
  }, [refresh]);

  return { capabilities, selection, refresh };
}

/** Where an insert goes, for sentences: "the slide", "the document", "the preview slide". */
export function documentNoun(c: Pick<HostCapabilities, 'kind'> | null, preview?: 'slide' | 'page'): string {
  if (c?.kind === 'powerpoint') return 'the slide';
  if (c?.kind === 'word') return 'the document';
  return preview === 'page' ? 'the preview page' : 'the preview slide';
}
