import { createHash } from 'node:crypto';

/** A small seeded PRNG (mulberry32): the same prompt and seed always draw the same picture. */
export function seededRandom(...parts: (string | number)[]): () => number {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  let a = digest.readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const pick = <T>(rnd: () => number, items: readonly T[]): T =>
  items[Math.floor(rnd() * items.length)]!;
export const between = (rnd: () => number, lo: number, hi: number) => lo + rnd() * (hi - lo);
