// Walks an Express 5 application's router and lists every route it answers, with Express paths in OpenAPI form
// (`:id` -> `{id}`), so a test can hold the server and its OpenAPI document to the same list of routes.
import type { Express } from 'express';

export interface ServedRoute {
  method: string;
  /** OpenAPI form: `/api/v1/departments/{id}`. */
  path: string;
  /** As registered in Express. */
  express: string;
}

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: unknown;
  slash?: boolean;
}

/** `:id` -> `{id}`. Express 5 braces mean an optional part, which OpenAPI cannot say: such a route is refused. */
export function openApiPath(expressPath: string): string {
  if (/[{}*]/.test(expressPath)) {
    throw new Error(
      `${expressPath}: optional parts and wildcards cannot be described; register each variant`,
    );
  }
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

export function servedRoutes(app: Express): ServedRoute[] {
  const found: ServedRoute[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = layer.route.path;
        if (typeof path !== 'string')
          throw new Error(`a route registered with ${String(path)} cannot be described`);
        const full = `${prefix}${path}`;
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (!on) continue;
          if (method === '_all')
            throw new Error(`${full}: .all() routes cannot be described; name each method`);
          found.push({ method: method.toUpperCase(), path: openApiPath(full), express: full });
        }
      } else if (layer.handle?.stack) {
        // A router mounted with app.use(prefix, router): its routes sit under the prefix.
        const mount = typeof layer.rawPath === 'string' && !layer.slash ? layer.rawPath : '';
        walk(layer.handle.stack, `${prefix}${mount === '/' ? '' : mount}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found;
}

/** Route identity regardless of parameter names. */
export const routeKey = (method: string, path: string) =>
  `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`;

/** What the server answers that the document lacks, and what the document describes that the server lacks. */
export function compareRoutes(
  served: ServedRoute[],
  documented: { method: string; path: string }[],
): { undocumented: string[]; missing: string[] } {
  const doc = new Map(documented.map((d) => [routeKey(d.method, d.path), d]));
  const srv = new Map(served.map((s) => [routeKey(s.method, s.path), s]));
  return {
    undocumented: [...srv.entries()]
      .filter(([k]) => !doc.has(k))
      .map(([, s]) => `${s.method} ${s.path} (Express ${s.express})`),
    missing: [...doc.entries()]
      .filter(([k]) => !srv.has(k))
      .map(([, d]) => `${d.method.toUpperCase()} ${d.path}`),
  };
}

export function documentedRoutes(doc: { paths: Record<string, Record<string, unknown>> }) {
  const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => METHODS.includes(m))
      .map((m) => ({ method: m.toUpperCase(), path })),
  );
}
