import type { Decimal } from 'decimal.js';

/** Stock of one product (or one of its variants) in one warehouse, as of a point in time. */
export interface TwinStockLevel {
  productKey: string;
  variantKey?: string;
  warehouse: string;
  onHand: Decimal;
  reserved?: Decimal;
  available?: Decimal;
  asOf: Date;
}
