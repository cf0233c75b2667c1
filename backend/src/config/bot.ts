// Settings of the Teams bot and of the signed image links its cards use (issue #5).
import { z } from 'zod';
import { httpUrl, uuid } from './fields.ts';

export const BotEnv = z.object({
  /** The bot's Microsoft app (client) id and secret from its Azure Bot registration. */
  BOT_ID: uuid.optional(),
  BOT_PASSWORD: z.string().min(1).optional(),
  /**
   * How the bot gets its Bot Framework tokens: `secret` (BOT_PASSWORD, for a developer's own tenant) or
   * `managed-identity` (a UserAssignedMSI bot: BOT_ID is the identity's client id; no secret anywhere).
   */
  BOT_AUTH: z.enum(['secret', 'managed-identity']).optional(),
  /** The tenant of a single-tenant or managed-identity bot registration. */
  BOT_TENANT_ID: uuid.optional(),
  /** The Teams app's id (the manifest's `id`): deep links to the gallery tab name it. */
  TEAMS_APP_ID: uuid.optional(),
  /**
   * Bot Framework service URLs the bot may answer to (comma-separated URL prefixes). Activities naming any
   * other serviceUrl are refused. Default: Teams' public cloud with credentials, BOT_DEV_SERVICE_URL without.
   */
  BOT_SERVICE_URLS: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/ })).min(1))
    .optional(),
  /** Development without credentials: where proactive messages go (the Agents Playground's connector). */
  BOT_DEV_SERVICE_URL: httpUrl.optional(),
  /** HMAC key for signed image links in cards (at least 32 characters); generated per data dir in development. */
  IMAGE_URL_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  IMAGE_URL_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 366)
    .default(24 * 30),
});
export type BotEnv = z.infer<typeof BotEnv>;

export const DEV_BOT_ID = '00000000-0000-4000-8000-00000000b07d';
/** The Teams app id of local runs (the Playground and `package:teams --dev`); fake, never registered. */
export const DEV_TEAMS_APP_ID = 'd0a7e110-0000-4000-8000-000000000001';
export const PLAYGROUND_SERVICE_URL = 'http://localhost:56150/_connector';

export type BotConfig = (
  | { mode: 'credentials'; appId: string; password: string; tenantId?: string }
  /** A UserAssignedMSI bot (issue #13): tokens come from the App Service's managed identity endpoint. */
  | { mode: 'managed-identity'; appId: string; tenantId: string }
  | { mode: 'dev'; appId: string; serviceUrl: string }
) & {
  /** The Teams app id, for deep links into the app's tabs. */
  teamsAppId: string;
  /** The service URLs activities may name (the bot sends its replies there). */
  serviceUrls: string[];
};

/** Teams' public-cloud connector (all regions are paths below it, e.g. /au/, /apac/, /teams/). */
export const TEAMS_SERVICE_URL = 'https://smba.trafficmanager.net/';

export interface ImageLinksConfig {
  /** Null outside production: the host generates one and keeps it under DATA_DIR. */
  secret: string | null;
  ttlSeconds: number;
}

export function botProblems(e: BotEnv, production: boolean): string[] {
  const p: string[] = [];
  const managed = e.BOT_AUTH === 'managed-identity';
  if (production) {
    if (!e.BOT_ID) p.push('  BOT_ID: required when NODE_ENV=production (the bot must check Teams tokens)');
    if (!managed && !e.BOT_PASSWORD) {
      p.push('  BOT_PASSWORD: required when NODE_ENV=production, unless BOT_AUTH=managed-identity');
    }
    if (!e.TEAMS_APP_ID)
      p.push("  TEAMS_APP_ID: required when NODE_ENV=production (cards link to the app's tabs)");
    if (e.BOT_DEV_SERVICE_URL) p.push('  BOT_DEV_SERVICE_URL: not allowed when NODE_ENV=production');
    if (!e.IMAGE_URL_SECRET) p.push('  IMAGE_URL_SECRET: required when NODE_ENV=production');
  }
  if (e.BOT_PASSWORD && !e.BOT_ID) p.push('  BOT_PASSWORD: has no effect without BOT_ID');
  if (e.BOT_AUTH === 'secret' && !e.BOT_PASSWORD) p.push('  BOT_PASSWORD: required when BOT_AUTH=secret');
  if (managed) {
    if (!e.BOT_ID) p.push("  BOT_ID: required when BOT_AUTH=managed-identity (the identity's client id)");
    if (!e.BOT_TENANT_ID)
      p.push("  BOT_TENANT_ID: required when BOT_AUTH=managed-identity (the identity's tenant)");
    if (e.BOT_PASSWORD)
      p.push('  BOT_PASSWORD: not allowed when BOT_AUTH=managed-identity (it has no secret)');
  } else if (e.BOT_TENANT_ID && !e.BOT_PASSWORD) {
    p.push('  BOT_TENANT_ID: has no effect without BOT_PASSWORD or BOT_AUTH=managed-identity');
  }
  return p;
}

/**
 * The managed identity when BOT_AUTH=managed-identity; credentials when BOT_ID and BOT_PASSWORD are set; otherwise the development mode, which accepts
 * unauthenticated activities, and only while the dev issuer is on (never in production). Else no bot.
 */
export function botConfig(e: BotEnv, devEnabled: boolean): BotConfig | null {
  const teamsAppId = (e.TEAMS_APP_ID ?? DEV_TEAMS_APP_ID).toLowerCase();
  if (e.BOT_AUTH === 'managed-identity' && e.BOT_ID && e.BOT_TENANT_ID) {
    return {
      mode: 'managed-identity',
      appId: e.BOT_ID.toLowerCase(),
      tenantId: e.BOT_TENANT_ID.toLowerCase(),
      teamsAppId,
      serviceUrls: e.BOT_SERVICE_URLS ?? [TEAMS_SERVICE_URL],
    };
  }
  if (e.BOT_ID && e.BOT_PASSWORD) {
    return {
      mode: 'credentials',
      appId: e.BOT_ID.toLowerCase(),
      password: e.BOT_PASSWORD,
      ...(e.BOT_TENANT_ID ? { tenantId: e.BOT_TENANT_ID.toLowerCase() } : {}),
      teamsAppId,
      serviceUrls: e.BOT_SERVICE_URLS ?? [TEAMS_SERVICE_URL],
    };
  }
  if (!devEnabled) return null;
  const serviceUrl = e.BOT_DEV_SERVICE_URL ?? PLAYGROUND_SERVICE_URL;
  return {
    mode: 'dev',
    appId: (e.BOT_ID ?? DEV_BOT_ID).toLowerCase(),
    serviceUrl,
    teamsAppId,
    serviceUrls: e.BOT_SERVICE_URLS ?? [serviceUrl],
  };
}

export function imageLinksConfig(e: BotEnv): ImageLinksConfig {
  return { secret: e.IMAGE_URL_SECRET ?? null, ttlSeconds: e.IMAGE_URL_TTL_HOURS * 3600 };
}
