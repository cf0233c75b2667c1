// Loads Office.js from Microsoft's CDN into a page that does not load it up front (auth.html, which needs it only
// when the dialog API opened it). The task pane itself loads it with a plain <script> in taskpane.html.
// Must not break: the URL is exactly the one the backend's CSP allows (backend/src/http/security.ts).
import type { OfficeNamespace } from './office-sdk.ts';

export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** The `Office` namespace once the script has run; null when it cannot load (offline). */
export function loadOfficeJs(): Promise<OfficeNamespace | null> {
  if (typeof Office !== 'undefined') return Promise.resolve(Office);
  return new Promise((resolve) => {
    const script = document.createElement('script');
    script.src = OFFICE_JS_URL;
    script.onload = () => resolve(typeof Office === 'undefined' ? null : Office);
    script.onerror = () => resolve(null);
    document.head.append(script);
  });
}
