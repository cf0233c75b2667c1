// Personal information in a prompt: runs every recogniser and keeps one finding per span.
//
// Precedence when candidates overlap (the higher one keeps the span, the other is dropped):
//   email > payment_card > au_phone > au_abn > au_medicare > au_tfn
// - An email address may contain digits; the whole address is the finding.
// - A card number is the longest run and needs a scheme prefix plus Luhn.
// - Phone forms are anchored on prefixes only phones use (04, 02/03/07/08, +61, 1300…) with exact lengths,
//   which is stronger evidence than a check digit that any number passes by chance (1 in 89 for an ABN,
//   1 in 10 for Medicare, 1 in 11 for a TFN). So "(02) 1234 5678" stays a phone even if 12345678 happens
//   to pass the legacy TFN check.
// - Among the checksummed identifiers, the stronger check wins: ABN (mod 89), then Medicare, then TFN.
// Within a type, the longer span wins (a Medicare number with its reference digit over the bare number).
import { findEmails } from './email.ts';
import { findIdentifierNumbers } from './numbers.ts';
import { findAuPhones } from './phone.ts';
import type { Finding, FindingType } from './port.ts';

export const PII_PRECEDENCE: readonly FindingType[] = [
  'email',
  'payment_card',
  'au_phone',
  'au_abn',
  'au_medicare',
  'au_tfn',
];

const rank = (t: FindingType): number => {
  const i = PII_PRECEDENCE.indexOf(t);
  return i < 0 ? PII_PRECEDENCE.length : i;
};

/** Keeps the highest-precedence finding for each span and drops anything overlapping it. Sorted by start. */
export function resolveOverlaps(candidates: readonly Finding[]): Finding[] {
  const ordered = [...candidates].sort(
    (a, b) => rank(a.type) - rank(b.type) || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Finding[] = [];
  for (const f of ordered) {
    if (kept.every((k) => f.end <= k.start || f.start >= k.end)) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Emails, Australian phone numbers, payment cards, TFNs, Medicare numbers and ABNs, by offset. */
export function findPersonalInformation(text: string): Finding[] {
  return resolveOverlaps([...findEmails(text), ...findAuPhones(text), ...findIdentifierNumbers(text)]);
}
