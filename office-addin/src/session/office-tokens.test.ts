// Signing in inside PowerPoint and Word (issue #12 "Sign in"): nested app authentication first (silently with
// Office's login hint, then its popup from a click), Office SSO where NAA is missing or fails, the dialog API
// last; nothing opens without a click, and a cancelled window opens nothing else. MSAL and Office are fakes that
// record what they were asked (web/test/fakes.ts, below).
import { describe, expect, it } from 'vitest';
import { InteractionRequiredError, type OfficeSdk } from '@donatello/web';
import { ENTRA_CONFIG, fakeMsal, fakeToken, tokenSubject } from '../../../web/test/fakes.ts';
import { dialogMessage } from './dialog-message.ts';
import { DialogClosedError } from './office-sdk.ts';
import { officeTokens } from './office-tokens.ts';

const ENTRA = ENTRA_CONFIG.entra!;
const DIALOG = 'https://donatello.example.com/addin/auth.html?sign-in=dialog';

function fakeOfficeSdk(opts: {
  naa?: boolean;
  sso?: 'ok' | 'not-signed-in' | 'cancel';
  dialog?: 'ok' | 'closed' | 'garbage';
}) {
  const calls: string[] = [];
  const sdk: OfficeSdk = {
    onReady: async () => ({ host: 'PowerPoint', platform: 'OfficeOnline' }),
    supportsNestedAppAuth: () => opts.naa ?? false,
    loginHint: async () => 'alice@contoso.example',
    getAccessToken: async ({ interactive }) => {
      calls.push(`getAccessToken:${interactive ? 'interactive' : 'silent'}`);
      if (opts.sso === 'cancel')
        throw Object.assign(new Error('The user aborted the consent'), { code: 13002 });
      if (opts.sso === 'not-signed-in' || (opts.sso === undefined && !interactive))
        throw Object.assign(new Error('No one is signed in to Office'), { code: 13001 });
      return fakeToken('office-sso');
    },
    isDarkTheme: () => false,
    onThemeChange: () => () => {},
    dialogSignIn: async (url) => {
      calls.push(`dialog:${url}`);
      if (opts.dialog === 'closed') throw new DialogClosedError(12006);
      if (opts.dialog === 'garbage') return 'not json';
      return dialogMessage({ accessToken: fakeToken('dialog') });
    },
  };
  return { sdk, calls };
}

const options = (msal: ReturnType<typeof fakeMsal>) => ({
  msal: msal.factory,
  host: 'donatello.example.com',
  dialogUrl: DIALOG,
  loginHint: 'alice@contoso.example',
});

describe('with nested app authentication', () => {
  it('signs in silently with the login hint through the nestable client and brk-multihub', async () => {
    const msal = fakeMsal();
    const { sdk, calls } = fakeOfficeSdk({ naa: true });
    const tokens = officeTokens(sdk, ENTRA, options(msal));
    expect(tokenSubject(await tokens.getToken())).toBe('nested-sso');
    expect(tokens.method).toBe('naa');
    expect(msal.created[0]).toEqual({
      mode: 'nested',
      settings: {
        clientId: ENTRA.clientId,
        authority: ENTRA.authority,
        redirectUri: 'brk-multihub://donatello.example.com',
      },
    });
    expect(msal.calls).toEqual(['ssoSilent:alice@contoso.example']);
    expect(calls).toEqual([]);
  });

  it('from a click, opens the popup brokered by Office', async () => {
    const msal = fakeMsal({ silent: 'fail' });
    const { sdk, calls } = fakeOfficeSdk({ naa: true });
    const tokens = officeTokens(sdk, ENTRA, options(msal));
    expect(tokenSubject(await tokens.getToken({ interactive: true }))).toBe('nested-popup');
    expect(calls).toEqual([]);
  });

  it('when NAA cannot sign in silently, Office SSO is asked before anyone must click', async () => {
    const msal = fakeMsal({ silent: 'fail' });
    const { sdk, calls } = fakeOfficeSdk({ naa: true, sso: 'ok' });
    const tokens = officeTokens(sdk, ENTRA, options(msal));
    expect(tokenSubject(await tokens.getToken())).toBe('office-sso');
    expect(tokens.method).toBe('office-sso');
    expect(calls).toEqual(['getAccessToken:silent']);
  });

  it('a failed popup falls back to Office SSO, then to the dialog', async () => {
    const msal = fakeMsal({ silent: 'fail', popup: 'fail' });
    const { sdk, calls } = fakeOfficeSdk({ naa: true, sso: 'not-signed-in' });
    const tokens = officeTokens(sdk, ENTRA, options(msal));
    expect(tokenSubject(await tokens.getToken({ interactive: true }))).toBe('dialog');
    expect(tokens.method).toBe('office-dialog');
    expect(calls).toEqual(['getAccessToken:interactive', `dialog:${DIALOG}`]);
  });

  it('a cancelled popup opens nothing else and asks for the Sign in button again', async () => {
    const msal = fakeMsal({ silent: 'fail', popup: 'cancel' });
    const { sdk, calls } = fakeOfficeSdk({ naa: true });
    const tokens = officeTokens(sdk, ENTRA, options(msal));
    await expect(tokens.getToken({ interactive: true })).rejects.toBeInstanceOf(InteractionRequiredError);
    expect(calls).toEqual([]);
  });
});

describe('without nested app authentication', () => {
  it('uses Office SSO and never creates MSAL', async () => {
    const msal = fakeMsal();
    const { sdk, calls } = fakeOfficeSdk({ sso: 'ok' });
    const tokens = officeTokens(sdk, ENTRA, options(msal));
    expect(tokenSubject(await tokens.getToken())).toBe('office-sso');
    expect(msal.created).toEqual([]);
    expect(calls).toEqual(['getAccessToken:silent']);
  });

  it('without a click, needs one: no prompt and no dialog', async () => {
    const { sdk, calls } = fakeOfficeSdk({});
    const tokens = officeTokens(sdk, ENTRA, options(fakeMsal()));
    await expect(tokens.getToken()).rejects.toBeInstanceOf(InteractionRequiredError);
    expect(calls).toEqual(['getAccessToken:silent']);
  });

  it('from a click, lets Office prompt for sign-in and consent', async () => {
    const { sdk, calls } = fakeOfficeSdk({});
    const tokens = officeTokens(sdk, ENTRA, options(fakeMsal()));
    expect(tokenSubject(await tokens.getToken({ interactive: true }))).toBe('office-sso');
    expect(calls).toEqual(['getAccessToken:interactive']);
  });

  it('when Office cannot sign in at all, the dialog does; its token is reused without a second window', async () => {
    const { sdk, calls } = fakeOfficeSdk({ sso: 'not-signed-in' });
    const tokens = officeTokens(sdk, ENTRA, options(fakeMsal()));
    expect(tokenSubject(await tokens.getToken({ interactive: true }))).toBe('dialog');
    // The dialog's token is held until it nears expiry: no second window.
    expect(tokenSubject(await tokens.getToken())).toBe('dialog');
    expect(calls.filter((c) => c.startsWith('dialog:'))).toHaveLength(1);
  });

  it('cancelling Office\u2019s consent prompt opens no dialog', async () => {
    const { sdk, calls } = fakeOfficeSdk({ sso: 'cancel' });
    const tokens = officeTokens(sdk, ENTRA, options(fakeMsal()));
    await expect(tokens.getToken({ interactive: true })).rejects.toThrow('The user aborted the consent');
    expect(calls).toEqual(['getAccessToken:interactive']);
  });

  it('a closed dialog, or one that sends something else, is not a token', async () => {
    for (const dialog of ['closed', 'garbage'] as const) {
      const { sdk } = fakeOfficeSdk({ sso: 'not-signed-in', dialog });
      const tokens = officeTokens(sdk, ENTRA, options(fakeMsal()));
      await expect(tokens.getToken({ interactive: true }), dialog).rejects.toBeInstanceOf(
        InteractionRequiredError,
      );
    }
  });
});
