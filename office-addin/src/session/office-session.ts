// The Office host for the shared sign-in (web/src/host/connect.ts): after Office.onReady named PowerPoint or Word,
// the session's tokens come from Office (office-tokens.ts), or from the development sign-in with its user switcher
// when the backend has no Entra app (DEV_AUTH on, a developer's machine); the theme follows Office's.
// Must not break: outside Office (host null) this candidate never connects, so a plain browser gets the
// browser session (dev sign-in or an MSAL popup) and the preview.
import type {
  DevSignIn,
  HostSession,
  HostTheme,
  MsalFactory,
  OfficeHostCandidate,
  OfficeSdk,
  ThemeName,
} from '@donatello/web';
import { officeTokens } from './office-tokens.ts';

export interface OfficeCandidateOptions {
  sdk: OfficeSdk;
  /** What Office.onReady answered (already awaited by the page: components render after it). */
  ready: { host: string | null };
  msal: MsalFactory;
  /** This page's host, for the nested app's brk-multihub:// redirect URI. */
  pageHost: string;
  /** auth.html for the dialog API. */
  dialogUrl: string;
  devSignIn: () => DevSignIn;
}

export function officeTheme(sdk: Pick<OfficeSdk, 'isDarkTheme' | 'onThemeChange'>): HostTheme {
  const name = (dark: boolean): ThemeName => (dark ? 'dark' : 'light');
  return {
    current: () => name(sdk.isDarkTheme()),
    subscribe: (listener) => sdk.onThemeChange((dark) => listener(name(dark))),
  };
}

export function officeHostCandidate(opts: OfficeCandidateOptions): OfficeHostCandidate {
  return {
    kind: 'office',
    present: () => opts.ready.host !== null,
    async connect(config): Promise<HostSession | null> {
      if (opts.ready.host === null) return null;
      const theme = officeTheme(opts.sdk);
      if (!config.entra) {
        if (!config.devSignIn)
          throw new Error('The backend has no sign-in set up: neither ENTRA_CLIENT_ID nor DEV_AUTH');
        const dev = opts.devSignIn();
        return { kind: 'office', tokens: dev, theme, deepLink: null, devSignIn: dev };
      }
      const tokens = officeTokens(opts.sdk, config.entra, {
        msal: opts.msal,
        host: opts.pageHost,
        dialogUrl: opts.dialogUrl,
        loginHint: await opts.sdk.loginHint(),
      });
      return { kind: 'office', tokens, theme, deepLink: null };
    },
  };
}
