// The add-in's OfficeSdk (web/src/host/office.ts) over Office.js from Microsoft's CDN: how the pane learns which
// app it runs in, signs in (nested app authentication's login hint, Office SSO, the dialog API) and follows
// Office's theme. With host/ it is the only code that touches the `Office` namespace, which is handed in.
// Must not break: nothing here runs before `onReady` has resolved, except `onReady` itself; every call that an
// older Office may lack is guarded, so a missing API means "not available", never a crash of the pane.
import type { OfficeSdk } from '@donatello/web';

/** The part of `Office` used here (`typeof Office` satisfies it; tests hand in a fake). */
export type OfficeNamespace = Pick<
  typeof Office,
  'onReady' | 'context' | 'auth' | 'AsyncResultStatus' | 'EventType'
>;

/** Office's dialog API errors that mean the person closed or refused the window. */
const DIALOG_ERRORS: Record<number, string> = {
  12006: 'The sign-in window was closed before signing in finished.',
  12007: 'A sign-in window is already open: finish signing in there.',
  12009: 'The sign-in window was blocked: allow it when Office asks, then sign in again.',
  12011: "The browser blocked the sign-in window: allow pop-ups for this site in the browser's settings.",
};

export class DialogClosedError extends Error {
  override name = 'DialogClosedError';
  readonly code: number;
  constructor(code: number) {
    super(DIALOG_ERRORS[code] ?? `The sign-in window could not be used (Office error ${code}).`);
    this.code = code;
  }
}

/** Relative luminance of a #rrggbb colour, 0 (black) to 1 (white). */
export function luminance(hex: string): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return null;
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function darkTheme(theme: Office.OfficeTheme | undefined): boolean {
  if (!theme) return false;
  if (typeof theme.isDarkTheme === 'boolean') return theme.isDarkTheme;
  const l = luminance(theme.bodyBackgroundColor ?? '');
  return l !== null && l < 0.2;
}

export function createOfficeSdk(office: OfficeNamespace): OfficeSdk {
  return {
    async onReady() {
      const info = await office.onReady();
      // Typed as enums, they are strings at run time ("PowerPoint", "OfficeOnline"), and null outside Office.
      const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
      return { host: text(info.host), platform: text(info.platform) };
    },

    supportsNestedAppAuth() {
      try {
        return office.context.requirements.isSetSupported('NestedAppAuth', '1.1');
      } catch {
        return false;
      }
    },

    async loginHint() {
      try {
        const ctx = await office.auth.getAuthContext();
        return ctx.loginHint || ctx.userPrincipalName || null;
      } catch {
        return null; // IdentityAPI 1.3 missing, or a personal account: sign in without a hint
      }
    },

    getAccessToken({ interactive }) {
      return office.auth.getAccessToken({
        allowSignInPrompt: interactive,
        allowConsentPrompt: interactive,
        forMSGraphAccess: false,
      });
    },

    isDarkTheme() {
      try {
        return darkTheme(office.context.officeTheme);
      } catch {
        return false;
      }
    },

    onThemeChange(listener) {
      const handler = (e?: unknown) =>
        listener(darkTheme((e as { officeTheme?: Office.OfficeTheme } | undefined)?.officeTheme));
      try {
        office.context.document.addHandlerAsync(office.EventType.OfficeThemeChanged, handler, () => {});
      } catch {
        return () => {}; // this Office does not report theme changes: the pane keeps the theme it started with
      }
      return () => {
        try {
          office.context.document.removeHandlerAsync(
            office.EventType.OfficeThemeChanged,
            { handler },
            () => {},
          );
        } catch {
          // nothing to undo
        }
      };
    },

    dialogSignIn(url) {
      return new Promise<string>((resolve, reject) => {
        office.context.ui.displayDialogAsync(url, { height: 60, width: 30 }, (opened) => {
          if (opened.status === office.AsyncResultStatus.Failed) {
            reject(new DialogClosedError(opened.error.code));
            return;
          }
          const dialog = opened.value;
          const expected = new URL(url).origin;
          dialog.addEventHandler(office.EventType.DialogMessageReceived, (arg) => {
            dialog.close();
            // Only the add-in's own page may hand the pane a token.
            if ('message' in arg && (!arg.origin || arg.origin === expected)) resolve(arg.message);
            else reject(new DialogClosedError('error' in arg ? arg.error : 12006));
          });
          dialog.addEventHandler(office.EventType.DialogEventReceived, (arg) => {
            reject(new DialogClosedError('error' in arg ? arg.error : 12006));
          });
        });
      });
    },
  };
}
