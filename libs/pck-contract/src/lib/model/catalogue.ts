import type { Decimal } from 'decimal.js';

/*
 * Catalogue classes PCK sends (sendArticle and friends). Property names are the wire names,
 * misspellings included. Conventions for all model files:
 * - xs:int and xs:long are `number`; longs (timestamps, epoch ms) are rejected by the codec when
 *   beyond Number.MAX_SAFE_INTEGER, so no precision is ever lost silently.
 * - xs:decimal is `Decimal` (decimal.js); money never passes through binary floating point.
 * - xs:dateTime is `Date` (values without a zone are read as Europe/Oslo wall-clock time).
 * - xs:base64Binary is `Uint8Array`.
 * - Repeated elements are always arrays (empty when absent); other optional fields are `?:`.
 */

/** Add-on with a price delta, e.g. "Extra cheese +10" (PCK >= 1.9x). */
export interface Alternative {
  /** Price change per unit; may be 0 or negative. */
  amountChange?: Decimal;
  description?: string;
}

/** Web group on level 1, 2 or 3. Unique key is (groupNumber, arcileGroupId). */
export interface ArticleGroup {
  /** Wire spelling `arcileGroupId` (S1 prose says articleGroupId; both are accepted). In an article: 0 = detach. */
  arcileGroupId: number;
  description?: string;
  /** Level 1, 2 or 3. */
  groupNumber?: number;
  name?: string;
  timestamp?: number;
}

export interface Manufacturer {
  manufacturerId: number;
  name?: string;
  timestamp?: number;
}

/** Product line (no timestamp in the contract). */
export interface ProductLine {
  id: number;
  name?: string;
  number?: number;
}

export interface Size {
  name?: string;
  sizeId: number;
  timestamp?: number;
}

export interface Color {
  code?: string;
  colorId: number;
  name?: string;
  timestamp?: number;
}

/** Stock per warehouse. */
export interface StockDetail {
  count?: number;
  warehouseId: number;
}

/** One variant (size x colour). Variants share the article's price. */
export interface SizeColor {
  color?: Color;
  confirmedDelivery?: boolean;
  eans: string[];
  expectedDeliveryAmount?: number;
  /** Absent = unknown. */
  expectedDeliveryDate?: Date;
  /** E.g. "US 9 = EU 40". */
  info?: string;
  size?: Size;
  /** PCK's variant key. */
  sizeColorId: number;
  /** false = discontinued. */
  sizeColorInUse?: boolean;
  /** Wire `stockCount`; `stockCcount` is accepted. */
  stockCount?: number;
  stockDetails: StockDetail[];
  timestamp?: number;
}

/** Payload of sendArticle. Prices are incl. VAT; `vat`/`alternativeVat` are percentages. */
export interface Article {
  alternativePrice?: Decimal;
  /** Round takeaway price used with alternativeVat. */
  alternativePrice2?: Decimal;
  /** Alternative VAT % (e.g. 15 for takeaway); absent when none. */
  alternativeVat?: Decimal;
  alternatives: Alternative[];
  /** Absent = leave unchanged; id 0 = remove from article; unknown id = create. */
  articleGroup?: ArticleGroup;
  articleGroup2?: ArticleGroup;
  articleGroup3?: ArticleGroup;
  /** PCK article id (primary key). */
  articleId: number;
  articleNo?: string;
  /** See `ArticleStatus`. */
  articleStatus?: number;
  /** See `ArticleWebAction`. */
  articleWebAction?: number;
  autoOpenAlternatives?: boolean;
  confirmedDelivery?: boolean;
  costPrice?: Decimal;
  description?: string;
  /** Offer price (not a percentage!), valid from discountFrom to discountTo. */
  discount?: Decimal;
  /** Offer valid from, epoch milliseconds. */
  discountFrom?: number;
  /** Offer valid to, epoch milliseconds. */
  discountTo?: number;
  eans: string[];
  expectedDeliveryAmount?: number;
  expectedDeliveryDate?: Date;
  /** PCK article-group id, matched by discount.categoryId. */
  externalGroupId?: number;
  /** Matched by discount.category2Id. */
  externalGroupId2?: number;
  externalLink?: string;
  height?: Decimal;
  hideWhenOutOfStock?: boolean;
  info1?: string;
  info2?: string;
  info3?: string;
  length?: Decimal;
  manufacturer?: Manufacturer;
  manufacturerArticleNo?: string;
  name?: string;
  /** Order discounts must not apply (the offer price still does). */
  noDiscount?: boolean;
  nonStockItem?: boolean;
  nonStockItemDays?: number;
  price1?: Decimal;
  price10?: Decimal;
  price2?: Decimal;
  price3?: Decimal;
  price4?: Decimal;
  price5?: Decimal;
  price6?: Decimal;
  price7?: Decimal;
  price8?: Decimal;
  price9?: Decimal;
  productLine?: ProductLine;
  purchasePrice?: Decimal;
  recommendedProduct?: boolean;
  /** Web price incl. VAT. */
  salesPrice?: Decimal;
  /** See `ShippingType`. */
  shippingType?: number;
  sizeColorInUse?: boolean;
  sizeColors: SizeColor[];
  /** Wire `stockCount`; `stockCcount` is accepted. */
  stockCount?: number;
  stockDetails: StockDetail[];
  /** Price in the physical store incl. VAT. */
  storePrice?: Decimal;
  subtitle?: string;
  suggestedPrice?: Decimal;
  /** Ordering guard: discard a call whose timestamp is smaller than the last one seen. */
  timestamp?: number;
  /** Selling unit, e.g. pcs, pack, l. */
  unitCode?: string;
  /** How many unitPricingUnitCode make one unit (unit price = price / quantity). */
  unitPricingQuantity?: Decimal;
  unitPricingUnitCode?: string;
  /** VAT percentage. */
  vat?: Decimal;
  visibleOnWeb?: boolean;
  volume?: Decimal;
  webshippingPrice?: Decimal;
  /** Suggested: subtract from stock before showing availability. */
  webstockLimit?: number;
  weight?: Decimal;
  width?: Decimal;
}

/** Payload of updateStockCount: once for the article total (no sizeColorId), then per variant. */
export interface UpdateStock {
  articleId: number;
  confirmedDelivery?: boolean;
  count: number;
  expectedDeliveryAmount?: number;
  expectedDeliveryDate?: Date;
  sizeColorId?: number;
  stockDetails: StockDetail[];
  timestamp?: number;
}
