import { Decimal } from 'decimal.js';

/**
 * Stock the shop may sell: PCK's count minus its webstockLimit (a buffer kept for the till), never below zero.
 * Fractions are kept (the twin model carries Decimal); the nop mapping floors them.
 */
export function shownStock(
  count: number | Decimal | undefined,
  webstockLimit: number | undefined,
  subtractLimit: boolean,
): Decimal {
  const stock = new Decimal(count ?? 0);
  const limit = subtractLimit && webstockLimit && webstockLimit > 0 ? new Decimal(webstockLimit) : new Decimal(0);
  return Decimal.max(0, stock.minus(limit));
}
