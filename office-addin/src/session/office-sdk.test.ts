// The add-in's OfficeSdk over an Office.js stand-in: what onReady reports, the theme, the login hint, Office SSO's
// options, and the dialog API (a token only from the add-in's own page; a closed or refused window is an error
// saying what to do).
import { describe, expect, it } from 'vitest';
import { DialogClosedError, createOfficeSdk, luminance, type OfficeNamespace } from './office-sdk.ts';

type Handler = (arg: unknown) => void;

function fakeOffice(opts: {
  host?: string | null;
  theme?: Partial<Office.OfficeTheme>;
  authContext?: Partial<Office.AuthContext> | 'missing';
  dialog?: { open: 'ok' | number; then?: (handlers: Record<string, Handler>) => void };
}) {
  const seen: unknown[] = [];
  const office = {
    onReady: async () => ({ host: opts.host ?? null, platform: opts.host ? 'OfficeOnline' : null }),
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: {
      DialogMessageReceived: 'dialogMessageReceived',
      DialogEventReceived: 'dialogEventReceived',
      OfficeThemeChanged: 'officeThemeChanged',
    },
    context: {
      requirements: { isSetSupported: (name: string) => name === 'NestedAppAuth' },
      officeTheme: opts.theme,
      document: {},
      ui: {
        displayDialogAsync(url: string, options: unknown, callback: (r: unknown) => void) {
          seen.push({ url, options });
          const handlers: Record<string, Handler> = {};
          if (opts.dialog?.open !== 'ok') {
            callback({ status: 'failed', error: { code: opts.dialog?.open ?? 12011 } });
            return;
          }
          callback({
            status: 'succeeded',
            value: {
              addEventHandler: (type: string, h: Handler) => (handlers[type] = h),
              close: () => seen.push('closed'),
            },
          });
          opts.dialog.then?.(handlers);
        },
      },
    },
    auth: {
      getAccessToken: async (o: unknown) => {
        seen.push(o);
        return 'token';
      },
      getAuthContext: async () => {
        if (opts.authContext === 'missing') throw new Error('not supported');
        return opts.authContext;
      },
    },
  };
  return { office: office as unknown as OfficeNamespace, seen };
}

const URL_OF_DIALOG = 'https://donatello.example.com/addin/auth.html?sign-in=dialog';

describe('createOfficeSdk', () => {
  it('reports the host, or null outside Office', async () => {
    expect(await createOfficeSdk(fakeOffice({ host: 'PowerPoint' }).office).onReady()).toEqual({
      host: 'PowerPoint',
      platform: 'OfficeOnline',
    });
    expect(await createOfficeSdk(fakeOffice({ host: null }).office).onReady()).toEqual({
      host: null,
      platform: null,
    });
  });

  it('reads the theme from isDarkTheme, else from the background colour', () => {
    const sdk = (theme: Partial<Office.OfficeTheme> | undefined) =>
      createOfficeSdk(fakeOffice({ theme }).office);
    expect(sdk({ isDarkTheme: true, bodyBackgroundColor: '#ffffff' }).isDarkTheme()).toBe(true);
    expect(sdk({ bodyBackgroundColor: '#262626' }).isDarkTheme()).toBe(true);
    expect(sdk({ bodyBackgroundColor: '#F3F2F1' }).isDarkTheme()).toBe(false);
    expect(sdk(undefined).isDarkTheme()).toBe(false);
    expect(luminance('#000000')).toBe(0);
    expect(luminance('#ffffff')).toBeCloseTo(1);
    expect(luminance('navy')).toBeNull();
  });

  it('takes the login hint from the auth context, and does without one', async () => {
    const withHint = fakeOffice({
      authContext: { loginHint: '', userPrincipalName: 'alice@contoso.example' },
    });
    expect(await createOfficeSdk(withHint.office).loginHint()).toBe('alice@contoso.example');
    expect(await createOfficeSdk(fakeOffice({ authContext: 'missing' }).office).loginHint()).toBeNull();
  });

  it('asks Office SSO to prompt only from a click, never for Graph', async () => {
    const { office, seen } = fakeOffice({});
    const sdk = createOfficeSdk(office);
    await sdk.getAccessToken({ interactive: false });
    await sdk.getAccessToken({ interactive: true });
    expect(seen).toEqual([
      { allowSignInPrompt: false, allowConsentPrompt: false, forMSGraphAccess: false },
      { allowSignInPrompt: true, allowConsentPrompt: true, forMSGraphAccess: false },
    ]);
  });

  it('resolves the dialog with the message from its own page, and closes it', async () => {
    const { office, seen } = fakeOffice({
      dialog: {
        open: 'ok',
        then: (h) =>
          h.dialogMessageReceived!({ message: 'the message', origin: 'https://donatello.example.com' }),
      },
    });
    await expect(createOfficeSdk(office).dialogSignIn(URL_OF_DIALOG)).resolves.toBe('the message');
    expect(seen).toEqual([{ url: URL_OF_DIALOG, options: { height: 60, width: 30 } }, 'closed']);
  });

  it('refuses a message from another origin', async () => {
    const { office } = fakeOffice({
      dialog: {
        open: 'ok',
        then: (h) => h.dialogMessageReceived!({ message: 'a token', origin: 'https://evil.example' }),
      },
    });
    await expect(createOfficeSdk(office).dialogSignIn(URL_OF_DIALOG)).rejects.toBeInstanceOf(
      DialogClosedError,
    );
  });

  it('says what to do when the window is closed, blocked or already open', async () => {
    const closed = fakeOffice({
      dialog: { open: 'ok', then: (h) => h.dialogEventReceived!({ error: 12006 }) },
    });
    await expect(createOfficeSdk(closed.office).dialogSignIn(URL_OF_DIALOG)).rejects.toThrow(
      'The sign-in window was closed before signing in finished.',
    );
    const blocked = fakeOffice({ dialog: { open: 12011 } });
    await expect(createOfficeSdk(blocked.office).dialogSignIn(URL_OF_DIALOG)).rejects.toThrow(
      /allow pop-ups for this site/,
    );
    const twice = fakeOffice({ dialog: { open: 12007 } });
    await expect(createOfficeSdk(twice.office).dialogSignIn(URL_OF_DIALOG)).rejects.toThrow(/already open/);
  });
});
