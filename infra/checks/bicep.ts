// Reads Bicep without a Bicep compiler (none can be installed offline): tree-sitter-bicep parses the file, and
// this turns the declarations into plain data the policy rules (policy.ts) can read. Any ERROR or MISSING node
// is a syntax problem, reported with its line, so a file the compiler would reject never passes the checks.
// Values are literals where the source has literals; anything computed stays as its source text (`{ expr }`),
// so a rule can tell `true` from `someParam`.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type ParserType from 'tree-sitter';

const require = createRequire(import.meta.url);
const Parser = require('tree-sitter') as typeof ParserType;
const Bicep = require('tree-sitter-bicep') as ParserType.Language;

type Node = ParserType.SyntaxNode;

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | Expr;
export interface Expr {
  expr: string;
}

export const isExpr = (v: Value | undefined): v is Expr =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  typeof (v as Expr).expr === 'string' &&
  Object.keys(v).length === 1;

export interface Decorated {
  /** Decorator name to its arguments, e.g. `minValue` -> [2557]. */
  decorators: Record<string, Value[]>;
  line: number;
}

export interface Param extends Decorated {
  name: string;
  type: string;
  default?: Value;
}

export interface Resource extends Decorated {
  symbol: string;
  /** `Microsoft.Storage/storageAccounts`, without the API version. */
  type: string;
  apiVersion: string;
  /** The condition of `= if (…)`, as source text. */
  condition?: string;
  /** Set for `[for … in …: {…}]`: the body is the loop's. */
  loop?: string;
  body: { [key: string]: Value };
}

export interface Module extends Decorated {
  symbol: string;
  path: string;
  body: { [key: string]: Value };
}

export interface BicepFile {
  file: string;
  /** Syntax problems: `line:column ERROR near "…"`. */
  syntax: string[];
  params: Param[];
  vars: Record<string, Value>;
  resources: Resource[];
  modules: Module[];
  outputs: { name: string; type: string; value: Value; line: number }[];
}

function syntaxProblems(root: Node): string[] {
  const out: string[] = [];
  const walk = (n: Node) => {
    if (n.type === 'ERROR' || n.isMissing) {
      const at = `${n.startPosition.row + 1}:${n.startPosition.column + 1}`;
      out.push(
        `${at} ${n.isMissing ? `MISSING ${n.type}` : 'ERROR'} near ${JSON.stringify(n.text.slice(0, 40))}`,
      );
    }
    for (const c of n.children) walk(c);
  };
  walk(root);
  return out;
}

/** A string literal's text, or null when it interpolates (then it is an expression). */
function literal(n: Node): string | null {
  if (n.namedChildren.some((c) => c.type === 'interpolation')) return null;
  return n.namedChildren
    .map((c) => c.text)
    .join('')
    .replace(/\\'/g, "'");
}

function stringValue(n: Node): Value {
  return literal(n) ?? { expr: n.text };
}

export function valueOf(n: Node | null | undefined): Value {
  if (!n) return null;
  switch (n.type) {
    case 'string':
      return stringValue(n);
    case 'number':
      return Number(n.text);
    case 'boolean':
      return n.text === 'true';
    case 'null':
      return null;
    case 'array':
      return n.namedChildren.filter((c) => c.type !== 'comment').map(valueOf);
    case 'object': {
      const o: { [key: string]: Value } = {};
      for (const p of n.namedChildren.filter((c) => c.type === 'object_property')) {
        const [key, value] = p.namedChildren.filter((c) => c.type !== 'comment');
        if (!key) continue;
        const name = key.type === 'string' ? (literal(key) ?? key.text) : key.text;
        o[name] = valueOf(value);
      }
      return o;
    }
    default:
      return { expr: n.text };
  }
}

function decoratorsBefore(n: Node): { decorators: Record<string, Value[]> } {
  const decorators: Record<string, Value[]> = {};
  const prev = n.previousNamedSibling;
  if (prev?.type === 'decorators') {
    for (const d of prev.namedChildren) {
      const call = d.namedChildren[0];
      if (call?.type === 'call_expression') {
        const fn = call.childForFieldName('function')?.text ?? '';
        const args = call.childForFieldName('arguments')?.namedChildren ?? [];
        decorators[fn] = args.map(valueOf);
      } else if (call) {
        decorators[call.text] = [];
      }
    }
  }
  return { decorators };
}

function bodyOf(n: Node): { body: { [key: string]: Value }; condition?: string; loop?: string } {
  const last = n.namedChildren.at(-1);
  if (!last) return { body: {} };
  if (last.type === 'object') return { body: valueOf(last) as { [key: string]: Value } };
  if (last.type === 'if_statement') {
    const obj = last.namedChildren.find((c) => c.type === 'object');
    const cond = last.namedChildren.find((c) => c.type === 'parenthesized_expression');
    return { body: valueOf(obj) as { [key: string]: Value }, condition: cond?.text ?? '' };
  }
  if (last.type === 'for_statement') {
    const obj = last.childForFieldName('body');
    return { body: (valueOf(obj) ?? {}) as { [key: string]: Value }, loop: last.text.split(':')[0] ?? '' };
  }
  return { body: {} };
}

export function parseBicep(file: string, source = readFileSync(file, 'utf8')): BicepFile {
  const parser = new Parser();
  parser.setLanguage(Bicep);
  const root = parser.parse(source).rootNode;
  const out: BicepFile = {
    file,
    syntax: syntaxProblems(root),
    params: [],
    vars: {},
    resources: [],
    modules: [],
    outputs: [],
  };
  for (const n of root.namedChildren) {
    const line = n.startPosition.row + 1;
    const named = n.namedChildren;
    if (n.type === 'parameter_declaration') {
      const def = named.find((c, i) => i >= 2 && c.type !== 'decorators');
      out.params.push({
        name: named[0]?.text ?? '',
        type: named[1]?.text ?? '',
        ...(def ? { default: valueOf(def) } : {}),
        ...decoratorsBefore(n),
        line,
      });
    } else if (n.type === 'variable_declaration') {
      out.vars[named[0]?.text ?? ''] = valueOf(named[1]);
    } else if (n.type === 'resource_declaration') {
      const typeText = named[1] ? (literal(named[1]) ?? named[1].text) : '';
      const [type = '', apiVersion = ''] = typeText.split('@');
      out.resources.push({
        symbol: named[0]?.text ?? '',
        type,
        apiVersion,
        ...bodyOf(n),
        ...decoratorsBefore(n),
        line,
      });
    } else if (n.type === 'module_declaration') {
      out.modules.push({
        symbol: named[0]?.text ?? '',
        path: named[1] ? (literal(named[1]) ?? named[1].text) : '',
        body: bodyOf(n).body,
        ...decoratorsBefore(n),
        line,
      });
    } else if (n.type === 'output_declaration') {
      out.outputs.push({
        name: named[0]?.text ?? '',
        type: named[1]?.text ?? '',
        value: valueOf(named[2]),
        line,
      });
    }
  }
  return out;
}

/** Follows a dotted path through plain data (`properties.siteConfig.minTlsVersion`). */
export function at(v: Value | undefined, path: string): Value | undefined {
  let cur: Value | undefined = v;
  for (const key of path.split('.')) {
    if (cur === null || cur === undefined || typeof cur !== 'object' || Array.isArray(cur) || isExpr(cur))
      return undefined;
    cur = cur[key];
  }
  return cur;
}
