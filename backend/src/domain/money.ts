// Money is integer micro-AUD inside the code (DESIGN §3); strings with 4 decimals at the API. No floats.

export const MICROS_PER_AUD = 1_000_000;

/** "5", "0.08", "12.5000" -> micro-AUD. The input was already checked against the contract's AudAmount. */
export function audToMicros(aud: string): number {
  const m = /^(\d{1,9})(?:\.(\d{1,4}))?$/.exec(aud);
  if (!m) throw new RangeError(`not an AUD amount: ${aud}`);
  const whole = Number(m[1]);
  const frac = Number((m[2] ?? '').padEnd(6, '0'));
  return whole * MICROS_PER_AUD + frac;
}

/** micro-AUD -> "5.0000" (4 places, rounded half up at the 4th place; negative amounts keep their sign). */
export function microsToAud(micros: number): string {
  if (!Number.isSafeInteger(micros)) throw new RangeError(`not an integer amount: ${micros}`);
  const sign = micros < 0 ? '-' : '';
  const abs = Math.abs(micros);
  const hundredths = Math.floor((abs + 50) / 100); // 1/10,000 AUD units
  const whole = Math.floor(hundredths / 10_000);
  const frac = String(hundredths % 10_000).padStart(4, '0');
  return `${sign}${whole}.${frac}`;
}
