// Email addresses: local@domain.tld with at least one dot in the domain and an alphabetic top-level label.
// Not matched: @mentions (no local part), npm scopes and versions (pkg@1.2.3: numeric last label),
// hosts without a dot (user@localhost), and image scale suffixes (icon@2x.png).
import type { Finding } from './port.ts';

const CH = '[\\p{L}\\p{N}\\p{M}_%+\\-]';
const LABEL = '[\\p{L}\\p{N}\\p{M}](?:[\\p{L}\\p{N}\\p{M}\\-]*[\\p{L}\\p{N}\\p{M}])?';
const EMAIL = new RegExp(
  `(?<![\\p{L}\\p{N}\\p{M}._%+\\-])${CH}+(?:\\.${CH}+)*@((?:${LABEL}\\.)+\\p{L}{2,})(?![\\p{L}\\p{N}\\p{M}_\\-])`,
  'gu',
);
/** Retina asset names: icon@2x.png, logo@1.5x.webp. */
const SCALE_SUFFIX = /^\d+(?:\.\d+)?x\./i;

export function findEmails(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(EMAIL)) {
    const domain = m[1] ?? '';
    if (SCALE_SUFFIX.test(domain)) continue;
    found.push({ type: 'email', start: m.index, end: m.index + m[0].length });
  }
  return found;
}
