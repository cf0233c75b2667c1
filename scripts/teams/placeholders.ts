// The `${{NAME}}` placeholders of appPackage/manifest.template.json and office-addin/manifest.template.xml (the
// Agents Toolkit's syntax, so teamsapp.yml can fill the same templates), where their values come from, and how
// each is checked before the schema runs: a clear "BOT_ID: not a GUID" beats "/bots/0/botId must match pattern".
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEV_BOT_ID, DEV_TEAMS_APP_ID } from '../../backend/src/config/bot.ts';
import { escapeXml } from '../../backend/src/domain/xml.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Fixed ids for local runs: stable across restarts, obviously fake, never registered anywhere. The bot id is the
 * one the backend's bot uses in development, so the Playground and a --dev package name the same bot. */
export const DEV_IDS = {
  teamsAppId: DEV_TEAMS_APP_ID,
  botId: DEV_BOT_ID,
  aadClientId: 'd0a7e110-0000-4000-8000-000000000003',
  officeAddinId: 'd0a7e110-0000-4000-8000-000000000004',
} as const;

const DEV_HOST = 'localhost:3978';

interface Variable {
  name: string;
  what: string;
  /** Returns why the value is unusable ("is not a GUID"), or null. */
  check(value: string): string | null;
  /** The value when the variable is unset; `dev` is true with --dev. */
  fallback?: (dev: boolean) => string | undefined;
}

const guid = (v: string) => (GUID.test(v) ? null : 'is not a GUID');

export const VARIABLES: Variable[] = [
  {
    name: 'TEAMS_APP_ID',
    what: 'the Teams app id (a GUID)',
    check: guid,
    fallback: (dev) => (dev ? DEV_IDS.teamsAppId : undefined),
  },
  {
    name: 'BOT_ID',
    what: "the bot's Microsoft App ID (a GUID)",
    check: guid,
    fallback: (dev) => (dev ? DEV_IDS.botId : undefined),
  },
  {
    name: 'AAD_APP_CLIENT_ID',
    what: 'the Entra app (client) id used for SSO (a GUID)',
    check: guid,
    fallback: (dev) => (dev ? DEV_IDS.aadClientId : undefined),
  },
  {
    name: 'AAD_APP_ID_URI',
    what: "the Entra app's Application ID URI (api://…)",
    check: (v) => (/^api:\/\/\S+$/.test(v) ? null : 'is not an api:// URI'),
    fallback: (dev) => (dev ? `api://${DEV_HOST}/${DEV_IDS.aadClientId}` : undefined),
  },
  {
    name: 'PUBLIC_HOSTNAME',
    what: 'the host name the backend is reached at, without scheme or path (donatello.example.com)',
    check: (v) =>
      /^[a-z0-9.-]+(:\d{1,5})?$/i.test(v) ? null : 'is not a host name such as donatello.example.com',
    fallback: (dev) => (dev ? DEV_HOST : undefined),
  },
  {
    name: 'TAB_ENDPOINT',
    what: 'the https base URL of the tab pages',
    check: (v) =>
      /^https:\/\/[^\s/]+(\/\S*)?$/.test(v) && !v.endsWith('/')
        ? null
        : 'is not an https URL without a trailing /',
    fallback: (dev) => (dev ? `https://${DEV_HOST}/tab` : undefined),
  },
  {
    name: 'APP_VERSION',
    what: 'the app version (x.y.z); defaults to the root package.json version',
    check: (v) => (/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(v) ? null : 'is not x.y.z'),
    fallback: () => packageVersion(),
  },
  {
    name: 'OFFICE_ADDIN_ID',
    what: 'the Office add-in id (a GUID of its own, not the Teams app id)',
    check: guid,
    fallback: (dev) => (dev ? DEV_IDS.officeAddinId : undefined),
  },
  {
    name: 'APP_NAME_SUFFIX',
    what: 'text after the app name, e.g. " (dev)"',
    check: (v) => (v.length <= 19 ? null : 'is longer than 19 characters (the short name allows 30)'),
    fallback: (dev) => (dev ? ' (local)' : ''),
  },
];

/** Values computed from others, so the template never repeats what one variable already says. */
export const DERIVED: Record<string, (values: Record<string, string>) => string | undefined> = {
  TAB_DOMAIN: (v) => (v.TAB_ENDPOINT ? new URL(v.TAB_ENDPOINT).host : undefined),
  // The backend serves the task pane under /addin/; Office SSO wants it on the host named in AAD_APP_ID_URI.
  ADDIN_ENDPOINT: (v) => (v.PUBLIC_HOSTNAME ? `https://${v.PUBLIC_HOSTNAME}/addin` : undefined),
};

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export interface Resolved {
  values: Record<string, string>;
  /** One line per missing or invalid variable, each starting with its name. */
  problems: string[];
}

/**
 * Reads the variables from `env` (an unset or empty one falls back, with --dev to a local default): every one, or
 * only those in `only` (the placeholders one template uses, so the add-in manifest never asks for BOT_ID).
 */
export function resolveValues(
  env: Record<string, string | undefined>,
  dev: boolean,
  only?: readonly string[],
): Resolved {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (const v of VARIABLES) {
    if (only && !only.includes(v.name)) continue;
    const value = env[v.name] || v.fallback?.(dev);
    if (value === undefined) {
      problems.push(`${v.name}: missing; set it to ${v.what}`);
      continue;
    }
    const why = v.check(value);
    if (why) problems.push(`${v.name}: ${JSON.stringify(value)} ${why}`);
    else values[v.name] = value;
  }
  for (const [name, derive] of Object.entries(DERIVED)) {
    const value = derive(values);
    if (value !== undefined) values[name] = value;
  }
  return { values, problems };
}

const PLACEHOLDER = /\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g;

/** The variables a template needs: its own placeholders, and the sources of the derived ones it uses. */
export function placeholdersIn(template: string): string[] {
  const names = new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!));
  // Derived values come from PUBLIC_HOSTNAME or TAB_ENDPOINT; asking for those is enough.
  if (names.has('ADDIN_ENDPOINT')) names.add('PUBLIC_HOSTNAME');
  if (names.has('TAB_DOMAIN')) names.add('TAB_ENDPOINT');
  return [...names];
}

/** Values land inside JSON strings (the Teams manifest) or XML text and attributes (the add-in manifest). */
export const ESCAPE = {
  json: (value: string) => JSON.stringify(value).slice(1, -1),
  xml: escapeXml,
};

/** Replaces `${{NAME}}` inside the template; names with no value are returned, in order of appearance. */
export function fillTemplate(
  template: string,
  values: Record<string, string>,
  escape: (value: string) => string = ESCAPE.json,
): { text: string; unfilled: string[] } {
  const unfilled = new Set<string>();
  const text = template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      unfilled.add(name);
      return whole;
    }
    return escape(value);
  });
  return { text, unfilled: [...unfilled] };
}
