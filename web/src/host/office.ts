// The Office host (PowerPoint and Word task panes), as an interface only: the Office add-in (issue #12) implements
// it over Office.js in its own host module and hands a HostCandidate built from it to `connectHost`. Nothing in
// this package loads Office.js.
//
// What the add-in's implementation is expected to do, mirroring teams.ts (DESIGN §11):
// - `present()`: Office.js is on the page (`typeof Office !== 'undefined'`);
// - `connect()`: `Office.onReady()` raced against a timeout, null when `info.host` is null (outside Office);
// - tokens: nested app authentication (`MsalTokenSource` with method 'naa' and `msal('nested', …)`) when
//   `isSetSupported('NestedAppAuth', '1.1')`, the login hint from `Office.auth.getAuthContext()`, silently
//   (`ssoSilent`), then from a click `acquireTokenPopup`, then the Office dialog API (`dialogSignIn`, method
//   'office-dialog'); without NAA, `Office.auth.getAccessToken()` (method 'office-sso'), then the dialog;
//   the development sign-in when the backend has no Entra app (DEV_AUTH on, a developer's machine);
// - theme: `Office.context.officeTheme` mapped to 'light' | 'dark' (and live via the theme-changed event);
// - deepLink: null.
import type { HostCandidate } from './types.ts';

/** What the add-in needs of Office.js to sign in and theme its pages. */
export interface OfficeSdk {
  /** Resolves with the host application, null outside Office. */
  onReady(): Promise<{ host: string | null; platform: string | null }>;
  /** `Office.context.requirements.isSetSupported('NestedAppAuth', '1.1')`. */
  supportsNestedAppAuth(): boolean;
  /** `Office.auth.getAuthContext()`'s user principal name, for the silent sign-in. */
  loginHint(): Promise<string | null>;
  /** `Office.auth.getAccessToken({ allowSignInPrompt, allowConsentPrompt })`. */
  getAccessToken(opts: { interactive: boolean }): Promise<string>;
  /** Whether the Office theme is dark (`officeTheme.isDarkTheme`, or its body background). */
  isDarkTheme(): boolean;
  /** Office's theme changes (where the host reports them); returns the unsubscribe. */
  onThemeChange(listener: (dark: boolean) => void): () => void;
  /**
   * Opens `url` (a page of the add-in's own origin) with the Office dialog API and resolves with the first
   * message it sends (`Office.context.ui.messageParent`); rejects when the dialog cannot open or is closed.
   */
  dialogSignIn(url: string): Promise<string>;
}

/** Built by the add-in from its OfficeSdk; listed before the browser fallback in `connectHost`. */
export type OfficeHostCandidate = HostCandidate & { readonly kind: 'office' };
