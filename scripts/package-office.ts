// `npm run package:office [-- --dev]`: writes build/office-addin/manifest.xml from office-addin/manifest.template.xml,
// validated offline against the vendored add-in manifest schemas. Values for the template's placeholders come from
// the environment; --dev fills unset ones with local defaults (sideloading against https://localhost:3978).
import { relative } from 'node:path';
import { buildOfficeManifest } from './office/build.ts';
import { PackageError } from './teams/build.ts';

const dev = process.argv.includes('--dev');
try {
  const { path } = await buildOfficeManifest({ env: process.env, dev });
  process.stdout.write(`Wrote ${relative(process.cwd(), path)}${dev ? ' (local defaults)' : ''}\n`);
} catch (err) {
  if (!(err instanceof PackageError)) throw err;
  process.stderr.write(`${err.message}\n`);
  if (!dev) process.stderr.write('Set the variables above, or run with --dev for a local manifest.\n');
  process.exit(1);
}
