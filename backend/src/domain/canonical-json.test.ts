import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

/** The definition the audit chain was hashed with: the output must stay byte for byte the same. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
}

/** A deterministic pseudo-random generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const KEYS = ['a', 'B', 'z', 'é', '😀', 'a b', '"q"', '\\', '10', '2', '', 'Z', 'ä', '\u2028'];

function randomValue(next: () => number, depth: number): unknown {
  const r = next();
  if (depth > 3 || r < 0.35) {
    const pick = Math.floor(next() * 9);
    return [null, true, false, 0, -1.5, 1e21, 'text "quoted" \n é 😀', undefined, Number.NaN][pick];
  }
  if (r < 0.6) {
    const arr: unknown[] = Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
    if (next() < 0.1) arr.length += 2; // holes
    return arr;
  }
  const obj: Record<string, unknown> = {};
  for (let i = Math.floor(next() * 6); i > 0; i--)
    obj[KEYS[Math.floor(next() * KEYS.length)]!] = randomValue(next, depth + 1);
  return obj;
}

describe('canonicalJson', () => {
  it('sorts keys at every level and leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { y: 1, x: undefined }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":1}]},"b":1}',
    );
  });

  it('matches the original definition on 5,000 generated values', () => {
    const next = rng(14);
    for (let i = 0; i < 5000; i++) {
      const v = randomValue(next, 0);
      expect(canonicalJson(v)).toBe(reference(v));
    }
  });

  it('matches it on a real audit record shape, including dates and odd values', () => {
    const record = {
      seq: 12,
      at: '2026-11-22T03:00:00.000Z',
      event: {
        tenantId: 't',
        actor: { oid: 'o', tid: 't' },
        action: 'generation.requested',
        target: { type: 'generation', id: 'g', departmentId: null },
        outcome: 'success',
        details: { estimateMicros: 20_000, when: new Date(0), f: () => 1, list: [undefined, 1] },
      },
    };
    expect(canonicalJson(record)).toBe(reference(record));
  });
});
