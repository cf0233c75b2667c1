// The one AuthProvider: connects, signs in silently when it can, asks for a click when it cannot, says what went
// wrong otherwise, and starts the pages afresh when the dev user changes.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AuthProvider, useSignedIn } from './AuthProvider.tsx';
import { SignInGate } from './SignInGate.tsx';
import { SessionTheme } from './SessionTheme.tsx';
import { DevSignIn } from '../host/dev-sign-in.ts';
import { InteractionRequiredError, type HostSession, type TokenSource } from '../host/types.ts';
import type { ApiClient } from '../api/client.ts';
import { DEV_CONFIG, fakeFetch, fakeToken, json, problem, tokenSubject } from '../../test/fakes.ts';

const ME = (name: string, role = 'standard_user') => ({
  user: {
    id: `id-${name}`,
    objectId: `id-${name}`,
    tenantId: 't',
    displayName: name,
    username: null,
    role,
    departmentId: 'marketing',
    createdAt: '',
    updatedAt: '',
  },
  roles: [role],
  department: { id: 'marketing', name: 'Marketing' },
  budget: null,
});

function Who() {
  const { me, session } = useSignedIn();
  return (
    <p>
      Signed in as {me.user.displayName} via {session.tokens.method}
    </p>
  );
}

function renderWith(
  connect: (api: ApiClient) => Promise<{ config: typeof DEV_CONFIG; session: HostSession }>,
  fetch: typeof globalThis.fetch,
) {
  return render(
    <AuthProvider connect={connect} fetch={fetch}>
      <SessionTheme>
        <SignInGate>
          <Who />
        </SignInGate>
      </SessionTheme>
    </AuthProvider>,
  );
}

describe('AuthProvider', () => {
  it('signs in silently and loads who the person is, with the token in the Authorization header', async () => {
    const net = fakeFetch({
      'GET /api/v1/me': (req) => json(ME(tokenSubject(req.headers.get('authorization')!.slice(7)))),
    });
    const tokens: TokenSource = { method: 'teams-sso', getToken: async () => fakeToken('Teams Person') };
    renderWith(
      async () => ({ config: DEV_CONFIG, session: { kind: 'teams', tokens, theme: null, deepLink: null } }),
      net.fetch,
    );
    expect(await screen.findByText('Signed in as Teams Person via teams-sso')).toBeTruthy();
  });

  it('shows a Sign in button when a click is needed, and the click signs in interactively', async () => {
    const asked: boolean[] = [];
    const tokens: TokenSource = {
      method: 'msal-popup',
      getToken: async (opts) => {
        asked.push(opts?.interactive ?? false);
        if (!opts?.interactive) throw new InteractionRequiredError('Sign in to continue');
        return fakeToken('Popup Person');
      },
    };
    const net = fakeFetch({ 'GET /api/v1/me': () => json(ME('Popup Person')) });
    renderWith(
      async () => ({ config: DEV_CONFIG, session: { kind: 'browser', tokens, theme: null, deepLink: null } }),
      net.fetch,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Signed in as Popup Person via msal-popup')).toBeTruthy();
    expect(asked).toEqual([false, true]);
  });

  it("says what went wrong, in the API's words, and can try again", async () => {
    let fail = true;
    const net = fakeFetch({
      'GET /api/v1/me': () =>
        fail ? problem(503, 'service-unavailable', 'The store is not answering') : json(ME('Back Again')),
    });
    const tokens: TokenSource = { method: 'dev', getToken: async () => fakeToken() };
    renderWith(
      async () => ({ config: DEV_CONFIG, session: { kind: 'browser', tokens, theme: null, deepLink: null } }),
      net.fetch,
    );
    expect(await screen.findByText(/The store is not answering/)).toBeTruthy();
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/Signed in as Back Again/)).toBeTruthy();
  });

  it('retries once with a fresh token when the API refuses the cached one', async () => {
    let refreshed = false;
    const tokens: TokenSource = {
      method: 'dev',
      getToken: async (opts) => {
        if (opts?.forceRefresh) refreshed = true;
        return fakeToken(refreshed ? 'fresh' : 'stale');
      },
    };
    const net = fakeFetch({
      'GET /api/v1/me': (req) =>
        tokenSubject(req.headers.get('authorization')!.slice(7)) === 'stale'
          ? problem(401, 'unauthorized', 'The token has expired')
          : json(ME('Fresh Token')),
    });
    renderWith(
      async () => ({ config: DEV_CONFIG, session: { kind: 'browser', tokens, theme: null, deepLink: null } }),
      net.fetch,
    );
    expect(await screen.findByText(/Signed in as Fresh Token/)).toBeTruthy();
  });

  it('switching the dev user signs the new one in and starts the pages afresh', async () => {
    const net = fakeFetch({
      'POST /dev/token': (req) =>
        json({
          accessToken: fakeToken((req.body as { user: string }).user),
          tokenType: 'Bearer',
          expiresIn: 3600,
          user: 'x',
        }),
      'GET /api/v1/me': (req) => json(ME(tokenSubject(req.headers.get('authorization')!.slice(7)))),
    });
    const dev = new DevSignIn({ fetch: net.fetch });
    renderWith(
      async () => ({
        config: DEV_CONFIG,
        session: { kind: 'browser', tokens: dev, theme: null, deepLink: null, devSignIn: dev },
      }),
      net.fetch,
    );
    expect(await screen.findByText('Signed in as alice via dev')).toBeTruthy();
    dev.switchTo('bob');
    expect(await screen.findByText('Signed in as bob via dev')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText(/alice/)).toBeNull());
  });
});
