// How the task pane gets an access token inside PowerPoint or Word (issue #12 "Sign in"), in the order Microsoft
// recommends: nested app authentication (MSAL's nestable client brokered by Office, silently with the login hint
// from Office.auth.getAuthContext(), then from a click its popup), Office's own SSO (Office.auth.getAccessToken)
// where NAA is missing or fails, and last the Office dialog API running a redirect sign-in on auth.html.
// Must not break: a popup or dialog opens only from a click (`interactive`), and once the person cancels one,
// nothing else opens: they get the Sign in button back instead of a second window they did not ask for.
import {
  InteractionRequiredError,
  MsalTokenSource,
  stillFresh,
  type MsalFactory,
  type OfficeSdk,
  type SignInMethod,
  type TokenSource,
} from '@donatello/web';
import type { ClientConfigView } from '@donatello/contracts';
import { DialogClosedError } from './office-sdk.ts';
import { readDialogMessage } from './dialog-message.ts';

/** Office SSO's own errors that mean the person said no (13002: they cancelled the sign-in or consent). */
const OFFICE_CANCELLED = new Set([13002]);

function cancelled(err: unknown): boolean {
  const code = (err as { code?: unknown; errorCode?: unknown } | null) ?? {};
  return (
    code.errorCode === 'user_cancelled' ||
    (typeof code.code === 'number' && OFFICE_CANCELLED.has(code.code)) ||
    (err instanceof DialogClosedError && err.code === 12006)
  );
}

function message(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  const m = (err as { message?: unknown } | null)?.message;
  return typeof m === 'string' && m ? m : 'Sign in to continue';
}

/** Office.auth.getAccessToken: Office caches and renews the token itself. */
export class OfficeSsoTokenSource implements TokenSource {
  readonly method = 'office-sso' as const;
  private readonly sdk: Pick<OfficeSdk, 'getAccessToken'>;
  constructor(sdk: Pick<OfficeSdk, 'getAccessToken'>) {
    this.sdk = sdk;
  }
  getToken(opts: { interactive?: boolean } = {}): Promise<string> {
    return this.sdk.getAccessToken({ interactive: opts.interactive === true });
  }
}

/**
 * The Office dialog API: a window on auth.html that signs in by redirect and sends the token back. It cannot run
 * silently, so without a click it answers only with the token it already holds.
 */
export class DialogTokenSource implements TokenSource {
  readonly method = 'office-dialog' as const;
  private token: string | null = null;
  private readonly sdk: Pick<OfficeSdk, 'dialogSignIn'>;
  private readonly url: string;
  constructor(sdk: Pick<OfficeSdk, 'dialogSignIn'>, url: string) {
    this.sdk = sdk;
    this.url = url;
  }
  async getToken(opts: { forceRefresh?: boolean; interactive?: boolean } = {}): Promise<string> {
    if (this.token && !opts.forceRefresh && stillFresh(this.token)) return this.token;
    if (!opts.interactive) throw new InteractionRequiredError('Sign in to continue');
    this.token = readDialogMessage(await this.sdk.dialogSignIn(this.url));
    return this.token;
  }
}

/** Tries each way in order; the first that gives a token is used, and named as the sign-in method. */
export class OfficeTokenChain implements TokenSource {
  private readonly steps: TokenSource[];
  private used: TokenSource;
  constructor(steps: TokenSource[]) {
    if (steps.length === 0) throw new Error('no way to sign in');
    this.steps = steps;
    this.used = steps[0]!;
  }
  get method(): SignInMethod {
    return this.used.method;
  }
  async getToken(opts: { forceRefresh?: boolean; interactive?: boolean } = {}): Promise<string> {
    let last: unknown = null;
    for (const step of this.steps) {
      try {
        const token = await step.getToken(opts);
        this.used = step;
        return token;
      } catch (err) {
        if (opts.interactive && cancelled(err)) throw new InteractionRequiredError(message(err));
        last = err;
      }
    }
    throw last instanceof InteractionRequiredError ? last : new InteractionRequiredError(message(last));
  }
}

export interface OfficeTokenOptions {
  msal: MsalFactory;
  /** The page's origin (`location.host`): the nested app's redirect URI is brk-multihub://<host>. */
  host: string;
  /** auth.html opened by the dialog API (`…/addin/auth.html?sign-in=dialog`). */
  dialogUrl: string;
  loginHint: string | null;
}

export function officeTokens(
  sdk: OfficeSdk,
  entra: NonNullable<ClientConfigView['entra']>,
  opts: OfficeTokenOptions,
): OfficeTokenChain {
  const steps: TokenSource[] = [];
  if (sdk.supportsNestedAppAuth()) {
    steps.push(
      new MsalTokenSource({
        method: 'naa',
        create: () =>
          opts.msal('nested', {
            clientId: entra.clientId,
            authority: entra.authority,
            redirectUri: `brk-multihub://${opts.host}`,
          }),
        scopes: entra.scopes,
        ...(opts.loginHint ? { loginHint: opts.loginHint } : {}),
      }),
    );
  }
  steps.push(new OfficeSsoTokenSource(sdk), new DialogTokenSource(sdk, opts.dialogUrl));
  return new OfficeTokenChain(steps);
}
