import type { Role } from '@donatello/contracts';

/** A user as stored: partition = tenant id, id = Entra object id. Never keyed by email. */
export interface UserRecord extends Record<string, unknown> {
  tenantId: string;
  objectId: string;
  displayName: string;
  username: string | null;
  role: Role;
  departmentId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Who is calling, after token verification and user lookup. */
export interface Actor {
  user: UserRecord;
  /** Which trusted issuer vouched for the token; `bot` for Teams activities (Bot Framework tokens). */
  issuer: 'entra' | 'dev' | 'bot';
  ip?: string;
  userAgent?: string;
  /** The caller's Entra access token, kept only for on-behalf-of calls during this request; never logged or stored. */
  accessToken?: string;
}
