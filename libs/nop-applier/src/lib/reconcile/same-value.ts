import { parseNopDate } from '@pcknop/nopcommerce-client';

/**
 * Loose equality for shop values: nop returns `null`, `""` or an absent field for "nothing", numbers for decimals
 * (compared by value, so 10 and 10.00 agree), and dates without a zone (UTC).
 */
export function sameValue(expected: unknown, actual: unknown): boolean {
  const blank = (v: unknown) => v === undefined || v === null || v === '';
  if (blank(expected) && blank(actual)) return true;
  if (typeof expected === 'number' || typeof actual === 'number') {
    const a = Number(expected ?? 0);
    const b = Number(actual ?? 0);
    return Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) < 1e-9;
  }
  if (Array.isArray(expected) || (expected !== null && typeof expected === 'object'))
    return JSON.stringify(expected) === JSON.stringify(actual);
  return expected === actual;
}

/** A nop date (`2025-03-03T07:00:00`, zone-less = UTC) as epoch ms, or null. */
export function utcMs(v: unknown): number | null {
  return v === undefined || v === null ? null : (parseNopDate(String(v))?.getTime() ?? null);
}
