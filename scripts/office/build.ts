// Builds the Office add-in manifest: fill office-addin/manifest.template.xml from the environment (the same
// variables and checks as the Teams package), validate it offline against the official schemas and Office's
// other rules, check the icons it points at, and write build/office-addin/manifest.xml.
// Do not break: nothing is written unless every check passed, and every problem is reported at once.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { PackageError } from '../teams/build.ts';
import { DERIVED, ESCAPE, fillTemplate, placeholdersIn, resolveValues } from '../teams/placeholders.ts';
import { manifestRuleProblems, tagsOf } from './rules.ts';
import { xsdErrors } from './xsd.ts';

export const ADDIN_DIR = resolve(import.meta.dirname, '../../office-addin');
export const ASSETS_DIR = join(ADDIN_DIR, 'public/assets');
export const OUT_DIR = resolve(import.meta.dirname, '../../build/office-addin');

export interface OfficeBuildOptions {
  env: Record<string, string | undefined>;
  /** Fill unset variables with local defaults (for sideloading on a developer's machine). */
  dev?: boolean;
  /** The template text; read from office-addin/ by default (tests pass broken ones). */
  template?: string;
  outDir?: string;
  assetsDir?: string;
}

/**
 * Office single sign-on (`Office.auth.getAccessToken`) issues tokens only for an Application ID URI on the host
 * that serves the add-in: api://<PUBLIC_HOSTNAME>/<AAD_APP_CLIENT_ID>.
 */
function ssoProblem(values: Record<string, string>): string | null {
  const { AAD_APP_ID_URI: uri, PUBLIC_HOSTNAME: host, AAD_APP_CLIENT_ID: id } = values;
  if (!uri || !host || !id) return null;
  const expected = `api://${host}/${id}`;
  return uri.toLowerCase() === expected.toLowerCase()
    ? null
    : `AAD_APP_ID_URI: ${JSON.stringify(uri)} must be ${expected} for Office single sign-on (the add-in's host, then its client id)`;
}

/** The filled manifest text; throws a PackageError naming every missing or invalid variable. */
export function fillOfficeManifest(options: OfficeBuildOptions): string {
  const template = options.template ?? readFileSync(join(ADDIN_DIR, 'manifest.template.xml'), 'utf8');
  const { values, problems } = resolveValues(options.env, options.dev ?? false, placeholdersIn(template));
  const sso = ssoProblem(values);
  if (sso) problems.push(sso);
  const { text, unfilled } = fillTemplate(template, values, ESCAPE.xml);
  for (const name of unfilled) {
    // A derived value (ADDIN_ENDPOINT) is missing only because its source is, which is already reported.
    if (name in DERIVED && problems.length) continue;
    if (!problems.some((p) => p.startsWith(`${name}:`))) problems.push(`${name}: no value for \${{${name}}}`);
  }
  if (problems.length) throw new PackageError('The add-in manifest template cannot be filled', problems);
  return text;
}

/** Each icon the manifest points at under …/assets/ must exist in office-addin/public/assets at its stated size. */
async function iconProblems(xml: string, assetsDir: string): Promise<string[]> {
  const problems: string[] = [];
  for (const tag of tagsOf(xml)) {
    const url = tag.attributes.DefaultValue;
    const file = url && /\/assets\/(icon-(\d+)\.png)$/.exec(url);
    if (!file) continue;
    const size = Number(file[2]);
    try {
      const meta = await sharp(readFileSync(join(assetsDir, file[1]!))).metadata();
      if (meta.format !== 'png' || meta.width !== size || meta.height !== size)
        problems.push(
          `${file[1]}: is a ${meta.width}×${meta.height} ${meta.format}, not a ${size}×${size} PNG`,
        );
    } catch {
      problems.push(
        `${file[1]}: missing from office-addin/public/assets (run node scripts/make-office-icons.ts)`,
      );
    }
  }
  return [...new Set(problems)];
}

/** Schema violations, Office's other rules and icon problems of a filled manifest; empty when it is good. */
export async function officeManifestProblems(xml: string, assetsDir = ASSETS_DIR): Promise<string[]> {
  return [...(await xsdErrors(xml)), ...manifestRuleProblems(xml), ...(await iconProblems(xml, assetsDir))];
}

/** Fills, validates and writes the manifest; returns its path. Throws a PackageError listing every problem. */
export async function buildOfficeManifest(
  options: OfficeBuildOptions,
): Promise<{ path: string; xml: string }> {
  const xml = fillOfficeManifest(options);
  const problems = await officeManifestProblems(xml, options.assetsDir ?? ASSETS_DIR);
  if (problems.length) throw new PackageError('The add-in manifest is not valid', problems);
  const outDir = options.outDir ?? OUT_DIR;
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, 'manifest.xml');
  writeFileSync(path, xml);
  return { path, xml };
}
