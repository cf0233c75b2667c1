// `npm run package:teams [-- --dev]`: builds build/appPackage/donatello-teams.zip from appPackage/. Values for the
// template's ${{NAME}} placeholders come from the environment; --dev fills unset ones with local defaults.
import { relative } from 'node:path';
import { buildTeamsPackage, PackageError } from './teams/build.ts';

const dev = process.argv.includes('--dev');
try {
  const { zipPath } = await buildTeamsPackage({ env: process.env, dev });
  process.stdout.write(`Wrote ${relative(process.cwd(), zipPath)}${dev ? ' (local defaults)' : ''}\n`);
} catch (err) {
  if (!(err instanceof PackageError)) throw err;
  process.stderr.write(`${err.message}\n`);
  if (!dev) process.stderr.write('Set the variables above, or run with --dev for a local package.\n');
  process.exit(1);
}
