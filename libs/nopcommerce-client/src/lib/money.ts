import { Decimal } from 'decimal.js';
import { NopClientError, NopErrorCode } from './nop-client-error';

/** Incoming JSON numbers go through their string form so 25.1 stays 25.1, not a binary approximation. */
export function decimalFromWire(n: number | null | undefined): Decimal {
  return new Decimal(String(n ?? 0));
}

export function decimalToWire(d: Decimal.Value): number {
  const dec = new Decimal(d);
  if (!dec.isFinite())
    throw new NopClientError(NopErrorCode.InvalidArgument, { shopMessage: `not a finite amount: ${dec.toString()}` });
  // nop stores decimal(18,4).
  return dec.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toNumber();
}

/** nop quantities are int; a fractional quantity would be truncated by the shop, so refuse it. */
export function quantityToWire(q: Decimal.Value): number {
  const dec = new Decimal(q);
  if (!dec.isInteger())
    throw new NopClientError(NopErrorCode.InvalidArgument, {
      shopMessage: `nop quantities are whole numbers: ${dec.toString()}`,
    });
  return dec.toNumber();
}
