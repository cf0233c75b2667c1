// Offline checks of the Agents Toolkit project files (teamsapp.yml, teamsapp.local.yml), run by `npm test`:
// - the file against the toolkit's YAML JSON schema, vendored in infra/schema/teamsapp-yaml/ (MIT, from the
//   toolkit CLI's npm package), at the version the file declares;
// - every ${{VAR}} in an action, or in a file the action fills (app manifest, Entra manifest, ARM parameters),
//   is declared in env/.env.<env> or written by an earlier action (writeToEnvironmentFile, a Bicep output of
//   arm/deploy, our toolkit-env.ts script); SECRET_ values never come from a committed file;
// - the ARM parameters file names exactly the Bicep template's params (all the required ones), and the
//   resource id zipDeploy deploys to is a Bicep output.
// The toolkit itself only finds a missing variable halfway through a real provision, after resources exist.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { parseBicep } from './bicep.ts';
import { outputsOf } from '../../scripts/deploy/toolkit-env.ts';

export const SCHEMA_VERSION = 'v1.8';
const SCHEMA_DIR = join(import.meta.dirname, '../schema/teamsapp-yaml');
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const STAGES = ['provision', 'deploy', 'publish'] as const;

type Read = (file: string) => string;
const disk: Read = (f) => readFileSync(f, 'utf8');

export interface ProjectCheck {
  /** The yml file. */
  yml: string;
  /** Environments to check it against; `ordered` also checks that each variable exists before its first use
   * (an env file that already holds every output, like .env.ci, cannot show that). */
  envs: { name: string; ordered: boolean }[];
  read?: Read;
}

interface Action {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}

const placeholders = (text: string) => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);

/** KEY=VALUE lines of a dotenv file. */
export function envKeys(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
    if (m) out.set(m[1]!, m[2]!.trim());
  }
  return out;
}

export function schemaProblems(doc: unknown, version: string): string[] {
  const file = join(SCHEMA_DIR, version, 'yaml.schema.json');
  if (!existsSync(file)) return [`schema version ${version} is not vendored (infra/schema/teamsapp-yaml)`];
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
  if (validate(doc)) return [];
  // anyOf over every action type reports each alternative; the shortest paths name the real mistake.
  const errors = validate.errors ?? [];
  const deepest = Math.max(...errors.map((e) => e.instancePath.split('/').length));
  return errors
    .filter(
      (e) => e.keyword !== 'anyOf' && (errors.length < 5 || e.instancePath.split('/').length >= deepest - 1),
    )
    .slice(0, 10)
    .map((e) => `schema: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** The variables an action writes. */
function outputsOfAction(a: Action, base: string, read: Read): string[] {
  const out = Object.values(a.writeToEnvironmentFile ?? {});
  if (a.uses === 'arm/deploy') {
    for (const t of (a.with?.templates ?? []) as { path: string }[]) {
      const bicep = parseBicep(join(base, t.path), read(join(base, t.path)));
      out.push(...bicep.outputs.map((o) => o.name));
    }
  }
  if (a.uses === 'aadApp/update') out.push('AAD_APP_ACCESS_AS_USER_PERMISSION_ID');
  if (a.uses === 'script') out.push(...(outputsOf(typeof a.with?.run === 'string' ? a.with.run : '') ?? []));
  return out;
}

/** Files an action fills with the environment's values. */
function filesOfAction(a: Action): string[] {
  const w = a.with ?? {};
  const files: string[] = [];
  if (typeof w.manifestPath === 'string') files.push(w.manifestPath);
  if (a.uses === 'arm/deploy')
    for (const t of (w.templates ?? []) as { parameters?: string }[])
      if (t.parameters) files.push(t.parameters);
  return files;
}

function armProblems(a: Action, base: string, read: Read): string[] {
  const out: string[] = [];
  for (const t of (a.with?.templates ?? []) as { path: string; parameters?: string }[]) {
    const bicep = parseBicep(join(base, t.path), read(join(base, t.path)));
    if (!t.parameters) continue;
    const given = Object.keys(
      (JSON.parse(read(join(base, t.parameters))) as { parameters: object }).parameters,
    );
    const names = new Set(bicep.params.map((p) => p.name));
    for (const g of given) if (!names.has(g)) out.push(`${t.parameters}: "${g}" is not a param of ${t.path}`);
    for (const p of bicep.params)
      if (p.default === undefined && !given.includes(p.name))
        out.push(`${t.parameters}: ${t.path} needs param "${p.name}" (it has no default)`);
  }
  return out;
}

export function checkToolkitProject(p: ProjectCheck): string[] {
  const read = p.read ?? disk;
  const base = dirname(p.yml);
  const name = relative(base, p.yml);
  const doc = parseYaml(read(p.yml)) as Record<string, unknown>;
  const problems: string[] = [];
  const version = String(doc.version);
  if (version !== SCHEMA_VERSION)
    problems.push(`${name}: version ${version}; use ${SCHEMA_VERSION}, which teamsapp and atk both accept`);
  problems.push(...schemaProblems(doc, version).map((s) => `${name}: ${s}`));
  if (problems.length) return problems;

  const actions = STAGES.flatMap((stage) =>
    ((doc[stage] ?? []) as Action[]).map((a, i) => ({ stage, i, a })),
  );
  const outputs = new Map<string, number>(); // variable -> the first action (index into `actions`) writing it
  for (const [n, { stage, i, a }] of actions.entries()) {
    const where = `${stage}[${i}] ${a.uses}`;
    for (const f of [
      ...filesOfAction(a),
      ...((a.with?.templates ?? []) as { path: string }[]).map((t) => t.path),
    ])
      if (!existsSync(join(base, f))) problems.push(`${name}: ${where} names ${f}, which does not exist`);
    for (const o of outputsOfAction(a, base, read)) if (!outputs.has(o)) outputs.set(o, n);
    if (a.uses === 'arm/deploy') problems.push(...armProblems(a, base, read).map((x) => `${name}: ${x}`));
    if (a.uses === 'azureAppService/zipDeploy') {
      const resourceId = typeof a.with?.resourceId === 'string' ? a.with.resourceId : '';
      const id = placeholders(resourceId);
      const arm = actions
        .filter((x) => x.a.uses === 'arm/deploy')
        .flatMap((x) => outputsOfAction(x.a, base, read));
      if (id.length !== 1 || !arm.includes(id[0]!))
        problems.push(`${name}: ${where} resourceId ${resourceId} is not a Bicep output`);
    }
  }

  for (const env of p.envs) {
    const envFile = join(base, 'env', `.env.${env.name}`);
    const declared = envKeys(read(envFile));
    for (const key of declared.keys())
      if (key.startsWith('SECRET_'))
        problems.push(`env/.env.${env.name}: ${key} is a secret; keep it in env/.env.${env.name}.user`);
    const known = new Set(declared.keys());
    for (const [n, { stage, i, a }] of actions.entries()) {
      const where = `${stage}[${i}] ${a.uses}`;
      const texts = [
        JSON.stringify(a),
        ...filesOfAction(a)
          .filter((f) => existsSync(join(base, f)))
          .map((f) => read(join(base, f))),
      ];
      for (const v of new Set(texts.flatMap(placeholders))) {
        const written = outputs.get(v);
        // aadApp/update makes the scope's id itself when it is still empty.
        const own = written === n && a.uses === 'aadApp/update';
        const earlier = written !== undefined && (written < n || own);
        const ok = v.startsWith('SECRET_')
          ? earlier
          : known.has(v) || earlier || (!env.ordered && written !== undefined);
        if (!ok) {
          problems.push(
            `${name} (${env.name}): ${where} uses \${{${v}}}, which is not in env/.env.${env.name} nor written by an earlier action`,
          );
        }
      }
    }
  }
  return problems;
}
