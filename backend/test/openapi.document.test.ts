// The OpenAPI document itself: valid OpenAPI 3.1 (checked by a maintained validator), every schema valid JSON
// Schema 2020-12, every example valid against its schema, every operation complete, and security as configured.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { PROBLEM_CODES } from '@donatello/contracts';
import { buildOpenApiDocument, documentOptions, type DocumentOptions } from '../src/openapi/document.ts';
import { loadConfig } from '../src/config.ts';
import { documentSchemas } from './support/conformance.ts';

type Json = Record<string, any>;

const DEV: DocumentOptions = {
  version: '0.1.0',
  publicBaseUrl: 'http://localhost:3978',
  entra: null,
  devIssuer: true,
};
const PRODUCTION: DocumentOptions = {
  version: '0.1.0',
  publicBaseUrl: 'https://donatello.contoso.com.au',
  entra: {
    clientId: '11111111-2222-4333-8444-555555555555',
    authorityHost: 'https://login.microsoftonline.com',
  },
  devIssuer: false,
};
const dev = buildOpenApiDocument(DEV) as Json;
const production = buildOpenApiDocument(PRODUCTION) as Json;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

const operations = (doc: Json) =>
  Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    METHODS.filter((m) => (item as Json)[m]).map((m) => ({ path, method: m, op: (item as Json)[m] as Json })),
  );

const deref = (doc: Json, v: Json): Json =>
  typeof v?.$ref === 'string'
    ? deref(
        doc,
        v.$ref
          .slice(2)
          .split('/')
          .reduce((at: Json, k) => at[k.replaceAll('~1', '/')], doc),
      )
    : v;

/** Every schema in the document with where it is and the examples given for it. */
function schemasOf(doc: Json): { where: string; schema: Json; examples: unknown[] }[] {
  const out: { where: string; schema: Json; examples: unknown[] }[] = [];
  for (const [name, schema] of Object.entries(doc.components.schemas as Json)) {
    out.push({ where: `components.schemas.${name}`, schema, examples: (schema as Json).examples ?? [] });
  }
  for (const { path, method, op } of operations(doc)) {
    const at = `${method.toUpperCase()} ${path}`;
    for (const p of (op.parameters ?? []) as Json[]) {
      out.push({ where: `${at} parameter ${p.name}`, schema: p.schema, examples: p.schema.examples ?? [] });
    }
    for (const [type, media] of Object.entries((op.requestBody?.content ?? {}) as Json)) {
      const m = media as Json;
      out.push({
        where: `${at} request ${type}`,
        schema: m.schema,
        examples: 'example' in m ? [m.example] : [],
      });
    }
    for (const [status, response] of Object.entries(op.responses as Json)) {
      const r = deref(doc, response as Json);
      for (const [type, media] of Object.entries((r.content ?? {}) as Json)) {
        const m = media as Json;
        if (!m.schema) continue;
        out.push({
          where: `${at} ${status} ${type}`,
          schema: m.schema,
          examples: 'example' in m ? [m.example] : [],
        });
      }
      for (const [name, header] of Object.entries((r.headers ?? {}) as Json)) {
        out.push({
          where: `${at} ${status} header ${name}`,
          schema: deref(doc, header as Json).schema,
          examples: [],
        });
      }
    }
  }
  return out;
}

const devSchemas = documentSchemas(dev);
const compile = (_doc: Json, schema: Json) => devSchemas.compile(schema);

describe('the OpenAPI document', () => {
  it.each([
    ['development', dev],
    ['production', production],
  ])('is valid OpenAPI 3.1 (%s)', async (_name, doc) => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has schemas that are all strict JSON Schema 2020-12', () => {
    const all = schemasOf(dev);
    expect(all.length).toBeGreaterThan(100);
    const broken = all.flatMap(({ where, schema }) => {
      try {
        compile(dev, schema);
        return [];
      } catch (err) {
        return [`${where}: ${(err as Error).message}`];
      }
    });
    expect(broken).toEqual([]);
  });

  it('has examples (from the seeded tenant) that match their schemas', () => {
    const withExamples = schemasOf(dev).filter((s) => s.examples.length > 0);
    expect(withExamples.length).toBeGreaterThan(20);
    const wrong = withExamples.flatMap(({ where, schema, examples }) => {
      const validate = compile(dev, schema);
      return examples.flatMap((e, i) =>
        validate(e) ? [] : [`${where} example ${i}: ${JSON.stringify(validate.errors?.slice(0, 3))}`],
      );
    });
    expect(wrong).toEqual([]);
    // The people are the seeded ones.
    expect(JSON.stringify(dev)).toContain('Alice Nguyen');
    expect(
      dev.paths['/api/v1/departments/{id}'].get.responses['200'].content['application/json'].example.id,
    ).toBe('marketing');
  });

  it('describes every operation completely', () => {
    const ids = new Set<string>();
    const tags = new Set((dev.tags as Json[]).map((t) => t.name as string));
    for (const { path, method, op } of operations(dev)) {
      const at = `${method.toUpperCase()} ${path}`;
      expect(ids.has(op.operationId), `${at}: operationId ${op.operationId} is taken`).toBe(false);
      ids.add(op.operationId);
      expect(
        op.tags.every((t: string) => tags.has(t)),
        `${at}: undeclared tag`,
      ).toBe(true);
      expect(op.summary, `${at}: summary`).toBeTruthy();
      expect(op.description, `${at}: who may call it`).toMatch(/^\*\*Who:\*\* /);
      const statuses = Object.keys(op.responses);
      expect(
        statuses.some((s) => /^2/.test(s)),
        `${at}: a success status`,
      ).toBe(true);
      expect(statuses, `${at}: 500`).toContain('500');
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      if (!isPublic) expect(statuses, `${at}: 401 when signed in`).toContain('401');
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = ((op.parameters ?? []) as Json[])
        .filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort();
      expect(declared, `${at}: path parameters`).toEqual(templated);
      for (const [status, response] of Object.entries(op.responses as Json)) {
        const r = response as Json;
        const problem = r.content?.['application/problem+json'];
        if (!problem) continue;
        const codes = problem.schema.allOf[1].properties.code.enum as string[];
        expect(codes.length, `${at} ${status}: codes`).toBeGreaterThan(0);
        for (const c of codes) expect(PROBLEM_CODES, `${at} ${status}`).toContain(c);
        expect(r.headers['X-Request-Id'], `${at} ${status}: X-Request-Id`).toBeDefined();
      }
    }
    expect(ids.size).toBe(operations(dev).length);
  });

  it('documents the request headers and answers that matter to retries and waiting', () => {
    const post = dev.paths['/api/v1/generations'].post;
    const headers = (post.parameters as Json[]).filter((p) => p.in === 'header').map((p) => p.name);
    expect(headers).toEqual(['Idempotency-Key', 'Prefer']);
    expect(post.responses['429'].headers['Retry-After']).toEqual({
      $ref: '#/components/headers/Retry-After',
    });
    expect(dev.components.headers['Retry-After'].required).toBe(true);
    expect(post.responses['503'].headers['Retry-After'].required).toBeUndefined();
    expect(Object.keys(post.responses['201'].headers)).toEqual(
      expect.arrayContaining(['Location', 'Preference-Applied', 'Idempotent-Replayed']),
    );
    expect(
      post.responses['402'].content['application/problem+json'].schema.allOf[1].properties.code.enum,
    ).toEqual(['budget-exceeded']);
  });

  it('asks for the access_as_user scope, and offers the dev issuer only in development', () => {
    const scope = 'api://11111111-2222-4333-8444-555555555555/access_as_user';
    expect(production.security).toEqual([{ entra: [scope] }]);
    expect(Object.keys(production.components.securitySchemes)).toEqual(['entra']);
    expect(production.components.securitySchemes.entra.flows.authorizationCode.scopes).toHaveProperty([
      scope,
    ]);
    expect(JSON.stringify(production)).not.toContain('/dev/token');
    expect(dev.components.securitySchemes.devToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(dev.security).toEqual([{ entra: ['api://{ENTRA_CLIENT_ID}/access_as_user'] }, { devToken: [] }]);
    expect(dev.paths['/api/v1/health'].get.security).toEqual([]);
    expect(production.servers).toEqual([
      { url: 'https://donatello.contoso.com.au', description: 'This deployment' },
    ]);
  });

  it('takes the scope from the application id URI when one is configured', () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      DATA_DIR: '/tmp/unused',
      ENTRA_CLIENT_ID: PRODUCTION.entra!.clientId,
      ENTRA_ALLOWED_TENANTS: '6b0c2d4e-0000-4000-8000-00000000da11',
      ENTRA_APP_ID_URI: 'api://donatello.contoso.com.au/11111111-2222-4333-8444-555555555555',
    });
    const doc = buildOpenApiDocument(documentOptions(config)) as Json;
    expect(doc.security[0]).toEqual({
      entra: ['api://donatello.contoso.com.au/11111111-2222-4333-8444-555555555555/access_as_user'],
    });
  });

  it('is written to a file by npm run build, for publishing, without the dev issuer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-build-'));
    try {
      const out = join(dir, 'openapi.json');
      const script = resolve(import.meta.dirname, '../../scripts/build-openapi.ts');
      const { stdout } = await promisify(execFile)(process.execPath, [script], {
        env: {
          PATH: process.env.PATH ?? '',
          OPENAPI_OUT: out,
          PUBLIC_BASE_URL: 'https://donatello.contoso.com.au/',
          ENTRA_CLIENT_ID: PRODUCTION.entra!.clientId,
        },
      });
      expect(stdout).toMatch(/^Wrote .*openapi\.json \(OpenAPI 3\.1\.1, \d+ operations\)/);
      const written = JSON.parse(readFileSync(out, 'utf8'));
      const { version } = JSON.parse(
        readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8'),
      );
      expect(written).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument({ ...PRODUCTION, version }))));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
