// What the web surfaces (the Teams tab, the Office add-in) learn from the backend before anyone signs in, and
// the model catalogue the Create page offers. Nothing here may be secret: the config is public.
import type { ProviderId } from './departments.ts';

/** `GET /api/v1/client-config`: how a web surface signs in and links back into Teams. */
export interface ClientConfigView {
  /** The development sign-in (`/dev/token`, a user switcher) is on; never in production. */
  devSignIn: boolean;
  /** Microsoft Entra sign-in: null when the backend accepts no Entra tokens. */
  entra: {
    /** The one app registration of the API, the tab and the add-in (SPA redirect URIs). */
    clientId: string;
    /** `https://login.microsoftonline.com/{tenant or "organizations"}`. */
    authority: string;
    /** The delegated scope to request: `{Application ID URI}/access_as_user`. */
    scopes: string[];
  } | null;
  /** The Teams app id, for deep links to the gallery tab; null when Teams is not set up. */
  teamsAppId: string | null;
  version: string;
}

/** `GET /api/v1/models`: a model the caller's department may use. */
export interface ModelView {
  id: string;
  provider: ProviderId;
  displayName: string;
  sizes: string[];
  qualities: ('standard' | 'hd')[];
  maxImages: number;
  /** Price of one image in AUD by quality, 4 decimal places. */
  unitPriceAud: { standard?: string; hd?: string };
  region: 'australia' | 'united-states' | 'global';
  /** Trained on licensed content with commercial indemnity: preferred for `purpose: external`. */
  commercialSafe: boolean;
  styles: string[] | null;
}

/** `GET /dev/users` (development only): the seeded people anyone may sign in as. */
export interface DevUsersView {
  tenantId: string;
  users: {
    name: string;
    displayName: string;
    objectId: string;
    username: string;
    role: string;
    departmentId: string | null;
  }[];
}

/** `POST /dev/token` (development only). */
export interface DevTokenView {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: string;
}
