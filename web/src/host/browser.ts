// A plain browser tab (the offline preview, and the pages opened outside Teams): the development sign-in with a
// user switcher when the backend has DEV_AUTH on, else Microsoft Entra through an MSAL popup. The theme is the
// page's to choose (theme/ThemeRoot.tsx).
import type { ClientConfigView } from '@donatello/contracts';
import { DevSignIn } from './dev-sign-in.ts';
import { MsalTokenSource, type MsalFactory } from './msal-token-source.ts';
import type { HostSession } from './types.ts';

export interface BrowserHostOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  msal: MsalFactory;
  /** This page's popup redirect page (`…/tab/auth.html`), registered as an SPA redirect URI. */
  popupRedirectUri: string;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
}

export function browserHost(config: ClientConfigView, opts: BrowserHostOptions): HostSession {
  if (config.devSignIn) {
    const dev = new DevSignIn({
      ...(opts.baseUrl !== undefined ? { baseUrl: opts.baseUrl } : {}),
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
      storage: opts.storage ?? null,
    });
    return { kind: 'browser', tokens: dev, theme: null, deepLink: null, devSignIn: dev };
  }
  const entra = config.entra;
  if (!entra) throw new Error('The backend has no sign-in set up: neither DEV_AUTH nor ENTRA_CLIENT_ID');
  return {
    kind: 'browser',
    tokens: new MsalTokenSource({
      method: 'msal-popup',
      create: () =>
        opts.msal('standard', {
          clientId: entra.clientId,
          authority: entra.authority,
          redirectUri: opts.popupRedirectUri,
        }),
      scopes: entra.scopes,
    }),
    theme: null,
    deepLink: null,
  };
}
