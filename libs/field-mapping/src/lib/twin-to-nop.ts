import { Decimal } from 'decimal.js';
import {
  LowStockActivity,
  ManageInventoryMethod,
  ProductTypeId,
  type CategoryDto,
  type ManufacturerDto,
  type ProductAttributeCombinationDto,
  type ProductDto,
  type TierPriceDto,
} from '@pcknop/nopcommerce-client';
import { TwinDeletionTarget, TwinRecordKind, recordKey } from '@pcknop/twinxml';
import type {
  TwinAxisValue,
  TwinCategory,
  TwinDeletion,
  TwinImage,
  TwinManufacturer,
  TwinProduct,
  TwinStockLevel,
  TwinVariant,
} from '@pcknop/twinxml';
import { decimalToWire, excludeVat } from './money';
import { isOfferActive } from './offer-window';
import { fillTemplate } from './pck-text';
import { ownerOf, pckWrites } from './field-ownership';
import type { MappingProfile, OwnableField } from './profile/mapping-profile';
import { taxCategoryForVat } from './vat-mapping';

/** nop ProductDto fields each ownable field covers (used for ownership merges and the preview diff). */
export const NOP_PRODUCT_FIELDS: Record<OwnableField, readonly (keyof ProductDto)[]> = {
  name: ['name'],
  shortDescription: ['short_description'],
  fullDescription: ['full_description'],
  published: ['published', 'low_stock_activity_id', 'min_stock_quantity'],
  price: ['price'],
  offer: ['old_price'],
  productCost: ['product_cost'],
  taxCategory: ['tax_category_id'],
  gtin: ['gtin'],
  manufacturer: [],
  weight: ['weight'],
  dimensions: ['length', 'width', 'height'],
  unitPricing: [
    'baseprice_enabled',
    'baseprice_amount',
    'baseprice_unit_id',
    'baseprice_base_amount',
    'baseprice_base_unit_id',
  ],
  stock: ['stock_quantity', 'manage_inventory_method_id'],
  categories: [],
  images: [],
};

/** One product to create or update. References to other records are by TwinXML key: the applier resolves ids. */
export interface NopProductPayload {
  /** Twin product or variant key. */
  key: string;
  /** Full DTO. On update it is the current product with PCK-owned fields replaced (nop's Update replaces the row). */
  product: ProductDto;
  isCreate: boolean;
  /** separateProducts mode: the grouped parent's key, to become `parent_grouped_product_id`. */
  parentKey?: string;
  /** Categories to link; undefined = leave the product's category mappings alone. */
  categoryKeys?: string[];
  /** Manufacturers to link; undefined = leave alone. */
  manufacturerKeys?: string[];
  /** The offer as dated qty-1 tier prices (without product_id); [] = remove offers; undefined = leave alone. */
  tierPrices?: TierPriceDto[];
  /** attributeCombinations mode: the variants as combinations of a Colour and a Size attribute. */
  combinations?: NopCombinationPayload[];
}

export interface NopCombinationPayload {
  key: string;
  colour?: TwinAxisValue;
  size?: TwinAxisValue;
  /** Without `attributes_xml`/`product_id`: the applier builds them from the mapping and value ids it owns. */
  combination: ProductAttributeCombinationDto;
  /** PCK discontinued the variant: nop combinations cannot be unpublished, so its stock is 0 and the applier may remove it. */
  discontinued: boolean;
}

export interface NopCategoryPayload {
  key: string;
  parentKey?: string;
  /** level > 1 without parentKey: the parent is unknown (keep the current one). */
  parentUnknown: boolean;
  category: CategoryDto;
}

export interface NopManufacturerPayload {
  key: string;
  manufacturer: ManufacturerDto;
}

export interface NopStockPayload {
  /** Product key, or the variant key (a product in separateProducts mode, a combination otherwise). */
  key: string;
  target: 'product' | 'combination';
  stockQuantity: number;
  /**
   * hideWhenOutOfStock: the product's `published` with this stock (false at 0, true again above 0); write it with
   * the quantity. Undefined = leave `published` alone (no hideWhenOutOfStock, unpublished by PCK, shop-owned
   * `published`, a combination, or the shop product not given in `options.current`).
   */
  published?: boolean;
}

export interface NopImagePayload {
  /** Twin record key of the image. */
  key: string;
  productKey: string;
  /** Attach also to the variants (products or combinations) of this colour code. */
  colour?: string;
  attachToVariants: boolean;
  displayOrder: number;
  mimeType: string;
  contentHash: string;
  data?: Uint8Array;
  uri?: string;
}

export interface NopDeletionPayload {
  key: string;
  target: TwinDeletion['target'];
  parentKey?: string;
  /**
   * Products and variants: the profile's `articles.publish.removal` (unpublished by default, so old orders keep
   * resolving them; a combination cannot be unpublished and gets no stock instead). Images are deleted; groups and
   * manufacturers unpublished.
   */
  action: 'unpublish' | 'delete';
}

export interface NopCatalogPayload {
  categories: NopCategoryPayload[];
  manufacturers: NopManufacturerPayload[];
  products: NopProductPayload[];
  /** One entry per stock level, except where the shop owns `stock` (then none, and a warning). */
  stock: NopStockPayload[];
  images: NopImagePayload[];
  deletions: NopDeletionPayload[];
  warnings: string[];
}

export interface TwinToNopInput {
  categories?: TwinCategory[];
  manufacturers?: TwinManufacturer[];
  products?: TwinProduct[];
  stockLevels?: TwinStockLevel[];
  images?: TwinImage[];
  deletions?: TwinDeletion[];
}

export interface TwinToNopOptions {
  /** Stamps created/updated times and decides whether an offer is showing now (old_price). */
  now: Date;
  /**
   * The shop's current products by twin key (product or variant key); absent = create. For stock levels, the
   * product the stock goes to: its `low_stock_activity_id` says whether it hides when out of stock.
   */
  current?: Readonly<Record<string, ProductDto | undefined>>;
}

/**
 * Maps TwinXML records to nopCommerce Web API payloads. Pure and synchronous. Throws FieldMappingError
 * (UNMAPPED_VAT_RATE) when a product's VAT rate has no tax category.
 */
export function twinToNop(
  profile: MappingProfile,
  records: TwinToNopInput,
  options: TwinToNopOptions,
): NopCatalogPayload {
  const out: NopCatalogPayload = {
    categories: [],
    manufacturers: [],
    products: [],
    stock: [],
    images: [],
    deletions: [],
    warnings: [],
  };
  const now = options.now.toISOString();
  if (profile.groups.source !== 'off') {
    for (const c of records.categories ?? []) out.categories.push(mapCategory(c, now));
  }
  for (const m of records.manufacturers ?? []) {
    out.manufacturers.push({
      key: m.key,
      manufacturer: {
        name: m.name,
        description: m.description ?? null,
        published: m.published,
        deleted: false,
        page_size: 6,
        allow_customers_to_select_page_size: true,
        page_size_options: '6, 3, 9',
        created_on_utc: now,
        updated_on_utc: now,
      },
    });
  }
  for (const p of records.products ?? []) out.products.push(...mapProduct(profile, p, options, out.warnings));
  for (const s of records.stockLevels ?? []) {
    // A stock update only ever changes an existing product, so a shop-owned stock is never written by it.
    if (!pckWrites(profile, 'stock', false)) {
      out.warnings.push(`${s.variantKey ?? s.productKey}: stock is owned by the shop; stock update not sent`);
      continue;
    }
    const qty = wholeStock(s.available ?? s.onHand);
    const byAttributes = profile.variants.mode === 'attributeCombinations';
    const key = s.variantKey ?? s.productKey;
    const target = s.variantKey && byAttributes ? 'combination' : 'product';
    const stock: NopStockPayload = { key, target, stockQuantity: qty };
    const shown = target === 'product' ? shownWithStock(profile, options.current?.[key], qty) : undefined;
    if (shown !== undefined) stock.published = shown;
    out.stock.push(stock);
  }
  if (profile.images.enabled) {
    for (const i of records.images ?? []) {
      const current = options.current?.[i.ownerKey];
      if (current && ownerOf(profile, 'images') === 'shop') {
        out.warnings.push(`${i.ownerKey}: images are owned by the shop; image not sent`);
        continue;
      }
      const img: NopImagePayload = {
        key: recordKey(TwinRecordKind.Image, i),
        productKey: i.ownerKey,
        attachToVariants: i.colour !== undefined && profile.images.colorImagesToVariants,
        displayOrder: i.position,
        mimeType: i.mimeType,
        contentHash: i.contentHash,
      };
      if (i.colour !== undefined) img.colour = i.colour;
      if (i.data) img.data = i.data;
      if (i.uri) img.uri = i.uri;
      out.images.push(img);
    }
  }
  for (const d of records.deletions ?? []) {
    const del: NopDeletionPayload = { key: d.key, target: d.target, action: removalAction(profile, d.target) };
    if (d.parentKey) del.parentKey = d.parentKey;
    out.deletions.push(del);
  }
  return out;
}

function removalAction(profile: MappingProfile, target: TwinDeletion['target']): NopDeletionPayload['action'] {
  switch (target) {
    case TwinDeletionTarget.Product:
    case TwinDeletionTarget.Variant:
      return profile.articles.publish.removal;
    case TwinDeletionTarget.Image:
      return 'delete';
    default:
      return 'unpublish';
  }
}

function mapCategory(c: TwinCategory, now: string): NopCategoryPayload {
  const payload: NopCategoryPayload = {
    key: c.key,
    parentUnknown: c.level > 1 && !c.parentKey,
    category: {
      name: c.name,
      description: c.description ?? null,
      category_template_id: 1,
      page_size: 6,
      allow_customers_to_select_page_size: true,
      page_size_options: '6, 3, 9',
      include_in_top_menu: c.level === 1,
      published: c.published,
      deleted: false,
      display_order: c.sortOrder,
      created_on_utc: now,
      updated_on_utc: now,
    },
  };
  if (c.parentKey) payload.parentKey = c.parentKey;
  return payload;
}

/**
 * Whether a product that hides when out of stock is shown with `qty` on hand. The shop product itself says whether
 * it hides: the article mapping gives such products nop's own low-stock activity "Unpublish" (at or below
 * `min_stock_quantity`, 0), which also makes nop hide it at once when a web order sells the last one.
 */
function shownWithStock(profile: MappingProfile, current: ProductDto | undefined, qty: number): boolean | undefined {
  if (!current || !pckWrites(profile, 'published', false)) return undefined;
  if (current.low_stock_activity_id !== LowStockActivity.Unpublish) return undefined;
  return qty > (current.min_stock_quantity ?? 0);
}

/**
 * Sets nop's low-stock activity for a product PCK shows only while in stock (`hides`). When it no longer hides,
 * only an "Unpublish" this mapping set is reset, so a shop's own choice (e.g. disable the buy button) stays.
 */
function setLowStockActivity(profile: MappingProfile, dto: ProductDto, hides: boolean, isCreate: boolean): void {
  if (!pckWrites(profile, 'published', isCreate)) return;
  if (hides) {
    dto.low_stock_activity_id = LowStockActivity.Unpublish;
    dto.min_stock_quantity = 0;
  } else if (dto.low_stock_activity_id === LowStockActivity.Unpublish) {
    dto.low_stock_activity_id = LowStockActivity.Nothing;
  }
}

function wholeStock(d: Decimal | undefined): number {
  return d ? Decimal.max(0, d.floor()).toNumber() : 0;
}

function totalStock(p: TwinProduct): Decimal {
  if (p.variants.length === 0) return p.stock ?? new Decimal(0);
  return p.variants.filter((v) => !v.discontinued).reduce((s, v) => s.plus(v.stock ?? 0), new Decimal(0));
}

/** nop price for a gross PCK price, by the shop's "prices include tax" setting. */
function shopPrice(profile: MappingProfile, gross: Decimal, vat: Decimal): number {
  return decimalToWire(profile.articles.price.shopPricesIncludeVat ? gross : excludeVat(gross, vat));
}

/** The product fields PCK computes, grouped by ownable field (sku and structural fields are always written). */
function pckFields(
  profile: MappingProfile,
  p: TwinProduct,
  now: Date,
  warnings: string[],
): Partial<Record<OwnableField, Partial<ProductDto>>> {
  const cfg = profile.articles;
  const taxCategory = taxCategoryForVat(profile, p.vatRate, `product ${p.key}`);
  const stock = totalStock(p);
  const offerNow = isOfferActive(p.offer, now);
  const fields: Partial<Record<OwnableField, Partial<ProductDto>>> = {
    name: { name: p.name },
    shortDescription: { short_description: p.shortDescription ?? null },
    fullDescription: { full_description: p.longDescription ?? null },
    published: { published: p.published && !(p.hideWhenOutOfStock && stock.lte(0)) },
    price: { price: shopPrice(profile, p.price, p.vatRate) },
    offer: {
      old_price: cfg.offer.showRegularPriceAsOldPrice && offerNow ? shopPrice(profile, p.price, p.vatRate) : 0,
    },
    productCost: { product_cost: p.cost ? decimalToWire(p.cost) : 0 },
    taxCategory: { tax_category_id: taxCategory },
    gtin: { gtin: p.gtins[0] ?? null },
    weight: { weight: p.weight ? decimalToWire(p.weight) : 0 },
    dimensions: {
      length: p.dimensions ? decimalToWire(p.dimensions.length) : 0,
      width: p.dimensions ? decimalToWire(p.dimensions.width) : 0,
      height: p.dimensions ? decimalToWire(p.dimensions.height) : 0,
    },
    stock: {
      stock_quantity: p.variants.length > 0 ? 0 : wholeStock(p.stock),
      manage_inventory_method_id: !cfg.stock.manageStock
        ? ManageInventoryMethod.DontManageStock
        : p.variants.length > 0 && profile.variants.mode === 'attributeCombinations'
          ? ManageInventoryMethod.ManageStockByAttributes
          : p.variants.length > 0
            ? ManageInventoryMethod.DontManageStock // the grouped parent holds no stock; its variant products do
            : ManageInventoryMethod.ManageStock,
    },
  };
  const up = p.unitPricing;
  if (up) {
    const unitId = cfg.unitPricing.measureIds[up.unit];
    const baseId = cfg.unitPricing.measureIds[up.baseUnit];
    if (unitId && baseId) {
      fields.unitPricing = {
        baseprice_enabled: true,
        baseprice_amount: decimalToWire(up.amount),
        baseprice_unit_id: unitId,
        baseprice_base_amount: decimalToWire(up.baseAmount),
        baseprice_base_unit_id: baseId,
      };
    } else {
      warnings.push(
        `${p.key}: unit "${up.unit}" has no measure id in /articles/unitPricing/measureIds; no unit price shown`,
      );
      fields.unitPricing = { baseprice_enabled: false };
    }
  } else if (cfg.unitPricing.enabled) {
    fields.unitPricing = { baseprice_enabled: false };
  }
  return fields;
}

const CREATE_DEFAULTS: ProductDto = {
  product_type_id: ProductTypeId.SimpleProduct,
  visible_individually: true,
  product_template_id: 1,
  order_minimum_quantity: 1,
  order_maximum_quantity: 10000,
  is_ship_enabled: true,
  allow_customer_reviews: true,
  display_stock_availability: true,
  backorder_mode_id: 0,
  low_stock_activity_id: 0,
  notify_admin_for_quantity_below: 1,
  has_tier_prices: false,
  has_discounts_applied: false,
  deleted: false,
};

/** Writes PCK's value of each field it owns (all of them on create) over the base DTO. */
function assemble(
  profile: MappingProfile,
  base: ProductDto,
  fields: Partial<Record<OwnableField, Partial<ProductDto>>>,
  isCreate: boolean,
): ProductDto {
  const dto: ProductDto = { ...base };
  for (const [field, values] of Object.entries(fields) as [OwnableField, Partial<ProductDto>][]) {
    if (pckWrites(profile, field, isCreate)) Object.assign(dto, values);
  }
  return dto;
}

function mapProduct(
  profile: MappingProfile,
  p: TwinProduct,
  options: TwinToNopOptions,
  warnings: string[],
): NopProductPayload[] {
  const now = options.now.toISOString();
  const current = options.current?.[p.key];
  const isCreate = !current;
  const fields = pckFields(profile, p, options.now, warnings);
  const hasVariants = p.variants.length > 0;
  const separate = hasVariants && profile.variants.mode === 'separateProducts';

  const base: ProductDto = isCreate
    ? { ...CREATE_DEFAULTS, created_on_utc: now }
    : // Keep what the server owns (derived flags, deleted, created) exactly as it returned them.
      { ...current };
  const dto = assemble(profile, base, fields, isCreate);
  dto.sku = p.sku;
  dto.updated_on_utc = now;
  // Only a product holding its own stock can hide on it (a grouped parent or a combinations product cannot).
  setLowStockActivity(profile, dto, !hasVariants && p.published && p.hideWhenOutOfStock, isCreate);
  if (isCreate) {
    dto.product_type_id = separate ? ProductTypeId.GroupedProduct : ProductTypeId.SimpleProduct;
    if (hasVariants && profile.variants.mode === 'attributeCombinations')
      dto.allow_adding_only_existing_attribute_combinations = true;
  }

  const main: NopProductPayload = { key: p.key, product: dto, isCreate };
  if (profile.groups.source !== 'off' && pckWrites(profile, 'categories', isCreate))
    main.categoryKeys = [...p.categoryKeys];
  if (profile.articles.manufacturer.enabled && pckWrites(profile, 'manufacturer', isCreate))
    main.manufacturerKeys = [...p.manufacturerKeys];
  if (profile.articles.offer.enabled && pckWrites(profile, 'offer', isCreate))
    main.tierPrices = tierPricesOf(profile, p);

  if (hasVariants && !separate) {
    main.combinations = p.variants.map((v) => combinationOf(profile, p, v));
    return [main];
  }
  if (!separate) return [main];

  const children = p.variants.map((v) => variantProduct(profile, p, v, fields, options, main));
  return [main, ...children];
}

function tierPricesOf(profile: MappingProfile, p: TwinProduct): TierPriceDto[] {
  if (!p.offer) return [];
  return [
    {
      store_id: 0,
      customer_role_id: null,
      quantity: 1,
      price: shopPrice(profile, p.offer.price, p.vatRate),
      start_date_time_utc: p.offer.from ? p.offer.from.toISOString() : null,
      end_date_time_utc: p.offer.to ? p.offer.to.toISOString() : null,
    },
  ];
}

function variantName(profile: MappingProfile, p: TwinProduct, v: TwinVariant): string {
  return fillTemplate(profile.variants.nameTemplate, {
    name: p.name,
    color: v.colour?.name,
    size: v.size?.name,
    sku: v.sku,
  });
}

function combinationOf(profile: MappingProfile, p: TwinProduct, v: TwinVariant): NopCombinationPayload {
  const combination: ProductAttributeCombinationDto = {
    sku: v.sku,
    gtin: v.gtins[0] ?? null,
    stock_quantity: v.discontinued && profile.variants.unpublishDiscontinued ? 0 : wholeStock(v.stock),
    allow_out_of_stock_orders: false,
    overridden_price: v.price ? shopPrice(profile, v.price, p.vatRate) : null,
    notify_admin_for_quantity_below: 1,
    min_stock_quantity: 0,
  };
  const c: NopCombinationPayload = { key: v.key, combination, discontinued: v.discontinued };
  if (v.colour) c.colour = v.colour;
  if (v.size) c.size = v.size;
  return c;
}

function variantProduct(
  profile: MappingProfile,
  p: TwinProduct,
  v: TwinVariant,
  parentFields: Partial<Record<OwnableField, Partial<ProductDto>>>,
  options: TwinToNopOptions,
  parent: NopProductPayload,
): NopProductPayload {
  const now = options.now.toISOString();
  const current = options.current?.[v.key];
  const isCreate = !current;
  const stock = v.stock ?? new Decimal(0);
  const unpublished =
    (v.discontinued && profile.variants.unpublishDiscontinued) || (p.hideWhenOutOfStock && stock.lte(0));
  const fields: Partial<Record<OwnableField, Partial<ProductDto>>> = {
    ...parentFields,
    name: { name: variantName(profile, p, v) },
    published: { published: p.published && !unpublished },
    gtin: { gtin: v.gtins[0] ?? null },
    stock: {
      stock_quantity: wholeStock(stock),
      manage_inventory_method_id: profile.articles.stock.manageStock
        ? ManageInventoryMethod.ManageStock
        : ManageInventoryMethod.DontManageStock,
    },
  };
  if (v.price) fields.price = { price: shopPrice(profile, v.price, p.vatRate) };
  const base: ProductDto = isCreate ? { ...CREATE_DEFAULTS, created_on_utc: now } : { ...current };
  const dto = assemble(profile, base, fields, isCreate);
  dto.sku = v.sku;
  dto.updated_on_utc = now;
  const discontinued = v.discontinued && profile.variants.unpublishDiscontinued;
  setLowStockActivity(profile, dto, p.published && p.hideWhenOutOfStock && !discontinued, isCreate);
  if (isCreate) {
    dto.product_type_id = ProductTypeId.SimpleProduct;
    // Shown through the grouped parent, not on its own in listings.
    dto.visible_individually = false;
  }
  const child: NopProductPayload = { key: v.key, product: dto, isCreate, parentKey: p.key };
  if (parent.tierPrices) child.tierPrices = tierPricesOf(profile, p);
  return child;
}
