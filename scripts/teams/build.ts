// Builds the Teams app package: fill the template, validate it against the vendored schema, check the icons, zip.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DERIVED, fillTemplate, placeholdersIn, resolveValues } from './placeholders.ts';
import { schemaErrors } from './schema.ts';
import { iconProblems } from './icons.ts';
import { createZip } from './zip.ts';

export const APP_DIR = resolve(import.meta.dirname, '../../appPackage');
export const OUT_DIR = resolve(import.meta.dirname, '../../build/appPackage');
export const ZIP_NAME = 'donatello-teams.zip';

export class PackageError extends Error {
  override name = 'PackageError';
  readonly problems: string[];
  constructor(stage: string, problems: string[]) {
    super(`${stage}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

export interface BuildOptions {
  env: Record<string, string | undefined>;
  /** Fill unset variables with local defaults (a package for the Playground or a dev tunnel, not for a tenant). */
  dev?: boolean;
  appDir?: string;
  outDir?: string;
  /** The template text; read from appDir by default (tests pass broken ones). */
  template?: string;
}

/** The filled manifest as an object; throws a PackageError naming every missing or invalid variable. */
export function fillManifest(options: BuildOptions): Record<string, unknown> {
  const template =
    options.template ?? readFileSync(join(options.appDir ?? APP_DIR, 'manifest.template.json'), 'utf8');
  const { values, problems } = resolveValues(options.env, options.dev ?? false, placeholdersIn(template));
  const { text, unfilled } = fillTemplate(template, values);
  for (const name of unfilled) {
    // A derived value (TAB_DOMAIN) is missing only because its source is, which is already reported.
    if (name in DERIVED && problems.length) continue;
    if (!problems.some((p) => p.startsWith(`${name}:`))) problems.push(`${name}: no value for \${{${name}}}`);
  }
  if (problems.length) throw new PackageError('The manifest template cannot be filled', problems);
  const manifest = JSON.parse(text) as Record<string, unknown>;
  // PUBLIC_HOSTNAME and the tab's host are often the same; Teams wants each domain once.
  if (Array.isArray(manifest.validDomains)) manifest.validDomains = [...new Set(manifest.validDomains)];
  return manifest;
}

/** Fills, validates and zips; returns the zip's path. Throws a PackageError listing every problem found. */
export async function buildTeamsPackage(
  options: BuildOptions,
): Promise<{ zipPath: string; manifest: object }> {
  const appDir = options.appDir ?? APP_DIR;
  const manifest = fillManifest(options);
  const color = readFileSync(join(appDir, 'color.png'));
  const outline = readFileSync(join(appDir, 'outline.png'));
  const problems = [...schemaErrors(manifest), ...(await iconProblems(color, outline))];
  if (problems.length) throw new PackageError('The app package is not valid', problems);

  const outDir = options.outDir ?? OUT_DIR;
  mkdirSync(outDir, { recursive: true });
  const json = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(outDir, 'manifest.json'), json);
  const zipPath = join(outDir, ZIP_NAME);
  writeFileSync(
    zipPath,
    createZip([
      { name: 'manifest.json', data: json },
      { name: 'color.png', data: color },
      { name: 'outline.png', data: outline },
    ]),
  );
  return { zipPath, manifest };
}
