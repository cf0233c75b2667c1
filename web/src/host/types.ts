// What a page may ask of the place it runs in (Teams, an Office task pane, a plain browser), as interfaces: the
// SDKs (teams-js, MSAL, Office.js) are called only from the small modules that implement them, so components
// and their tests never touch an SDK.
import type { ClientConfigView } from '@donatello/contracts';

export type HostKind = 'teams' | 'office' | 'browser';
/** Teams' three themes; a browser maps prefers-color-scheme and forced colours onto them. */
export type ThemeName = 'light' | 'dark' | 'contrast';

/** How the token is obtained, for the "signed in through …" line and for support. */
export type SignInMethod = 'dev' | 'naa' | 'teams-sso' | 'office-sso' | 'office-dialog' | 'msal-popup';

/**
 * Thrown by `TokenSource.getToken` when no token can be had without the person doing something (a popup must be
 * opened from a click, or consent is needed). The page shows a Sign in button that calls it with `interactive`.
 */
export class InteractionRequiredError extends Error {
  override name = 'InteractionRequiredError';
}

export interface TokenSource {
  readonly method: SignInMethod;
  /**
   * An access token for the API (`aud` the API, `scp` access_as_user). `forceRefresh` after the API refused the
   * last one; `interactive` only from a click (it may open a popup).
   */
  getToken(opts?: { forceRefresh?: boolean; interactive?: boolean }): Promise<string>;
}

export interface HostTheme {
  current(): ThemeName;
  /** Live changes (Teams' theme switch); returns the unsubscribe. */
  subscribe(listener: (theme: ThemeName) => void): () => void;
}

/** A link into the gallery tab at one image: Teams deep link, or the page's own URL elsewhere. */
export interface ShareableLink {
  subPageId: string;
  label: string;
  webUrl: string;
}

export interface HostSession {
  readonly kind: HostKind;
  readonly tokens: TokenSource;
  /** The host decides the theme (Teams, Office); null where the page lets the person choose (a browser). */
  readonly theme: HostTheme | null;
  /** What a deep link asked the page to open (Teams `subPageId`): a generation id; read once at start. */
  readonly deepLink: string | null;
  /** Shares a link to chat (Teams only). */
  readonly shareToChat?: (link: ShareableLink) => Promise<void>;
  /** Saves a configurable tab's settings (Teams, on its configuration page). */
  readonly configureTab?: (tab: {
    entityId: string;
    contentUrl: string;
    websiteUrl: string;
    name: string;
  }) => void;
  /** The development sign-in's user switcher (browser, DEV_AUTH on). */
  readonly devSignIn?: DevSignInControl;
}

export interface DevUser {
  name: string;
  displayName: string;
  role: string;
  departmentId: string | null;
}

/** The dev sign-in as the user switcher sees it. */
export interface DevSignInControl {
  users(): Promise<DevUser[]>;
  current(): string;
  switchTo(name: string): void;
  subscribe(listener: (name: string) => void): () => void;
}

/**
 * One way to recognise and connect to a host. `present` is a cheap synchronous guess (inside a frame, Office.js
 * loaded); `connect` does the real handshake and answers null when this is not the host after all (a timeout).
 */
export interface HostCandidate {
  readonly kind: HostKind;
  present(): boolean;
  connect(config: ClientConfigView): Promise<HostSession | null>;
}
