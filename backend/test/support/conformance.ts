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
   * not describe are left to the route-walk test.
   */
  check(method: string, path: string, answer: Answer): string[] {
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
          `add it to the route's spec in backend/src/openapi/routes/`,
      ];
    }
    const statuses = this.seen.get(name) ?? this.seen.set(name, new Set()).get(name)!;
    if (REPORT && !statuses.has(answer.status)) appendFileSync(REPORT, `${name} ${answer.status}\n`);
    statuses.add(answer.status);
    const problems: string[] = [];
    for (const [header, value] of Object.entries((response.headers ?? {}) as Json)) {
      const h = this.resolve(value);
      if (h?.required && !answer.headers.has(header))
        problems.push(`${what} without the required ${header} header`);
    }
    const content = response.content as Json | undefined;
    const mediaType = (answer.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!content) {
      if (answer.text.length > 0) problems.push(`${what} with a body, where the document says none`);
      return problems;
    }
    if (!(mediaType in content)) {
      problems.push(
        `${what} as ${mediaType || 'no media type'}; the document says ${Object.keys(content).join(', ')}`,
      );
      return problems;
    }
    const schema = (content[mediaType] as Json).schema;
    if (schema && JSON_MEDIA.test(mediaType)) {
      const key = `${name} ${answer.status} ${mediaType}`;
      let validate = this.validators.get(key);
      if (!validate) {
        validate = this.schemas.compile(schema);
        this.validators.set(key, validate);
      }
      if (!validate(answer.body)) {
        const errors = (validate.errors ?? [])
          .slice(0, 8)
          .map(
            (e) =>
              `${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
          );
        problems.push(`${what} with a body the document's schema refuses:\n  ${errors.join('\n  ')}`);
      }
    }
    return problems;
  }

  /** Throws with every problem of this answer. */
  assert(method: string, path: string, answer: Answer): void {
    const problems = this.check(method, path, answer);
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
