// Host detection and sign-in fallbacks (issue #11 "Sign-in"), with fakes for teams-js and MSAL behind their
// interfaces: Teams is tried only when the page looks embedded, its initialize is raced against 3 s, then NAA when
// the host recommends it, else getAuthToken, else a popup (only from a click). Outside Teams: dev sign-in or MSAL.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectHost } from './connect.ts';
import { browserHost } from './browser.ts';
import { teamsHost, TEAMS_INIT_TIMEOUT_MS } from './teams.ts';
import { InteractionRequiredError, type HostCandidate } from './types.ts';
import {
  DEV_CONFIG,
  ENTRA_CONFIG,
  fakeFetch,
  fakeMsal,
  fakeTeams,
  fakeToken,
  json,
  tokenSubject,
  type FakeTeams,
} from '../../test/fakes.ts';

afterEach(() => {
  vi.useRealTimers();
});

function setup(teams: FakeTeams, opts: { present?: boolean; msal?: ReturnType<typeof fakeMsal> } = {}) {
  const msal = opts.msal ?? fakeMsal();
  let loaded = 0;
  const candidate: HostCandidate = teamsHost({
    loadSdk: async () => {
      loaded++;
      return teams;
    },
    msal: msal.factory,
    popupRedirectUri: 'https://tab.test/tab/auth.html',
    present: () => opts.present ?? true,
  });
  const net = fakeFetch({
    'POST /dev/token': () =>
      json({ accessToken: fakeToken('dev-alice'), tokenType: 'Bearer', expiresIn: 3600, user: 'alice' }),
  });
  const browser =
    (config = DEV_CONFIG) =>
    () =>
      browserHost(config, {
        fetch: net.fetch,
        msal: msal.factory,
        popupRedirectUri: 'https://tab.test/tab/auth.html',
      });
  return { candidate, msal, browser, loaded: () => loaded };
}

describe('which host', () => {
  it('a top-level page is a browser page: teams-js is not even loaded', async () => {
    const teams = fakeTeams({});
    const s = setup(teams, { present: false });
    const session = await connectHost(DEV_CONFIG, [s.candidate], s.browser());
    expect(session.kind).toBe('browser');
    expect(session.tokens.method).toBe('dev');
    expect(session.devSignIn).toBeDefined();
    expect(s.loaded()).toBe(0);
  });

  it('inside a frame that is not Teams, initialize hangs: after 3 s the page carries on as a browser page', async () => {
    vi.useFakeTimers();
    const teams = fakeTeams({ initialize: 'hang' });
    const s = setup(teams);
    const pending = connectHost(DEV_CONFIG, [s.candidate], s.browser());
    let settled = false;
    void pending.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(TEAMS_INIT_TIMEOUT_MS - 100);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect((await pending).kind).toBe('browser');
    expect(teams.calls).toEqual(['initialize']);
  });

  it('initialize refusing (no parent window) falls back at once', async () => {
    const teams = fakeTeams({ initialize: 'reject' });
    const s = setup(teams);
    expect((await connectHost(DEV_CONFIG, [s.candidate], s.browser())).kind).toBe('browser');
  });

  it('in Teams: the theme, live theme changes and the deep link come from the host', async () => {
    const teams = fakeTeams({
      context: { theme: 'dark', subPageId: '0b6f0000-0000-4000-8000-000000000001' },
    });
    const s = setup(teams);
    const session = await connectHost(ENTRA_CONFIG, [s.candidate], s.browser(ENTRA_CONFIG));
    expect(session.kind).toBe('teams');
    expect(session.deepLink).toBe('0b6f0000-0000-4000-8000-000000000001');
    expect(session.theme?.current()).toBe('dark');
    const seen: string[] = [];
    session.theme?.subscribe((t) => seen.push(t));
    teams.setTheme('contrast');
    teams.setTheme('default');
    expect(seen).toEqual(['contrast', 'light']);
    expect(session.shareToChat).toBeDefined();
  });
});

describe('sign-in in Teams', () => {
  it('uses nested app authentication when the host recommends it, silently with the Teams login hint', async () => {
    const msal = fakeMsal();
    const s = setup(fakeTeams({ naa: true }), { msal });
    const session = await connectHost(ENTRA_CONFIG, [s.candidate], s.browser(ENTRA_CONFIG));
    expect(session.tokens.method).toBe('naa');
    expect(tokenSubject(await session.tokens.getToken())).toBe('nested-sso');
    expect(msal.created).toEqual([
      {
        mode: 'nested',
        settings: {
          clientId: 'client-1',
          authority: 'https://login.microsoftonline.com/tenant-1',
          redirectUri: `brk-multihub://${location.host}`,
        },
      },
    ]);
    expect(msal.calls).toEqual(['ssoSilent:alice@contoso.example']);
    // The account is remembered: the next token is a silent acquisition for the API's scope.
    await session.tokens.getToken();
    expect(msal.calls[1]).toBe('silent:api://x/access_as_user');
  });

  it('when NAA cannot get a token silently, it asks for a click, and the click opens the popup', async () => {
    const msal = fakeMsal({ silent: 'fail' });
    const s = setup(fakeTeams({ naa: true }), { msal });
    const session = await connectHost(ENTRA_CONFIG, [s.candidate], s.browser(ENTRA_CONFIG));
    await expect(session.tokens.getToken()).rejects.toBeInstanceOf(InteractionRequiredError);
    expect(tokenSubject(await session.tokens.getToken({ interactive: true }))).toBe('nested-popup');
  });

  it('without NAA: Teams getAuthToken, and MSAL is never created', async () => {
    const teams = fakeTeams({ naa: false });
    const msal = fakeMsal();
    const s = setup(teams, { msal });
    const session = await connectHost(ENTRA_CONFIG, [s.candidate], s.browser(ENTRA_CONFIG));
    expect(tokenSubject(await session.tokens.getToken())).toBe('teams-sso');
    expect(session.tokens.method).toBe('teams-sso');
    expect(msal.created).toEqual([]);
  });

  it('when getAuthToken fails: MSAL silently with the Teams login hint', async () => {
    const msal = fakeMsal();
    const s = setup(fakeTeams({ naa: false, authToken: 'reject' }), { msal });
    const session = await connectHost(ENTRA_CONFIG, [s.candidate], s.browser(ENTRA_CONFIG));
    expect(tokenSubject(await session.tokens.getToken())).toBe('standard-sso');
    expect(msal.calls).toEqual(['ssoSilent:alice@contoso.example']);
  });

  it('when getAuthToken and silent MSAL both fail: a popup, but only from a click', async () => {
    const teams = fakeTeams({ naa: false, authToken: 'reject' });
    const msal = fakeMsal({ silent: 'fail' });
    const s = setup(teams, { msal });
    const session = await connectHost(ENTRA_CONFIG, [s.candidate], s.browser(ENTRA_CONFIG));
    await expect(session.tokens.getToken()).rejects.toBeInstanceOf(InteractionRequiredError);
    expect(msal.calls).not.toContain('popup');
    expect(tokenSubject(await session.tokens.getToken({ interactive: true }))).toBe('standard-popup');
    expect(session.tokens.method).toBe('msal-popup');
    expect(msal.created[0]).toMatchObject({
      mode: 'standard',
      settings: { redirectUri: 'https://tab.test/tab/auth.html' },
    });
  });
});

describe('sign-in in a browser', () => {
  it('with DEV_AUTH: tokens from /dev/token for the chosen user, cached, and the switch is remembered', async () => {
    const storage = new Map<string, string>();
    const net = fakeFetch({
      'POST /dev/token': (req) =>
        json({
          accessToken: fakeToken(`dev-${(req.body as { user: string }).user}`),
          tokenType: 'Bearer',
          expiresIn: 3600,
          user: 'x',
        }),
    });
    const session = browserHost(DEV_CONFIG, {
      fetch: net.fetch,
      msal: fakeMsal().factory,
      popupRedirectUri: 'x',
      storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
    });
    expect(tokenSubject(await session.tokens.getToken())).toBe('dev-alice');
    await session.tokens.getToken();
    expect(net.calls.filter((c) => c.path === '/dev/token')).toHaveLength(1);
    session.devSignIn!.switchTo('bob');
    expect(tokenSubject(await session.tokens.getToken())).toBe('dev-bob');
    expect(storage.get('donatello.devUser')).toBe('bob');
  });

  it('in production: an MSAL popup from a click, then silent', async () => {
    const msal = fakeMsal();
    const session = browserHost(ENTRA_CONFIG, {
      msal: msal.factory,
      popupRedirectUri: 'https://tab.test/tab/auth.html',
    });
    expect(session.devSignIn).toBeUndefined();
    await expect(session.tokens.getToken()).rejects.toBeInstanceOf(InteractionRequiredError);
    expect(tokenSubject(await session.tokens.getToken({ interactive: true }))).toBe('standard-popup');
    expect(tokenSubject(await session.tokens.getToken())).toBe('standard-silent');
  });

  it('refuses to start with no way to sign in', () => {
    expect(() =>
      browserHost({ ...DEV_CONFIG, devSignIn: false }, { msal: fakeMsal().factory, popupRedirectUri: 'x' }),
    ).toThrow(/no sign-in/);
  });
});
