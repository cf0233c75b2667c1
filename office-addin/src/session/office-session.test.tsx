// Sign-in in PowerPoint and Word through the shared AuthProvider (issue #12 "Sign in"): the Office candidate only
// where Office.onReady named an app; the development sign-in with its user switcher when the backend has no Entra
// app; Office SSO and then, from the Sign in button, the dialog when it has one; Office's theme.
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  AuthProvider,
  DevSignIn,
  SessionTheme,
  SignInGate,
  startWebSession,
  useSignedIn,
  useTheme,
  type OfficeSdk,
} from '@donatello/web';
import {
  DEV_CONFIG,
  ENTRA_CONFIG,
  fakeFetch,
  fakeMsal,
  fakeToken,
  json,
  tokenSubject,
} from '../../../web/test/fakes.ts';
import { dialogMessage } from './dialog-message.ts';
import { officeHostCandidate } from './office-session.ts';

const ME = (name: string) => ({
  user: {
    id: `id-${name}`,
    objectId: `id-${name}`,
    tenantId: 't',
    displayName: name,
    username: null,
    role: 'standard_user',
    departmentId: 'marketing',
    createdAt: '',
    updatedAt: '',
  },
  roles: ['standard_user'],
  department: { id: 'marketing', name: 'Marketing' },
  budget: null,
});

function office(opts: { dark?: boolean } = {}) {
  const calls: string[] = [];
  const sdk: OfficeSdk = {
    onReady: async () => ({ host: 'Word', platform: 'OfficeOnline' }),
    supportsNestedAppAuth: () => false,
    loginHint: async () => null,
    getAccessToken: async ({ interactive }) => {
      calls.push(`sso:${interactive}`);
      throw Object.assign(new Error('Office SSO is not available'), { code: 13012 });
    },
    isDarkTheme: () => opts.dark ?? false,
    onThemeChange: () => () => {},
    dialogSignIn: async (url) => {
      calls.push(`dialog:${url}`);
      return dialogMessage({ accessToken: fakeToken('Dialog Person') });
    },
  };
  return { sdk, calls };
}

function Who() {
  const { me, session } = useSignedIn();
  const theme = useTheme();
  return (
    <p>
      {me.user.displayName} via {session.tokens.method} in {session.kind}, {theme.theme}
      {session.devSignIn ? ', with the dev switcher' : ''}
    </p>
  );
}

function renderPane(config: typeof DEV_CONFIG, sdk: OfficeSdk, host: string | null = 'Word') {
  const net = fakeFetch({
    'GET /api/v1/client-config': () => json(config),
    'GET /api/v1/me': (req) => json(ME(tokenSubject(req.headers.get('authorization')!.slice(7)))),
    'POST /dev/token': () => json({ accessToken: fakeToken('Alice Dev'), tokenType: 'Bearer' }),
  });
  const connect = startWebSession({
    candidates: [
      officeHostCandidate({
        sdk,
        ready: { host },
        msal: fakeMsal().factory,
        pageHost: 'donatello.example.com',
        dialogUrl: 'https://donatello.example.com/addin/auth.html?sign-in=dialog',
        devSignIn: () => new DevSignIn({ fetch: net.fetch }),
      }),
    ],
    msal: fakeMsal().factory,
    popupRedirectUri: 'https://donatello.example.com/addin/auth.html',
  });
  render(
    <AuthProvider connect={connect} fetch={net.fetch}>
      <SessionTheme>
        <SignInGate>
          <Who />
        </SignInGate>
      </SessionTheme>
    </AuthProvider>,
  );
  return net;
}

describe('the Office host candidate', () => {
  it('without an Entra app, signs in with the dev sign-in and its switcher, in Office and its theme', async () => {
    renderPane(DEV_CONFIG, office({ dark: true }).sdk);
    expect(await screen.findByText('Alice Dev via dev in office, dark, with the dev switcher')).toBeTruthy();
  });

  it('with an Entra app, tries Office SSO silently, then signs in through the dialog from the Sign in button', async () => {
    const { sdk, calls } = office();
    renderPane(ENTRA_CONFIG, sdk);
    const button = await screen.findByRole('button', { name: 'Sign in' });
    expect(calls).toEqual(['sso:false']);
    await userEvent.click(button);
    expect(await screen.findByText('Dialog Person via office-dialog in office, light')).toBeTruthy();
    expect(calls).toEqual([
      'sso:false',
      'sso:true',
      'dialog:https://donatello.example.com/addin/auth.html?sign-in=dialog',
    ]);
  });

  it('outside Office (onReady host null) is not present and never connects', async () => {
    const { sdk, calls } = office();
    const candidate = officeHostCandidate({
      sdk,
      ready: { host: null },
      msal: fakeMsal().factory,
      pageHost: 'localhost:3978',
      dialogUrl: 'http://localhost:3978/addin/auth.html?sign-in=dialog',
      devSignIn: () => new DevSignIn(),
    });
    expect(candidate.present()).toBe(false);
    expect(await candidate.connect(DEV_CONFIG)).toBeNull();
    expect(calls).toEqual([]);
  });
});
