import type { Decimal } from 'decimal.js';

/** An offer price is valid in [from, to); an open end means "until further notice". */
export interface TwinOffer {
  /** Incl. VAT. */
  price: Decimal;
  from?: Date;
  to?: Date;
}

/**
 * Unit pricing ("price per kg"): the product holds `amount` of `unit`; the price is shown per
 * `baseAmount` of `baseUnit` (e.g. 0.5 kg, shown per 1 kg).
 */
export interface TwinUnitPricing {
  unit: string;
  amount: Decimal;
  baseUnit: string;
  baseAmount: Decimal;
}

/** Centimetres. */
export interface TwinDimensions {
  length: Decimal;
  width: Decimal;
  height: Decimal;
}

/** One value on a variant axis (colour or size): a source code plus its display name. */
export interface TwinAxisValue {
  code: string;
  name: string;
  sortOrder?: number;
}

export enum TwinAvailability {
  InStock = 'inStock',
  OutOfStock = 'outOfStock',
  Backorder = 'backorder',
  Preorder = 'preorder',
}

export interface TwinVariant {
  /** Stable source key, unique within the source (not only within the product). */
  key: string;
  sku: string;
  gtins: string[];
  colour?: TwinAxisValue;
  size?: TwinAxisValue;
  /** Overrides the product price (incl. VAT) when present. */
  price?: Decimal;
  stock?: Decimal;
  availability: TwinAvailability;
  discontinued: boolean;
}

export interface TwinProduct {
  /** Stable source key (never the SKU, which users may change). */
  key: string;
  sku: string;
  /** GTIN-8/12/13/14, digits only. */
  gtins: string[];
  name: string;
  shortDescription?: string;
  /** May contain HTML; carried as text. */
  longDescription?: string;
  /** Percent, e.g. 25.00. */
  vatRate: Decimal;
  /** Incl. VAT. */
  price: Decimal;
  /** Excl. VAT. */
  cost?: Decimal;
  offer?: TwinOffer;
  unitPricing?: TwinUnitPricing;
  /** Kilograms. */
  weight?: Decimal;
  dimensions?: TwinDimensions;
  /** Total stock of a product without variants. */
  stock?: Decimal;
  published: boolean;
  hideWhenOutOfStock: boolean;
  categoryKeys: string[];
  manufacturerKeys: string[];
  /** Colour × size variants. A variant missing here is NOT deleted; use a deletion. */
  variants: TwinVariant[];
}
