// Tokens from MSAL, whichever way it reaches Entra: nested app authentication through the Teams or Office host
// (the host's own sign-in brokers it), or a standard popup in a browser. MSAL is behind `MsalClient` so this
// logic is tested with a fake; `msal.ts` is the only module that loads @azure/msal-browser.
import { InteractionRequiredError, type SignInMethod, type TokenSource } from './types.ts';

/** The part of MSAL's IPublicClientApplication used here. Accounts are opaque to us. */
export interface MsalClient {
  acquireTokenSilent(req: {
    scopes: string[];
    account: MsalAccount;
    forceRefresh?: boolean;
  }): Promise<MsalResult>;
  ssoSilent(req: { scopes: string[]; loginHint?: string }): Promise<MsalResult>;
  acquireTokenPopup(req: { scopes: string[]; loginHint?: string }): Promise<MsalResult>;
  getActiveAccount(): MsalAccount | null;
  setActiveAccount(account: MsalAccount | null): void;
  getAllAccounts(): MsalAccount[];
}
export interface MsalAccount {
  homeAccountId: string;
  username: string;
}
export interface MsalResult {
  accessToken: string;
  account: MsalAccount | null;
}

export interface MsalSettings {
  clientId: string;
  authority: string;
  /** Where a popup returns: the page's auth.html (standard), or `brk-multihub://<origin>` is implied (nested). */
  redirectUri: string;
}

/** `nested`: createNestablePublicClientApplication (Teams, Office); `standard`: a plain browser. */
export type MsalFactory = (mode: 'nested' | 'standard', settings: MsalSettings) => Promise<MsalClient>;

export class MsalTokenSource implements TokenSource {
  readonly method: SignInMethod;
  private client: Promise<MsalClient> | null = null;
  private readonly create: () => Promise<MsalClient>;
  private readonly scopes: string[];
  private readonly loginHint: string | undefined;

  constructor(opts: {
    method: SignInMethod;
    create: () => Promise<MsalClient>;
    scopes: string[];
    /** The signed-in host user (Teams context), so the silent sign-in picks the right account. */
    loginHint?: string;
  }) {
    this.method = opts.method;
    this.create = opts.create;
    this.scopes = opts.scopes;
    this.loginHint = opts.loginHint;
  }

  private msal(): Promise<MsalClient> {
    this.client ??= this.create();
    this.client.catch(() => (this.client = null));
    return this.client;
  }

  async getToken(opts: { forceRefresh?: boolean; interactive?: boolean } = {}): Promise<string> {
    const msal = await this.msal();
    // From a click: straight to the popup, while the browser still counts the click as the reason for it.
    if (opts.interactive) return this.popup(msal);
    try {
      const account = msal.getActiveAccount() ?? msal.getAllAccounts()[0] ?? null;
      const result = account
        ? await msal.acquireTokenSilent({
            scopes: this.scopes,
            account,
            ...(opts.forceRefresh ? { forceRefresh: true } : {}),
          })
        : this.loginHint !== undefined || this.method === 'naa'
          ? await msal.ssoSilent({
              scopes: this.scopes,
              ...(this.loginHint !== undefined ? { loginHint: this.loginHint } : {}),
            })
          : null;
      if (result) return this.keep(msal, result);
    } catch (err) {
      throw new InteractionRequiredError(describe(err));
    }
    throw new InteractionRequiredError('Sign in to continue');
  }

  private async popup(msal: MsalClient): Promise<string> {
    const result = await msal.acquireTokenPopup({
      scopes: this.scopes,
      ...(this.loginHint !== undefined ? { loginHint: this.loginHint } : {}),
    });
    return this.keep(msal, result);
  }

  private keep(msal: MsalClient, result: MsalResult): string {
    if (result.account) msal.setActiveAccount(result.account);
    return result.accessToken;
  }
}

function describe(err: unknown): string {
  return err instanceof Error && err.message ? err.message : 'Sign in to continue';
}
