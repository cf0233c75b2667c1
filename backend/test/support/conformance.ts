// Holds real answers to the OpenAPI document the server itself serves: the status must be listed for the route,
// the media type documented, the JSON body valid against the response schema and required headers present.
// Every test host checks every /api/v1 answer it sees (support/host.ts), so the document cannot drift from the
// server. Messages name the operation and status exactly, for the person who has to fix the spec.
import { appendFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Json = Record<string, any>;

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

interface Template {
  path: string;
  regex: RegExp;
  literalChars: number;
}

/** CONFORMANCE_REPORT=<file>: each operation and status checked is appended to it (how much the tests cover). */
const REPORT = process.env.CONFORMANCE_REPORT;
/** Where a failure tells the reader to describe what is missing. */
const SPECS = 'backend/src/openapi/routes/';
const JSON_MEDIA = /^application\/([a-z.+-]*\+)?json$/;

/** Strict JSON Schema 2020-12 (the OpenAPI 3.1 dialect) with the formats the contracts use. */
export function schemaValidator(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats.default(ajv);
  return ajv;
}

const COMPONENTS = 'urn:donatello:openapi-components';
const toComponents = (schema: unknown): Json =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${COMPONENTS}#/$defs/`));

/**
 * Compiles schemas taken out of an OpenAPI document: the document's component schemas are added once, and a
 * `#/components/schemas/X` ref points at them.
 */
export function documentSchemas(doc: Json): { compile(schema: unknown): ValidateFunction } {
  const ajv = schemaValidator();
  ajv.addSchema({ $id: COMPONENTS, $defs: toComponents((doc.components as Json).schemas ?? {}) });
  return { compile: (schema) => ajv.compile(toComponents(schema)) };
}

export class Conformance {
  readonly doc: Json;
  private readonly schemas: ReturnType<typeof documentSchemas>;
  private readonly templates: Template[];
  private readonly validators = new Map<string, ValidateFunction>();
  /** `METHOD /template` → statuses seen and checked. */
  readonly seen = new Map<string, Set<number>>();

  constructor(doc: Json) {
    this.doc = doc;
    this.schemas = documentSchemas(doc);
    this.templates = Object.keys(doc.paths as Json)
      .map((path) => ({
        path,
        regex: new RegExp(
          `^${path
            .split(/(\{[^}]+\})/)
            .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
            .join('')}$`,
        ),
        literalChars: path.replace(/\{[^}]+\}/g, '').length,
      }))
      // A literal segment wins over a parameter (`/images/{id}/thumbnail` before `/images/{id}/{x}`).
      .sort((a, b) => b.literalChars - a.literalChars);
  }

  static async load(base: string): Promise<Conformance> {
    const res = await fetch(`${base}/api/v1/openapi.json`);
    if (res.status !== 200) throw new Error(`GET /api/v1/openapi.json answered ${res.status}`);
    return new Conformance((await res.json()) as Json);
  }

  /** The documented template a request path falls under, or null when the document has no such path. */
  template(path: string): string | null {
    const bare = path.split('?')[0]!;
    return this.templates.find((t) => t.regex.test(bare))?.path ?? null;
  }

  /**
   * What is wrong with this answer, as sentences (empty when it conforms). Requests to paths the document does
   * not describe are left to the route-walk test. For an answer the server accepted (below 400), the request
   * must fit the document too: its query parameters listed, its JSON body valid.
   */
  check(method: string, path: string, answer: Answer, request: { body?: unknown } = {}): string[] {
    const template = this.template(path);
    if (!template) return [];
    const op = (this.doc.paths as Json)[template][method.toLowerCase()] as Json | undefined;
    if (!op) return [];
    const name = `${method.toUpperCase()} ${template}`;
    const code = (answer.body as { code?: unknown } | undefined)?.code;
    const what = `${name} answered ${answer.status}${typeof code === 'string' ? ` (${code})` : ''}`;
    const responses = op.responses as Json;
    const response = this.resolve(responses[String(answer.status)] ?? responses.default);
    if (!response) {
      return [
        `${what}, which the document does not list for it (it lists ${Object.keys(responses).join(', ')}): ` +
          `add it to the route's spec in ${SPECS}`,
      ];
    }
    const statuses = this.seen.get(name) ?? this.seen.set(name, new Set()).get(name)!;
    if (REPORT && !statuses.has(answer.status)) appendFileSync(REPORT, `${name} ${answer.status}\n`);
    statuses.add(answer.status);
    return [
      ...this.headerProblems(what, response, answer),
      ...this.bodyProblems(name, what, response, answer),
      ...(answer.status < 400 ? this.requestProblems(name, path, op, request) : []),
    ];
  }

  private headerProblems(what: string, response: Json, answer: Answer): string[] {
    return Object.entries((response.headers ?? {}) as Json)
      .filter(([header, value]) => this.resolve(value)?.required && !answer.headers.has(header))
      .map(([header]) => `${what} without the required ${header} header`);
  }

  private bodyProblems(name: string, what: string, response: Json, answer: Answer): string[] {
    const content = response.content as Json | undefined;
    const mediaType = (answer.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!content) return answer.text.length > 0 ? [`${what} with a body, where the document says none`] : [];
    if (!(mediaType in content)) {
      return [
        `${what} as ${mediaType || 'no media type'}; the document says ${Object.keys(content).join(', ')}`,
      ];
    }
    const schema = (content[mediaType] as Json).schema as Json | undefined;
    if (!schema || !JSON_MEDIA.test(mediaType)) return [];
    const codes = (schema.allOf as Json[] | undefined)?.[1]?.properties?.code?.enum as string[] | undefined;
    const code = (answer.body as { code?: unknown } | undefined)?.code;
    if (codes && typeof code === 'string' && !codes.includes(code)) {
      return [
        `${name} answered ${answer.status} with code ${code}, which the document does not list for ` +
          `${answer.status} there (it lists ${codes.join(', ')}): add it to problems[${answer.status}] in the ` +
          `route's spec in ${SPECS}`,
      ];
    }
    const errors = this.invalid(`${name} ${answer.status} ${mediaType}`, schema, answer.body);
    return errors ? [`${what} with a body the document's schema refuses:\n  ${errors}`] : [];
  }

  private requestProblems(name: string, path: string, op: Json, request: { body?: unknown }): string[] {
    const problems: string[] = [];
    const listed = new Set(
      ((op.parameters ?? []) as Json[]).filter((p) => p.in === 'query').map((p) => p.name as string),
    );
    const query = new URLSearchParams(path.split('?')[1] ?? '');
    for (const key of new Set(query.keys())) {
      if (!listed.has(key)) {
        problems.push(
          `${name} accepted the query parameter ${key}, which the document does not list: ` +
            `add it to params.query in the route's spec in ${SPECS}`,
        );
      }
    }
    const schema = (op.requestBody as Json | undefined)?.content?.['application/json']?.schema as
      Json | undefined;
    if (schema && request.body !== undefined) {
      const errors = this.invalid(`${name} request`, schema, request.body);
      if (errors)
        problems.push(`${name} accepted a body the document's request schema refuses:\n  ${errors}`);
    }
    return problems;
  }

  /** The first schema errors for a value, or null when it is valid. */
  private invalid(key: string, schema: Json, value: unknown): string | null {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.schemas.compile(schema);
      this.validators.set(key, validate);
    }
    if (validate(value)) return null;
    return (validate.errors ?? [])
      .slice(0, 8)
      .map(
        (e) => `${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
      )
      .join('\n  ');
  }

  /** Throws with every problem of this answer. */
  assert(method: string, path: string, answer: Answer, request: { body?: unknown } = {}): void {
    const problems = this.check(method, path, answer, request);
    if (problems.length > 0)
      throw new Error(`The answer does not match the OpenAPI document:\n${problems.join('\n')}`);
  }

  private resolve(value: unknown): Json | undefined {
    let v = value as Json | undefined;
    while (v && typeof v.$ref === 'string') {
      v = v.$ref
        .slice(2)
        .split('/')
        .reduce<Json | undefined>(
          (at, key) => at?.[key.replaceAll('~1', '/').replaceAll('~0', '~')],
          this.doc,
        );
    }
    return v;
  }
}

/** One checker per served document, shared by the hosts of a test file (they serve the same document). */
const byDocument = new Map<string, Promise<Conformance>>();

export async function conformanceFor(base: string): Promise<Conformance> {
  const res = await fetch(`${base}/api/v1/openapi.json`, { method: 'HEAD' });
  const etag = res.headers.get('etag') ?? base;
  let c = byDocument.get(etag);
  if (!c) {
    c = Conformance.load(base);
    byDocument.set(etag, c);
  }
  return c;
}
