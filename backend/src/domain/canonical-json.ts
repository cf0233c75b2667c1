// Canonical JSON: object keys sorted at every level, so the same record always hashes to the same bytes (the
// audit chain, idempotency and dedupe keys). What a reader must not break: the output for a given value never
// changes, or every audit record hashed before the change stops verifying. canonical-json.test.ts holds it
// to the original definition.

/** JSON with object keys sorted at every level (by UTF-16 code units); undefined members are left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      // A hole stays empty, as Array.prototype.map and join would leave it.
      if (i in value) out += canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  // The default sort compares strings by UTF-16 code units, the order the chain was defined with.
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += `${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}
