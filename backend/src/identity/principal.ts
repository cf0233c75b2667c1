/** What a verified access token says about its caller. */
export interface Principal {
  tenantId: string;
  objectId: string;
  name: string | null;
  username: string | null;
  scopes: string[];
  issuer: 'entra' | 'dev';
}
