// Small steps of teamsapp.yml and teamsapp.local.yml (`script` actions) that the toolkit has no action for.
// They talk back to the toolkit the documented way: `::set-teamsfx-env NAME=value` lines on stdout, which it
// writes to env/.env.<env> (names starting with SECRET_ to the git-ignored env/.env.<env>.user).
//   node scripts/deploy/toolkit-env.ts secret SECRET_NAME   a random secret, only when SECRET_NAME is still empty
//   node scripts/deploy/toolkit-env.ts urls                 AAD_APP_ID_URI, TAB_ENDPOINT and TAB_DOMAIN from
//                                                           PUBLIC_HOSTNAME and AAD_APP_CLIENT_ID
// `outputsOf` says what a command line writes; infra/checks uses it to follow ${{VAR}}s through the files.
import { randomBytes } from 'node:crypto';

export const URL_OUTPUTS = ['AAD_APP_ID_URI', 'TAB_ENDPOINT', 'TAB_DOMAIN'] as const;

/** The variables `node scripts/deploy/toolkit-env.ts …` writes, from its command line; null if not ours. */
export function outputsOf(run: string): string[] | null {
  const m = /^node scripts\/deploy\/toolkit-env\.ts\s+(secret\s+(SECRET_[A-Z0-9_]+)|urls)\s*$/.exec(
    run.trim(),
  );
  if (!m) return null;
  return m[2] ? [m[2]] : [...URL_OUTPUTS];
}

/** The lines to print: nothing for a secret that exists already (re-provisioning must not rotate it). */
export function commandLines(args: string[], env: Record<string, string | undefined>): string[] {
  const [what, name] = args;
  if (what === 'secret' && name && /^SECRET_[A-Z0-9_]+$/.test(name)) {
    return env[name] ? [] : [`::set-teamsfx-env ${name}=${randomBytes(36).toString('base64url')}`];
  }
  if (what === 'urls') {
    const host = env.PUBLIC_HOSTNAME;
    const client = env.AAD_APP_CLIENT_ID;
    if (!host || !/^[a-z0-9.-]+(:\d{1,5})?$/i.test(host))
      throw new Error('PUBLIC_HOSTNAME is not set to a host name');
    if (!client) throw new Error('AAD_APP_CLIENT_ID is not set (run aadApp/create first)');
    return [
      `::set-teamsfx-env AAD_APP_ID_URI=api://${host}/${client}`,
      `::set-teamsfx-env TAB_ENDPOINT=https://${host}/tab`,
      `::set-teamsfx-env TAB_DOMAIN=${host}`,
    ];
  }
  throw new Error('usage: toolkit-env.ts secret SECRET_NAME | urls');
}

if (import.meta.main) {
  try {
    for (const line of commandLines(process.argv.slice(2), process.env)) process.stdout.write(`${line}\n`);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
}
