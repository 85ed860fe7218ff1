/**
 * A tenant's mapping profile (schemaVersion 1). The JSON Schema in `mapping-profile.schema.ts` is the source of
 * truth for defaults; this interface is the shape after validation, when every default has been filled in.
 */

/** PCK text fields a shop text can be built from. */
export type PckTextSource = 'name' | 'subtitle' | 'description' | 'info1' | 'info2' | 'info3';

/** PCK articleStatus values that can unpublish a product (0 = active never does). */
export type PckArticleStatusName = 'passive' | 'expired' | 'blocked';

/** Who owns a field: PCK overwrites it on every change; the shop only gets it when the product is created. */
export type FieldOwner = 'pck' | 'shop';

/** Product fields whose ownership can be chosen. (SKU is always PCK's: it is how products are found again.) */
export const OWNABLE_FIELDS = [
  'name',
  'shortDescription',
  'fullDescription',
  'published',
  'price',
  'offer',
  'productCost',
  'taxCategory',
  'gtin',
  'manufacturer',
  'weight',
  'dimensions',
  'unitPricing',
  'stock',
  'categories',
  'images',
] as const;
export type OwnableField = (typeof OWNABLE_FIELDS)[number];

/** Product fields a custom JSONata rule may compute, with the type the rule must return. */
export const PRODUCT_RULE_FIELDS = {
  sku: 'string',
  name: 'string',
  shortDescription: 'string',
  fullDescription: 'string',
  published: 'boolean',
  price: 'decimal',
  offerPrice: 'decimal',
  gtin: 'string',
  weight: 'decimal',
  length: 'decimal',
  width: 'decimal',
  height: 'decimal',
  stockQuantity: 'integer',
} as const;
export type ProductRuleField = keyof typeof PRODUCT_RULE_FIELDS;

/** Variant fields a custom rule may compute. */
export const VARIANT_RULE_FIELDS = {
  sku: 'string',
  gtin: 'string',
  discontinued: 'boolean',
  stockQuantity: 'integer',
} as const;
export type VariantRuleField = keyof typeof VARIANT_RULE_FIELDS;

export type RuleValueType = (typeof PRODUCT_RULE_FIELDS)[ProductRuleField];

export interface TextMapping {
  /** Non-empty PCK fields, in this order, joined by `separator`. */
  from: PckTextSource[];
  separator: string;
}

export interface MappingProfile {
  schemaVersion: 1;
  /** The tenant's own revision counter: bump on every change so staged records can say which profile made them. */
  revision: number;
  /** Free label, e.g. the shop's name. */
  label: string;
  /** IANA zone PCK's wall-clock dates are read in (offer end dates). */
  timeZone: string;
  articles: {
    sku: { source: 'articleNo' | 'articleId'; prefix: string };
    text: {
      name: TextMapping;
      shortDescription: TextMapping;
      /** `html`: escape and turn line breaks into `<br>`, since PCK text is plain and nop's full description is HTML. */
      fullDescription: TextMapping & { html: boolean };
    };
    publish: {
      requireVisibleOnWeb: boolean;
      unpublishStatuses: PckArticleStatusName[];
      /** Honour PCK's hideWhenOutOfStock: unpublish while the shown stock is 0. */
      honourHideWhenOutOfStock: boolean;
      /** What an article removed in PCK becomes: unpublished (order history keeps resolving it) or deleted. */
      removal: 'unpublish' | 'delete';
    };
    price: {
      source: 'salesPrice' | 'storePrice' | 'alternativePrice';
      /** nopCommerce's "prices include tax" setting: true sends PCK's gross price, false the net price. */
      shopPricesIncludeVat: boolean;
      productCost: 'costPrice' | 'purchasePrice' | 'none';
    };
    offer: {
      enabled: boolean;
      /** Show the regular price struck through (nop old_price) while an offer is set. */
      showRegularPriceAsOldPrice: boolean;
      /** A discountTo at local midnight means "through that date": extend to the next local midnight. */
      inclusiveToDate: boolean;
    };
    gtin: { pick: 'first' | 'firstValid' };
    measures: {
      weight: boolean;
      dimensions: boolean;
      /** Multiplier from PCK's unit to the shop's (e.g. "0.001" for grams → kg), decimal text. */
      weightFactor: string;
      dimensionFactor: string;
    };
    manufacturer: { enabled: boolean };
    unitPricing: {
      enabled: boolean;
      /** PCK unitPricingUnitCode (kg, g, l…) → nop measure id used for baseprice. Unmapped codes give a warning. */
      measureIds: Record<string, number>;
    };
    stock: {
      /** shown = stock − webstockLimit, never below 0. */
      subtractWebstockLimit: boolean;
      manageStock: boolean;
    };
  };
  vat: {
    /** VAT percentage as decimal text ("25", "15", "12", "0") → nop tax category id. */
    rates: Record<string, number>;
  };
  variants: {
    mode: 'separateProducts' | 'attributeCombinations';
    /** Placeholders: {sku} {articleId} {sizeColorId} {sizeId} {colorId} {size} {color}. */
    skuTemplate: string;
    nameTemplate: string;
    unpublishDiscontinued: boolean;
  };
  groups: {
    source: 'articleGroups' | 'webGroups' | 'off';
    /** Link the product to the deepest web group only, or to every level. */
    link: 'deepest' | 'allLevels';
  };
  images: { enabled: boolean; colorImagesToVariants: boolean };
  orders: {
    customerMode: 'singleCustomer' | 'customerPerOrder';
    /** PCK customer id of «Webshop kunde»; required in singleCustomer mode. */
    webshopCustomerId?: number;
    freightDescription: string;
    feeDescription: string;
    /** nop payment_method_system_name → PCK payment kind. Unlisted methods use `defaultPaymentKind`. */
    paymentMethods: Record<string, 'prepaid' | 'cod' | 'credit'>;
    defaultPaymentKind: 'prepaid' | 'cod' | 'credit';
    /** PCK order `reference` text. Placeholders: {orderId} {customOrderNumber}. Empty = no reference. */
    referenceTemplate: string;
    /** nop shipping method names that mean "store pickup" in addition to nop's own pickup_in_store flag. */
    pickupShippingMethods: string[];
  };
  ownership: {
    default: FieldOwner;
    fields: Partial<Record<OwnableField, FieldOwner>>;
  };
  rules: {
    /** Wall-clock limit per rule evaluation. */
    timeoutMs: number;
    /** Nesting limit per evaluation (stops runaway recursion). */
    maxDepth: number;
    product: Partial<Record<ProductRuleField, string>>;
    variant: Partial<Record<VariantRuleField, string>>;
  };
}
