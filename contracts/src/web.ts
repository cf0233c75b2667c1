// What the web surfaces (the Teams tab, the Office add-in) learn from the backend before anyone signs in, and
// the model catalogue the Create page offers. Nothing here may be secret: the config is public. The pages import
// only the types of this module, so zod stays out of their bundles.
import { z } from 'zod';
import { ProviderId } from './departments.ts';
import { AudValue } from './money.ts';

/** `GET /api/v1/client-config`: how a web surface signs in and links back into Teams. */
export const ClientConfigView = z
  .object({
    devSignIn: z.boolean().meta({
      description: 'The development sign-in (a user switcher) is on; never in production',
    }),
    entra: z
      .object({
        clientId: z.string().meta({
          description: 'The one app registration of the API, the tab and the add-in (SPA redirect URIs)',
        }),
        authority: z
          .string()
          .meta({ description: '`https://login.microsoftonline.com/{tenant or "organizations"}`' }),
        scopes: z
          .array(z.string())
          .meta({ description: 'The delegated scope to request: `{App ID URI}/access_as_user`' }),
      })
      .nullable()
      .meta({ description: 'Microsoft Entra sign-in: null when the backend accepts no Entra tokens' }),
    teamsAppId: z.string().nullable().meta({
      description: 'The Teams app id, for deep links to the gallery tab; null when Teams is not set up',
    }),
    version: z.string(),
  })
  .meta({ id: 'ClientConfig' });
export type ClientConfigView = z.infer<typeof ClientConfigView>;

/** `GET /api/v1/models`: a model the caller's department may use. */
export const ModelView = z
  .object({
    id: z.string(),
    provider: ProviderId,
    displayName: z.string(),
    sizes: z.array(z.string()),
    qualities: z.array(z.enum(['standard', 'hd'])),
    maxImages: z.number().int().min(1),
    unitPriceAud: z
      .object({ standard: AudValue.optional(), hd: AudValue.optional() })
      .meta({ description: 'Price of one image in AUD by quality, 4 decimal places' }),
    region: z.enum(['australia', 'united-states', 'global']),
    commercialSafe: z.boolean().meta({
      description: 'Trained on licensed content with commercial indemnity: preferred for `purpose: external`',
    }),
    styles: z.array(z.string()).nullable(),
  })
  .meta({ id: 'Model' });
export type ModelView = z.infer<typeof ModelView>;

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
