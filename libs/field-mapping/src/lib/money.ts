import { Decimal } from 'decimal.js';
import { FieldMappingError, FieldMappingErrorCode } from './field-mapping.exception';

/** What callers may hand us as a decimal: the protocol libs use Decimal, JSON gives strings or numbers. */
export type DecimalInput = Decimal | string | number;

/** Reads a decimal; `undefined`/`null`/'' stay undefined. Throws INVALID_NUMBER (naming `path`) otherwise. */
export function toDecimal(value: DecimalInput | null | undefined, path?: string): Decimal | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (Decimal.isDecimal(value)) return value as Decimal;
  try {
    const d = new Decimal(typeof value === 'string' ? value.trim().replace(',', '.') : value);
    if (!d.isFinite()) throw new Error('not finite');
    return d;
  } catch {
    throw new FieldMappingError(FieldMappingErrorCode.INVALID_NUMBER, { path, value: String(value) });
  }
}

/** Rounds to whole øre (2 decimals), half away from zero as Norwegian tills do. */
export function roundOre(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/**
 * Net price from a gross price and a VAT percentage. Kept at 4 decimals (nopCommerce's decimal(18,4)), not
 * rounded to øre: 4 decimals are enough for the shop to add VAT back and land on the same øre.
 */
export function excludeVat(grossPrice: Decimal, vatPercent: Decimal): Decimal {
  return grossPrice.div(vatPercent.div(100).plus(1)).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
}

/** Gross price from a net price, rounded to øre. */
export function includeVat(netPrice: Decimal, vatPercent: Decimal): Decimal {
  return roundOre(netPrice.mul(vatPercent.div(100).plus(1)));
}

/** JSON number for a wire DTO (nopCommerce decimals are JSON numbers); at most 4 decimals, so exact in a double's shortest form. */
export function decimalToWire(value: Decimal): number {
  return Number(value.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4));
}

/** Canonical decimal text without trailing zeros (`25.00` → `25`), used for keys such as VAT rates. */
export function canonicalDecimal(value: Decimal): string {
  return value.toString();
}
