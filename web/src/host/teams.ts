// Teams as a host (issue #11 "Sign-in"): teams-js `app.initialize()` raced against 3 s (it rejects at once at top
// level but hangs inside a foreign frame); then nested app authentication when the host recommends it, else
// Teams' own `getAuthToken()`, else an MSAL popup. Theme and the deep link's subPageId come from the context.
// teams-js is reached only through `TeamsSdk` (teams-sdk.ts loads the real one), so this is tested with a fake.
import type { ClientConfigView } from '@donatello/contracts';
import { MsalTokenSource, type MsalFactory } from './msal-token-source.ts';
import { FallbackTokenSource } from './fallback-token-source.ts';
import type { DevSignIn } from './dev-sign-in.ts';
import type {
  HostCandidate,
  HostSession,
  HostTheme,
  ShareableLink,
  ThemeName,
  TokenSource,
} from './types.ts';

export const TEAMS_INIT_TIMEOUT_MS = 3000;

export interface TeamsContext {
  theme: string;
  /** The deep link's subPageId (was subEntityId): a generation id for the gallery. */
  subPageId: string | null;
  loginHint: string | null;
}

/** What the tab needs of teams-js 2.x. */
export interface TeamsSdk {
  initialize(): Promise<void>;
  context(): Promise<TeamsContext>;
  /** teams-js keeps one handler; callers multiplex. */
  onThemeChange(handler: (theme: string) => void): void;
  isNAAChannelRecommended(): boolean;
  getAuthToken(): Promise<string>;
  shareDeepLink(link: { subPageId: string; subPageLabel: string; subPageWebUrl: string }): Promise<void>;
  /** On a configurable tab's configuration page: enables Save, and saves these settings when it is pressed. */
  configureTab(tab: { entityId: string; contentUrl: string; websiteUrl: string; name: string }): void;
}

export interface TeamsHostOptions {
  loadSdk: () => Promise<TeamsSdk>;
  msal: MsalFactory;
  /** The SPA redirect URI of a popup (the page's auth.html). */
  popupRedirectUri: string;
  /** Embedded in another page (Teams web) or a Teams client's web view. */
  present?: () => boolean;
  timeoutMs?: number;
  /** For the development sign-in when the backend has no Entra (local runs in a Teams-like frame). */
  devSignIn?: () => DevSignIn;
}

export function teamsTheme(name: string): ThemeName {
  return name === 'dark' ? 'dark' : name === 'contrast' ? 'contrast' : 'light';
}

function withTimeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      () => {
        clearTimeout(timer);
        resolve(fallback);
      },
    );
  });
}

/** Teams' own SSO token, for hosts without nested app authentication. */
class TeamsSsoTokenSource implements TokenSource {
  readonly method = 'teams-sso' as const;
  private readonly sdk: TeamsSdk;
  constructor(sdk: TeamsSdk) {
    this.sdk = sdk;
  }
  // teams-js caches and renews the token itself.
  getToken(): Promise<string> {
    return this.sdk.getAuthToken();
  }
}

export function teamsTokens(
  sdk: TeamsSdk,
  config: ClientConfigView,
  opts: TeamsHostOptions,
  loginHint: string | null,
): TokenSource {
  const entra = config.entra;
  if (!entra) {
    if (opts.devSignIn) return opts.devSignIn();
    throw new Error('The backend has no Microsoft Entra sign-in set up (ENTRA_CLIENT_ID)');
  }
  const settings = { clientId: entra.clientId, authority: entra.authority };
  const popup = new MsalTokenSource({
    method: 'msal-popup',
    create: () => opts.msal('standard', { ...settings, redirectUri: opts.popupRedirectUri }),
    scopes: entra.scopes,
    ...(loginHint ? { loginHint } : {}),
  });
  if (sdk.isNAAChannelRecommended()) {
    const naa = new MsalTokenSource({
      method: 'naa',
      // The nested app's redirect URI is brk-multihub://<origin>, registered on the app (docs/sso.md).
      create: () => opts.msal('nested', { ...settings, redirectUri: `brk-multihub://${location.host}` }),
      scopes: entra.scopes,
      ...(loginHint ? { loginHint } : {}),
    });
    return naa;
  }
  return new FallbackTokenSource(new TeamsSsoTokenSource(sdk), popup);
}

export function teamsHost(opts: TeamsHostOptions): HostCandidate {
  return {
    kind: 'teams',
    present: opts.present ?? (() => window.parent !== window || /Teams\//.test(navigator.userAgent)),
    async connect(config) {
      const sdk = await opts.loadSdk();
      const ready = await withTimeout(
        sdk.initialize().then(() => true),
        opts.timeoutMs ?? TEAMS_INIT_TIMEOUT_MS,
        false,
      );
      if (!ready) return null;
      const ctx = await sdk.context();
      let current = teamsTheme(ctx.theme);
      const listeners = new Set<(t: ThemeName) => void>();
      sdk.onThemeChange((name) => {
        current = teamsTheme(name);
        for (const l of listeners) l(current);
      });
      const theme: HostTheme = {
        current: () => current,
        subscribe: (l) => {
          listeners.add(l);
          return () => listeners.delete(l);
        },
      };
      const session: HostSession = {
        kind: 'teams',
        tokens: teamsTokens(sdk, config, opts, ctx.loginHint),
        theme,
        deepLink: ctx.subPageId,
        shareToChat: (link: ShareableLink) =>
          sdk.shareDeepLink({
            subPageId: link.subPageId,
            subPageLabel: link.label,
            subPageWebUrl: link.webUrl,
          }),
        configureTab: (tab) => sdk.configureTab(tab),
      };
      return session;
    },
  };
}
