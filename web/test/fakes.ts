// Stand-ins for what the component tests must not reach: the network (a fetch that answers from a table), the
// teams-js host and MSAL. Each records what it was asked, so tests check the calls, not just the screen.
import type { ClientConfigView } from '@donatello/contracts';
import type { MsalAccount, MsalClient, MsalFactory, MsalSettings } from '../src/host/msal-token-source.ts';
import type { TeamsContext, TeamsSdk } from '../src/host/teams.ts';

export type Handler = (req: {
  method: string;
  path: string;
  body: unknown;
  headers: Headers;
}) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type, ...headers } });
}

export function problem(
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return json(
    {
      type: `https://donatello.ai/problems/${code}`,
      title: code,
      status,
      code,
      detail,
      requestId: 'req-1',
      ...extra,
    },
    status,
    headers,
  );
}

/** A fetch answering `METHOD /path` from `routes`; unknown routes are 404 problems. */
export function fakeFetch(routes: Record<string, Handler>) {
  const calls: { method: string; path: string; body: unknown; headers: Headers }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init = {}) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://tab.test',
    );
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const req = { method, path: url.pathname + url.search, body, headers };
    calls.push(req);
    if (init.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const handler = routes[`${method} ${url.pathname}`];
    return handler ? handler(req) : problem(404, 'not-found', `No route for ${method} ${url.pathname}`);
  };
  return { fetch, calls };
}

export const DEV_CONFIG: ClientConfigView = {
  devSignIn: true,
  entra: null,
  teamsAppId: 'app-1',
  version: 'test',
};
export const ENTRA_CONFIG: ClientConfigView = {
  devSignIn: false,
  entra: {
    clientId: 'client-1',
    authority: 'https://login.microsoftonline.com/tenant-1',
    scopes: ['api://x/access_as_user'],
  },
  teamsAppId: 'app-1',
  version: 'test',
};

/** A token with an expiry an hour away (payload only matters to the client's cache). */
export function fakeToken(sub = 'alice'): string {
  const b64 = (o: unknown) =>
    btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${b64({ alg: 'RS256' })}.${b64({ sub, exp: Math.floor(Date.now() / 1000) + 3600 })}.sig`;
}

export interface FakeTeams extends TeamsSdk {
  calls: string[];
  setTheme(name: string): void;
}

export function fakeTeams(opts: {
  initialize?: 'ok' | 'reject' | 'hang';
  naa?: boolean;
  authToken?: 'ok' | 'reject';
  context?: Partial<TeamsContext>;
}): FakeTeams {
  const calls: string[] = [];
  let themeHandler: (t: string) => void = () => {};
  return {
    calls,
    initialize: () => {
      calls.push('initialize');
      if (opts.initialize === 'reject') return Promise.reject(new Error('No Parent window found'));
      if (opts.initialize === 'hang') return new Promise(() => {});
      return Promise.resolve();
    },
    context: async () => ({
      theme: 'default',
      subPageId: null,
      loginHint: 'alice@contoso.example',
      ...opts.context,
    }),
    onThemeChange: (h) => {
      themeHandler = h;
    },
    setTheme: (name) => themeHandler(name),
    isNAAChannelRecommended: () => opts.naa ?? false,
    getAuthToken: async () => {
      calls.push('getAuthToken');
      if (opts.authToken === 'reject') throw new Error('consent required');
      return fakeToken('teams-sso');
    },
    shareDeepLink: async () => {
      calls.push('shareDeepLink');
    },
    configureTab: () => {
      calls.push('configureTab');
    },
  };
}

export interface FakeMsal {
  factory: MsalFactory;
  created: { mode: 'nested' | 'standard'; settings: MsalSettings }[];
  calls: string[];
}

/** MSAL whose silent calls succeed only once an account exists (after a popup), unless `silent` says otherwise. */
export function fakeMsal(
  opts: { silent?: 'ok' | 'fail'; account?: boolean; popup?: 'ok' | 'cancel' | 'fail' } = {},
): FakeMsal {
  const created: FakeMsal['created'] = [];
  const calls: string[] = [];
  const factory: MsalFactory = async (mode, settings) => {
    created.push({ mode, settings });
    let active: MsalAccount | null = opts.account
      ? { homeAccountId: 'h1', username: 'alice@contoso.example' }
      : null;
    const client: MsalClient = {
      acquireTokenSilent: async (req) => {
        calls.push(`silent:${req.scopes.join(' ')}`);
        if (opts.silent === 'fail') throw new Error('interaction_required');
        return { accessToken: fakeToken(`${mode}-silent`), account: req.account };
      },
      ssoSilent: async (req) => {
        calls.push(`ssoSilent:${req.loginHint ?? ''}`);
        if (opts.silent === 'fail') throw new Error('login_required');
        return {
          accessToken: fakeToken(`${mode}-sso`),
          account: { homeAccountId: 'h1', username: req.loginHint ?? 'x' },
        };
      },
      acquireTokenPopup: async () => {
        calls.push('popup');
        // MSAL's BrowserAuthError carries its code as `errorCode`.
        if (opts.popup === 'cancel')
          throw Object.assign(new Error('User cancelled the flow.'), { errorCode: 'user_cancelled' });
        if (opts.popup === 'fail')
          throw Object.assign(new Error('Popup window error.'), { errorCode: 'popup_window_error' });
        return {
          accessToken: fakeToken(`${mode}-popup`),
          account: { homeAccountId: 'h1', username: 'alice@contoso.example' },
        };
      },
      getActiveAccount: () => active,
      setActiveAccount: (a) => {
        active = a;
      },
      getAllAccounts: () => (active ? [active] : []),
    };
    return client;
  };
  return { factory, created, calls };
}

/** The `sub` of a fakeToken, to see which path produced it. */
export function tokenSubject(token: string): string {
  const payload = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
  return (JSON.parse(atob(payload)) as { sub: string }).sub;
}
