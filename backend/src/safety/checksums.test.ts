import { describe, expect, it } from 'vitest';
import {
  abnValid,
  cardIinPlausible,
  luhnValid,
  medicareValid,
  paymentCardValid,
  tfnValid,
} from './checksums.ts';

/** Every number that differs from `valid` in exactly one digit. */
function singleDigitChanges(valid: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < valid.length; i++) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) !== valid[i]) out.push(valid.slice(0, i) + String(d) + valid.slice(i + 1));
    }
  }
  return out;
}

/** Completes `prefix` with the one Luhn check digit that makes it valid. */
function withLuhnDigit(prefix: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(prefix + String(d))) return prefix + String(d);
  throw new Error('unreachable');
}

describe('payment cards (Luhn + scheme prefix)', () => {
  // Published test numbers of the card schemes and payment gateways.
  const published = [
    '4111111111111111', // Visa
    '4012888888881881', // Visa
    '4222222222222', // Visa, 13 digits
    '5555555555554444', // Mastercard
    '5105105105105100', // Mastercard
    '2223003122003222', // Mastercard 2-series
    '378282246310005', // American Express
    '371449635398431', // American Express
    '6011111111111117', // Discover
    '6011000990139424', // Discover
    '3530111333300000', // JCB
    '3566002020360505', // JCB
    '30569309025904', // Diners Club
    '38520000023237', // Diners Club
  ];
  it.each(published)('accepts %s', (n) => expect(paymentCardValid(n)).toBe(true));

  it('accepts computed numbers for every scheme prefix and length', () => {
    for (const prefix of [
      '4',
      '51',
      '55',
      '2221',
      '2720',
      '34',
      '37',
      '6011',
      '644',
      '65',
      '3528',
      '3589',
      '36',
    ]) {
      const len = prefix === '34' || prefix === '37' ? 15 : 16;
      const n = withLuhnDigit(prefix.padEnd(len - 1, '7'));
      expect(paymentCardValid(n), n).toBe(true);
    }
    expect(paymentCardValid(withLuhnDigit('4'.padEnd(18, '3')))).toBe(true); // Visa, 19 digits
  });

  it('rejects a wrong check digit and every single-digit change', () => {
    expect(paymentCardValid('4111111111111112')).toBe(false);
    expect(paymentCardValid('378282246310006')).toBe(false);
    for (const n of singleDigitChanges('4111111111111111')) expect(luhnValid(n), n).toBe(false);
  });

  it('rejects Luhn-valid numbers without a card scheme prefix or with the wrong length', () => {
    expect(luhnValid('1234567812345670')).toBe(true);
    expect(paymentCardValid('1234567812345670')).toBe(false); // no scheme starts with 1
    expect(paymentCardValid(withLuhnDigit('2220'.padEnd(15, '0')))).toBe(false); // below Mastercard 2221
    expect(paymentCardValid(withLuhnDigit('2721'.padEnd(15, '0')))).toBe(false); // above 2720
    expect(paymentCardValid(withLuhnDigit('56'.padEnd(15, '0')))).toBe(false); // 56 is not Mastercard
    expect(cardIinPlausible('37828224631000')).toBe(false); // Amex is 15 digits
    expect(cardIinPlausible('555555555555444')).toBe(false); // Mastercard is 16
    expect(cardIinPlausible('411111111111')).toBe(false); // too short
    expect(cardIinPlausible('41111111111111111111')).toBe(false); // too long
    expect(paymentCardValid('4111 1111 1111 1111')).toBe(false); // digits only
  });
});

describe('Tax File Numbers', () => {
  it('accepts the ATO example and other valid 9-digit numbers', () => {
    expect(tfnValid('123456782')).toBe(true); // 1+8+9+28+25+48+42+72+20 = 253 = 23 × 11
    expect(tfnValid('876543210')).toBe(true);
    expect(tfnValid('565051603')).toBe(true);
  });

  it('accepts legacy 8-digit numbers (weights 10,7,8,4,6,3,5,1)', () => {
    // 1×10 + 2×7 + 3×8 + 4×4 + 5×6 + 6×3 + 7×5 + 8×1 = 155 = 14 × 11 + 1, so 12345678 fails …
    expect(tfnValid('12345678')).toBe(false);
    // … and 12345677 passes: 154 = 14 × 11.
    expect(tfnValid('12345677')).toBe(true);
    expect(tfnValid('81854402')).toBe(true); // 80+7+64+20+24+12+0+2 = 209 = 19 × 11
  });

  it('rejects wrong check digits, every single-digit change, other lengths and all zeros', () => {
    expect(tfnValid('123456781')).toBe(false);
    expect(tfnValid('123456783')).toBe(false);
    for (const n of singleDigitChanges('123456782')) expect(tfnValid(n), n).toBe(false);
    for (const n of singleDigitChanges('12345677')) expect(tfnValid(n), n).toBe(false);
    expect(tfnValid('1234567820')).toBe(false);
    expect(tfnValid('1234567')).toBe(false);
    expect(tfnValid('000000000')).toBe(false);
    expect(tfnValid('123 456 782')).toBe(false); // digits only
  });
});

describe('Medicare card numbers', () => {
  // 2123 4567: 2×1 + 1×3 + 2×7 + 3×9 + 4×1 + 5×3 + 6×7 + 7×9 = 170, check digit 0.
  it('accepts valid numbers with and without the reference number', () => {
    expect(medicareValid('2123456701')).toBe(true);
    expect(medicareValid('21234567011')).toBe(true);
    // 3951 2860: 3+27+35+9+2+24+42+0 = 142, check digit 2.
    expect(medicareValid('3951286021')).toBe(true);
    // 6000 0001: 6+9 = 15, check digit 5.
    expect(medicareValid('6000000151')).toBe(true);
  });

  it('rejects wrong check digits, every change to the first nine digits, and a first digit outside 2–6', () => {
    expect(medicareValid('2123456711')).toBe(false);
    for (const n of singleDigitChanges('212345670')) expect(medicareValid(`${n}1`), n).toBe(false);
    // 1123 4567: 169, check digit 9, and 7123 4567: 175, check digit 5; but Medicare numbers start with 2–6.
    expect(medicareValid('1123456791')).toBe(false);
    expect(medicareValid('7123456751')).toBe(false);
    expect(medicareValid('212345670')).toBe(false); // 9 digits
    expect(medicareValid('212345670111')).toBe(false); // 12 digits
  });
});

describe('Australian Business Numbers', () => {
  it('accepts the ABR example and other valid numbers', () => {
    expect(abnValid('51824753556')).toBe(true);
    expect(abnValid('53004085616')).toBe(true);
    expect(abnValid('33102417032')).toBe(true);
  });

  it('rejects wrong check digits, every single-digit change and other lengths', () => {
    expect(abnValid('51824753557')).toBe(false);
    for (const n of singleDigitChanges('51824753556')) expect(abnValid(n), n).toBe(false);
    expect(abnValid('5182475355')).toBe(false);
    expect(abnValid('518247535560')).toBe(false);
  });
});
