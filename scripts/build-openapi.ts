// `npm run build` step: writes the OpenAPI 3.1 document to build/openapi.json, for publishing or importing into
// Power Automate, ServiceNow and the like, after checking it with the same OpenAPI 3.1 validator as the tests.
// The published document never offers the dev issuer. PUBLIC_BASE_URL, ENTRA_CLIENT_ID and ENTRA_APP_ID_URI,
// when set, name the deployment's server and Entra scope; otherwise the server is a `{host}` variable.
// OPENAPI_OUT writes it elsewhere.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { buildOpenApiDocument } from '../backend/src/openapi/document.ts';

const ROOT = resolve(import.meta.dirname, '..');
const env = process.env;
const OUT = resolve(env.OPENAPI_OUT ?? join(ROOT, 'build', 'openapi.json'));
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

const clientId = env.ENTRA_CLIENT_ID?.toLowerCase();
const doc = buildOpenApiDocument({
  version,
  publicBaseUrl: env.PUBLIC_BASE_URL?.replace(/\/+$/, '') ?? null,
  entra: clientId
    ? {
        clientId,
        authorityHost: env.ENTRA_AUTHORITY_HOST ?? 'https://login.microsoftonline.com',
        ...(env.ENTRA_APP_ID_URI ? { appIdUri: env.ENTRA_APP_ID_URI } : {}),
      }
    : null,
  devIssuer: false,
});

const result = await new Validator().validate(JSON.parse(JSON.stringify(doc)) as Record<string, unknown>);
if (!result.valid) {
  process.stderr.write(
    `build/openapi.json: not valid OpenAPI 3.1:\n${JSON.stringify(result.errors, null, 2)}\n`,
  );
  process.exit(1);
}
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `${JSON.stringify(doc, null, 2)}\n`);
const operations = Object.values(doc.paths ?? {}).reduce((n, item) => n + Object.keys(item).length, 0);
process.stdout.write(`Wrote ${relative(ROOT, OUT)} (OpenAPI ${doc.openapi}, ${operations} operations)\n`);
