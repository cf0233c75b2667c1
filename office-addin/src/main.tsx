// The task pane's entry (taskpane.html). Office.js has run first (a plain <script> from Microsoft's CDN); this asks
// Office.onReady which app the pane is in, then renders: inside PowerPoint or Word the pane works on the document
// through its host module; in a plain browser, or when Office.js could not load (offline), it runs as the preview
// beside a simulated slide or page.
import { createRoot } from 'react-dom/client';
import { DevSignIn, createMemoryHistory, loadMsal, startWebSession } from '@donatello/web';
import { officeHostFor } from './host/index.ts';
import { TaskPaneApp } from './pane/TaskPaneApp.tsx';
import { initialRoute } from './pane/routes.ts';
import { unsupportedHost } from './pane/unsupported-host.ts';
import { DIALOG_QUERY } from './session/dialog-message.ts';
import { officeReady } from './session/office-boot.ts';
import { officeHostCandidate } from './session/office-session.ts';

function localStore(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null; // storage blocked in some embedded frames
  }
}

async function boot(): Promise<void> {
  const ready = await officeReady(typeof Office === 'undefined' ? undefined : Office);
  const inOffice = ready !== null && ready.host !== null;
  const storage = localStore();
  const page = location.href.split('#')[0]!.split('?')[0]!;
  const popupRedirectUri = new URL('auth.html', page).toString();

  const connect = startWebSession({
    candidates: inOffice
      ? [
          officeHostCandidate({
            sdk: ready.sdk,
            ready,
            msal: loadMsal,
            pageHost: location.host,
            dialogUrl: `${popupRedirectUri}?${DIALOG_QUERY}`,
            devSignIn: () => new DevSignIn({ storage }),
          }),
        ]
      : [],
    msal: loadMsal,
    popupRedirectUri,
    storage,
  });
  const documentHost = inOffice ? (officeHostFor(ready) ?? unsupportedHost(ready.host ?? 'Office')) : null;

  createRoot(document.getElementById('root')!).render(
    <TaskPaneApp
      connect={connect}
      history={createMemoryHistory(initialRoute(location.hash))}
      documentHost={documentHost}
    />,
  );
}

void boot();
