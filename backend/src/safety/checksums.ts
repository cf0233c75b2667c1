// Check-digit algorithms for the numeric recognisers. Each takes the digits only (separators removed) and
// answers whether the number is well-formed; a recogniser flags a digit run only when its check passes, so
// ordinary numbers of the same length (quantities, order numbers, timestamps) stay unflagged.

function digitsOf(value: string): number[] | null {
  if (!/^\d+$/.test(value)) return null;
  return Array.from(value, (c) => c.charCodeAt(0) - 48);
}

function weightedSum(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits[i] ?? 0) * (weights[i] ?? 0);
  return sum;
}

/** Luhn (mod 10), as used by payment cards (ISO/IEC 7812). */
export function luhnValid(value: string): boolean {
  const d = digitsOf(value);
  if (!d || d.length < 2) return false;
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let n = d[d.length - 1 - i] ?? 0;
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

/**
 * Whether the leading digits belong to a major card scheme, with a length that scheme issues: Visa 4
 * (13, 16, 19), Mastercard 51–55 and 2221–2720 (16), Amex 34/37 (15), Discover 6011, 644–649, 65 (16–19),
 * JCB 3528–3589 (16–19), Diners 300–305, 36, 38–39 (14–19). Cuts false positives from Luhn alone (1 in 10).
 */
export function cardIinPlausible(value: string): boolean {
  const n = value.length;
  if (!/^\d+$/.test(value) || n < 13 || n > 19) return false;
  const p2 = Number(value.slice(0, 2));
  const p3 = Number(value.slice(0, 3));
  const p4 = Number(value.slice(0, 4));
  if (value.startsWith('4')) return n === 13 || n === 16 || n === 19;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16;
  if (p2 === 34 || p2 === 37) return n === 15;
  if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65) return n >= 16;
  if (p4 >= 3528 && p4 <= 3589) return n >= 16;
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39) return n >= 14;
  return false;
}

/** A payment card number: plausible scheme prefix and length, and a valid Luhn check digit. */
export function paymentCardValid(value: string): boolean {
  return cardIinPlausible(value) && luhnValid(value);
}

const TFN9_WEIGHTS = [1, 4, 3, 7, 5, 8, 6, 9, 10] as const;
const TFN8_WEIGHTS = [10, 7, 8, 4, 6, 3, 5, 1] as const;

/**
 * Australian Tax File Number: 9 digits (weights 1,4,3,7,5,8,6,9,10) or a legacy 8-digit number (weights
 * 10,7,8,4,6,3,5,1); valid when the weighted sum is a multiple of 11 (ATO algorithm; e.g. 123 456 782).
 * All-zero runs pass the arithmetic but are not numbers anyone was issued.
 */
export function tfnValid(value: string): boolean {
  const d = digitsOf(value);
  if (!d || d.every((x) => x === 0)) return false;
  if (d.length === 9) return weightedSum(d, TFN9_WEIGHTS) % 11 === 0;
  if (d.length === 8) return weightedSum(d, TFN8_WEIGHTS) % 11 === 0;
  return false;
}

const MEDICARE_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9] as const;

/**
 * Australian Medicare card number: 10 digits (8-digit identifier starting 2–6, check digit, issue number),
 * optionally an 11th digit (the individual reference number). The 9th digit is the weighted sum of the
 * first 8 (weights 1,3,7,9,1,3,7,9) mod 10.
 */
export function medicareValid(value: string): boolean {
  const d = digitsOf(value);
  if (!d || (d.length !== 10 && d.length !== 11)) return false;
  const first = d[0] ?? 0;
  if (first < 2 || first > 6) return false;
  return weightedSum(d, MEDICARE_WEIGHTS) % 10 === d[8];
}

const ABN_WEIGHTS = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19] as const;

/**
 * Australian Business Number: 11 digits; subtract 1 from the first digit, weight by 10,1,3,…,19, and the
 * sum is a multiple of 89 (ABR algorithm; e.g. 51 824 753 556). The first two digits are check digits, so
 * a real ABN never starts with 0.
 */
export function abnValid(value: string): boolean {
  const d = digitsOf(value);
  if (!d || d.length !== 11 || d[0] === 0) return false;
  const adjusted = [(d[0] ?? 0) - 1, ...d.slice(1)];
  return weightedSum(adjusted, ABN_WEIGHTS) % 89 === 0;
}
