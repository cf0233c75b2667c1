// Validates a filled manifest against the vendored Teams schema (appPackage/schema/). The schema is draft-04,
// which Ajv 8 reads only through ajv-draft-04; the same setup Microsoft's @microsoft/app-manifest validator uses.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
// CommonJS packages: under nodenext their classes sit on `.default` of the module object.
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

export const SCHEMA_PATH = resolve(import.meta.dirname, '../../appPackage/schema/MicrosoftTeams.schema.json');

let compiled: ValidateFunction | null = null;

function validator() {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object;
    // strict: false because the official schema carries keywords Ajv's strict mode rejects (e.g. "default": "null"
    // on a boolean); it is vendored as published, not edited.
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
    addFormats.default(ajv, ['uri', 'email', 'regex']);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** Every schema violation as "<json pointer> <message>"; empty when the manifest is valid. */
export function schemaErrors(manifest: unknown): string[] {
  const validate = validator();
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => {
    const extra = e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : '';
    return `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${extra}`;
  });
}
