/**
 * nop's `ToIdArray`: split on ';' and keep only the entries that parse as integers. A comma list such as
 * "10,20" yields nothing, so the caller's filter silently disappears (pitfall §5.5).
 */
export function parseIdList(value: unknown): number[] {
  if (typeof value !== 'string') return [];
  return value
    .split(';')
    .map((s) => s.trim())
    .filter((s) => /^[+-]?\d+$/.test(s))
    .map((s) => Number.parseInt(s, 10))
    .filter((n) => Number.isSafeInteger(n) && Math.abs(n) <= 2147483647);
}

/** String arrays (SKUs) are ';'-separated as well; empty entries are dropped. */
export function parseStringList(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
