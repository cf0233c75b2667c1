// Starts a web surface's session: the public client config, then the host (Teams, Office, or a browser). The
// tab and the add-in call this with their own candidates and popup redirect page.
import type { ApiClient } from '../api/client.ts';
import { browserHost } from '../host/browser.ts';
import { connectHost } from '../host/connect.ts';
import type { MsalFactory } from '../host/msal-token-source.ts';
import type { HostCandidate } from '../host/types.ts';
import type { Connection } from './AuthProvider.tsx';

export interface WebSessionOptions {
  /** Hosts to try before the browser, in order (teamsHost(…), the add-in's Office host). */
  candidates: HostCandidate[];
  msal: MsalFactory;
  /** This page's popup redirect page, registered as an SPA redirect URI (`https://…/tab/auth.html`). */
  popupRedirectUri: string;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
}

export function startWebSession(opts: WebSessionOptions): (api: ApiClient) => Promise<Connection> {
  return async (api) => {
    const config = await api.clientConfig();
    const session = await connectHost(config, opts.candidates, () =>
      browserHost(config, {
        baseUrl: api.url(''),
        msal: opts.msal,
        popupRedirectUri: opts.popupRedirectUri,
        storage: opts.storage ?? null,
      }),
    );
    return { config, session };
  };
}
