import { Decimal } from 'decimal.js';

/**
 * The JSON form of a TwinXML record as staged: decimals as strings (exact), dates as ISO-8601 UTC, bytes as
 * base64, undefined members left out. The scheduler's applier reads records back with this convention.
 */
export function toJsonForm(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (Decimal.isDecimal(value)) return (value as Decimal).toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toJsonForm);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined) out[k] = toJsonForm(v);
    }
    return out;
  }
  return value;
}
