import { createHash, randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { AttributeSelection, buildAttributesXml, parseAttributesXml, sameSelections } from './attributes-xml';
import type { WithId } from './endpoints/crud-endpoint';
import { decimalFromWire, decimalToWire, quantityToWire } from './money';
import { logAt } from './logger';
import { NopClientError, NopErrorCode } from './nop-client-error';
import { parseNopDate } from './nop-date';
import { NopClientOptions, NopWebApiClient, hasCombinationPictures } from './nop-web-api-client';
import type { ShopOrderDetails } from './order-details';
import { DEFAULT_PAGE_SIZE, collect } from './paging';
import type {
  CategoryInput,
  CustomerInput,
  ManufacturerInput,
  OfferPriceInput,
  OfferPriceResult,
  OrderFilter,
  PictureAttachment,
  PictureInput,
  PictureResult,
  PictureTarget,
  PriceInput,
  ProductInput,
  Quantity,
  RefundRequest,
  RefundResult,
  SaveProductOptions,
  ShipResult,
  ShipmentRequest,
  ShopAdapter,
  ShopAddress,
  ShopCustomer,
  ShopInfo,
  ShopOrder,
  ShopProduct,
  StockResult,
  StockTracking,
  UpsertResult,
  VariantInput,
  VariantResult,
} from './shop-adapter';
import {
  AddressDto,
  AttributeControlType,
  CategoryDto,
  CustomerDto,
  DiscountTypeId,
  ManageInventoryMethod,
  ManufacturerDto,
  OrderDto,
  OrderStatus,
  PaymentStatus,
  PictureDto,
  ProductAttributeCombinationDto,
  ProductTypeId,
  ProductDto,
  ShipmentDto,
  TierPriceDto,
} from './wire-types';

export interface WebApiBackendAdapterOptions extends NopClientOptions {
  /** Global attribute names used for variants. */
  colourAttributeName?: string;
  sizeAttributeName?: string;
  /** Save an SEO slug for new products, categories and manufacturers. Default true. */
  saveSlugs?: boolean;
  /** Store id for registration. Default 1. */
  storeId?: number;
  /**
   * Append a hash of the picture's bytes to its SEO filename (`red-shirt-<16 hex>`), default true. It lets
   * `uploadPicture` recognise its own picture after a lost reply (and skip a picture already on the product);
   * off, a lost upload reply ends in `NopErrorCode.OutcomeUnknown`.
   */
  tagPictureFilenames?: boolean;
}

/** nop's picture columns: `MimeType` nvarchar(20), `SeoFilename` nvarchar(100). */
const MIME_TYPE_MAX = 20;
const SEO_FILENAME_MAX = 100;
const PICTURE_SCAN_PAGE = 50;

/** First 64 bits of the SHA-256 of the picture bytes, hex. */
export function pictureContentTag(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** `<seo filename>-<tag>`, the name cut so the whole fits nop's 100 characters. */
export function taggedSeoFilename(seoFilename: string, tag: string): string {
  const base = seoFilename.slice(0, SEO_FILENAME_MAX - tag.length - 1).replace(/-+$/, '');
  return base ? `${base}-${tag}` : tag;
}

const nowIso = (): string => new Date().toISOString();
const sameInstant = (a: string | null | undefined, b: Date): boolean => parseNopDate(a)?.getTime() === b.getTime();

/**
 * Whether a failed non-idempotent call may still have taken effect: a 5xx, a timeout or a dropped connection can
 * come after the shop wrote. A 429/503 is the rate limiter or a stopped site answering before the action runs.
 */
function mayHaveActed(e: unknown): e is NopClientError {
  return e instanceof NopClientError && e.transient && e.code !== NopErrorCode.RateLimited;
}

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .replace(/[åÅ]/g, 'a')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 200);
}

function trackingOf(p: ProductDto): StockTracking {
  switch (p.manage_inventory_method_id) {
    case ManageInventoryMethod.ManageStock:
      return 'product';
    case ManageInventoryMethod.ManageStockByAttributes:
      return 'variants';
    default:
      return 'none';
  }
}

function methodOf(t: StockTracking): ManageInventoryMethod {
  switch (t) {
    case 'product':
      return ManageInventoryMethod.ManageStock;
    case 'variants':
      return ManageInventoryMethod.ManageStockByAttributes;
    case 'none':
      return ManageInventoryMethod.DontManageStock;
  }
}

/** The first candidate (lowest id first, as listed) the caller lets us take over. */
async function firstReusable<T extends { id: number }>(
  candidates: readonly T[],
  canReuse?: (existingId: number) => boolean | Promise<boolean>,
): Promise<T | undefined> {
  for (const c of candidates) if (!canReuse || (await canReuse(c.id))) return c;
  return undefined;
}

/** The display fields a category or manufacturer input sets, only those it gives. */
function listingFields(input: Pick<CategoryInput, 'description' | 'published' | 'displayOrder'>): {
  description?: string;
  published?: boolean;
  display_order?: number;
} {
  const fields: { description?: string; published?: boolean; display_order?: number } = {};
  if (input.description !== undefined) fields.description = input.description;
  if (input.published !== undefined) fields.published = input.published;
  if (input.displayOrder !== undefined) fields.display_order = input.displayOrder;
  return fields;
}

/** What nop's admin gives a new category or manufacturer: six per page, customers may pick 3, 6 or 9, shown. */
function newListingDefaults(now: string) {
  return {
    page_size: 6,
    allow_customers_to_select_page_size: true,
    page_size_options: '6, 3, 9',
    published: true,
    created_on_utc: now,
    updated_on_utc: now,
  };
}

/** ShopAdapter over the official Web API Backend plugin (4.60–4.80). */
export class WebApiBackendAdapter implements ShopAdapter {
  readonly client: NopWebApiClient;
  private readonly opts: WebApiBackendAdapterOptions;
  private readonly countryIso = new Map<number, string | undefined>();

  constructor(
    options: WebApiBackendAdapterOptions | { client: NopWebApiClient; options?: Partial<WebApiBackendAdapterOptions> },
  ) {
    if ('client' in options) {
      this.client = options.client;
      this.opts = { baseUrl: '', credentials: { email: '', password: '' }, ...options.options };
    } else {
      this.client = new NopWebApiClient(options);
      this.opts = options;
    }
  }

  async getShopInfo(): Promise<ShopInfo> {
    const v = await this.client.getApiVersion();
    return { adapter: 'web-api-backend', apiVersion: v.raw };
  }

  // ---------- products ----------

  async findProductBySku(sku: string): Promise<ShopProduct | undefined> {
    const p = await this.client.products.getBySku(sku);
    return p ? this.toShopProduct(p) : undefined;
  }

  async upsertProduct(input: ProductInput): Promise<UpsertResult> {
    if (!input.sku.trim())
      throw new NopClientError(NopErrorCode.InvalidArgument, { shopMessage: 'product SKU is empty' });
    const existing = await this.client.products.getBySku(input.sku);
    if (existing) {
      await this.client.products.update(this.mergeProduct(existing, input));
      return { id: existing.id, created: false };
    }
    const now = nowIso();
    const template = await this.defaultProductTemplateId();
    const fresh: ProductDto = {
      product_type_id: ProductTypeId.SimpleProduct,
      visible_individually: true,
      product_template_id: template,
      published: true,
      order_minimum_quantity: 1,
      order_maximum_quantity: 10000,
      is_ship_enabled: true,
      manage_inventory_method_id: ManageInventoryMethod.ManageStock,
      allow_customer_reviews: true,
      created_on_utc: now,
      updated_on_utc: now,
    };
    return this.saveProduct(this.mergeProduct(fresh, input), { slug: input.slug });
  }

  getProducts(ids: readonly number[]): Promise<Array<WithId<ProductDto>>> {
    return this.client.products.getByIds([...ids]);
  }

  getProductsBySkus(skus: readonly string[]): Promise<Array<WithId<ProductDto>>> {
    return this.client.products.getBySkus([...skus]);
  }

  getProduct(id: number): Promise<WithId<ProductDto> | undefined> {
    return this.client.products.getById(id);
  }

  async saveProduct(row: ProductDto & { id?: number }, options: SaveProductOptions = {}): Promise<UpsertResult> {
    if (row.id) {
      await this.client.products.update({ ...row, id: row.id });
      return { id: row.id, created: false };
    }
    const sku = row.sku ?? '';
    const { value, created } = await this.createChecked(
      () => {
        // Only while the caller still may: a batch that lost its lease must not create what another worker now creates.
        options.beforeCreate?.();
        return this.client.products.create(row);
      },
      () => this.client.products.getBySku(sku),
      `create product ${sku}`,
    );
    if (created) await this.saveSlug('Product', value.id, options.slug ?? slugify(`${row.name ?? ''}-${sku}`));
    return { id: value.id, created };
  }

  deleteProduct(id: number): Promise<void> {
    return this.client.products.delete(id);
  }

  getCombination(id: number): Promise<WithId<ProductAttributeCombinationDto> | undefined> {
    return this.client.combinations.getById(id);
  }

  updateCombination(row: WithId<ProductAttributeCombinationDto>): Promise<void> {
    return this.client.combinations.update(row);
  }

  deleteCombination(id: number): Promise<void> {
    return this.client.combinations.delete(id);
  }

  async setPrice(sku: string, price: PriceInput): Promise<void> {
    const p = await this.requireProduct(sku);
    const row: WithId<ProductDto> = { ...p, price: decimalToWire(price.price), updated_on_utc: nowIso() };
    if (price.oldPrice !== undefined) row.old_price = price.oldPrice === null ? 0 : decimalToWire(price.oldPrice);
    if (price.cost !== undefined) row.product_cost = decimalToWire(price.cost);
    await this.client.products.update(row);
  }

  async setStock(sku: string, quantity: Quantity): Promise<StockResult> {
    const q = quantityToWire(quantity);
    const product = await this.client.products.getBySku(sku);
    if (product && product.manage_inventory_method_id !== ManageInventoryMethod.ManageStockByAttributes) {
      await this.client.products.update({ ...product, stock_quantity: q, updated_on_utc: nowIso() });
      return {
        kind: 'product',
        id: product.id,
        productId: product.id,
        previous: product.stock_quantity ?? 0,
        quantity: q,
      };
    }
    const combo = await this.client.combinations.getBySku(sku);
    if (!combo)
      throw new NopClientError(NopErrorCode.NotFound, { shopMessage: `no product or variant with SKU ${sku}` });
    await this.client.combinations.update({ ...combo, stock_quantity: q });
    return {
      kind: 'variant',
      id: combo.id,
      productId: combo.product_id ?? 0,
      previous: combo.stock_quantity ?? 0,
      quantity: q,
    };
  }

  async upsertVariants(productId: number, variants: VariantInput[]): Promise<VariantResult[]> {
    const product = await this.client.products.getById(productId);
    if (!product) throw new NopClientError(NopErrorCode.NotFound, { shopMessage: `product ${productId} not found` });
    const colourMap = await this.ensureMapping(
      productId,
      this.opts.colourAttributeName ?? 'Color',
      AttributeControlType.ColorSquares,
      0,
    );
    const sizeMap = await this.ensureMapping(
      productId,
      this.opts.sizeAttributeName ?? 'Size',
      AttributeControlType.DropdownList,
      1,
    );
    const colourValues = new Map<string, number>();
    const sizeValues = new Map<string, number>();
    for (const v of variants) {
      if (!colourValues.has(v.colour))
        colourValues.set(v.colour, await this.ensureValue(colourMap, v.colour, v.colourRgb, colourValues.size));
      if (!sizeValues.has(v.size))
        sizeValues.set(v.size, await this.ensureValue(sizeMap, v.size, undefined, sizeValues.size));
    }
    const results: VariantResult[] = [];
    let combos = await this.client.combinations.getAll(productId);
    for (const v of variants) {
      const selections: AttributeSelection[] = [
        { mappingId: colourMap, valueId: colourValues.get(v.colour) ?? 0 },
        { mappingId: sizeMap, valueId: sizeValues.get(v.size) ?? 0 },
      ];
      const xml = buildAttributesXml(selections);
      const match = (list: typeof combos): (typeof combos)[number] | undefined =>
        list.find((c) => sameSelections(parseAttributesXml(c.attributes_xml), selections)) ??
        list.find((c) => c.sku === v.sku);
      const existing = match(combos);
      const fields = {
        sku: v.sku,
        gtin: v.gtin ?? existing?.gtin ?? null,
        stock_quantity:
          v.stockQuantity !== undefined ? quantityToWire(v.stockQuantity) : (existing?.stock_quantity ?? 0),
        overridden_price:
          v.price === undefined
            ? (existing?.overridden_price ?? null)
            : v.price === null
              ? null
              : decimalToWire(v.price),
      };
      if (existing) {
        await this.client.combinations.update({
          ...existing,
          ...fields,
          attributes_xml: existing.attributes_xml ?? xml,
        });
        results.push({
          sku: v.sku,
          combinationId: existing.id,
          created: false,
          attributesXml: existing.attributes_xml ?? xml,
        });
        continue;
      }
      const { value, created } = await this.createChecked(
        () =>
          this.client.combinations.create({
            product_id: productId,
            attributes_xml: xml,
            allow_out_of_stock_orders: false,
            notify_admin_for_quantity_below: 1,
            min_stock_quantity: 0,
            ...fields,
          }),
        async () => match((combos = await this.client.combinations.getAll(productId))),
      );
      combos.push(value);
      results.push({ sku: v.sku, combinationId: value.id, created, attributesXml: xml });
    }
    if (
      product.manage_inventory_method_id !== ManageInventoryMethod.ManageStockByAttributes ||
      !product.allow_adding_only_existing_attribute_combinations
    ) {
      const fresh = (await this.client.products.getById(productId)) ?? product;
      await this.client.products.update({
        ...fresh,
        manage_inventory_method_id: ManageInventoryMethod.ManageStockByAttributes,
        allow_adding_only_existing_attribute_combinations: true,
        updated_on_utc: nowIso(),
      });
    }
    return results;
  }

  async setOfferPrice(productId: number, offer: OfferPriceInput): Promise<OfferPriceResult> {
    if (offer.endUtc.getTime() <= offer.startUtc.getTime()) {
      throw new NopClientError(NopErrorCode.InvalidArgument, { shopMessage: 'offer end must be after its start' });
    }
    if ((offer.strategy ?? 'tier-price') === 'discount') return this.setOfferDiscount(productId, offer);
    const isSame = (t: {
      quantity?: number;
      store_id?: number;
      customer_role_id?: number | null;
      start_date_time_utc?: string | null;
      end_date_time_utc?: string | null;
    }): boolean =>
      t.quantity === 1 &&
      (t.store_id ?? 0) === 0 &&
      !t.customer_role_id &&
      sameInstant(t.start_date_time_utc, offer.startUtc) &&
      sameInstant(t.end_date_time_utc, offer.endUtc);
    const tiers = await this.client.tierPrices.getByProduct(productId);
    const existing = tiers.find(isSame);
    let id: number;
    let created = false;
    if (existing) {
      if (!decimalFromWire(existing.price).equals(offer.price))
        await this.client.tierPrices.update({ ...existing, price: decimalToWire(offer.price) });
      id = existing.id;
    } else {
      const r = await this.createChecked(
        () =>
          this.client.tierPrices.create({
            product_id: productId,
            store_id: 0,
            customer_role_id: null,
            quantity: 1,
            price: decimalToWire(offer.price),
            start_date_time_utc: offer.startUtc.toISOString(),
            end_date_time_utc: offer.endUtc.toISOString(),
          }),
        async () => (await this.client.tierPrices.getByProduct(productId)).find(isSame),
      );
      id = r.value.id;
      created = r.created;
    }
    // Without this the price engine skips tier prices entirely.
    await this.client.products.updateHasTierPricesProperty(productId);
    return { strategy: 'tier-price', id, created };
  }

  async clearOfferPrices(productId: number): Promise<number> {
    let removed = 0;
    for (const t of await this.client.tierPrices.getByProduct(productId)) {
      if (t.quantity === 1 && (t.start_date_time_utc || t.end_date_time_utc)) {
        await this.client.tierPrices.delete(t.id);
        removed++;
      }
    }
    await this.client.products.updateHasTierPricesProperty(productId);
    const prefix = this.offerDiscountPrefix(productId);
    const discounts = (await this.client.discounts.getAll({ discountName: prefix })).filter((d) =>
      d.name?.startsWith(prefix),
    );
    for (const d of discounts) {
      await this.client.productDiscounts.clearDiscountProductMapping(d.id);
      await this.client.discounts.delete(d.id);
      removed++;
    }
    if (discounts.length) await this.client.products.updateHasDiscountsApplied(productId);
    return removed;
  }

  async replaceOfferTierPrices(productId: number, tiers: readonly TierPriceDto[]): Promise<void> {
    await this.clearOfferPrices(productId);
    for (const t of tiers) {
      await this.createChecked(
        () => this.client.tierPrices.create({ ...t, product_id: productId }),
        async () =>
          (await this.client.tierPrices.getByProduct(productId)).find((x) => x.quantity === 1 && x.price === t.price),
        `create tier price for product ${productId}`,
      );
    }
    // Without this the price engine skips tier prices entirely.
    if (tiers.length > 0) await this.client.products.updateHasTierPricesProperty(productId);
  }

  // ---------- categories and manufacturers ----------

  async upsertCategory(input: CategoryInput): Promise<UpsertResult> {
    const parent = input.parentId ?? 0;
    const fields: Partial<CategoryDto> = { name: input.name, parent_category_id: parent, ...listingFields(input) };
    return this.upsertListing(
      'Category',
      input,
      async () =>
        (await collect(this.client.categories.all({ categoryName: input.name }))).filter(
          (c) => c.name === input.name && (c.parent_category_id ?? 0) === parent && !c.deleted,
        ),
      (existing) => this.client.categories.update({ ...existing, ...fields, updated_on_utc: nowIso() }),
      (now) =>
        this.client.categories.create({
          category_template_id: 1,
          include_in_top_menu: true,
          ...newListingDefaults(now),
          ...input.createWith,
          ...fields,
        }),
    );
  }

  getCategory(id: number): Promise<WithId<CategoryDto> | undefined> {
    return this.client.categories.getById(id);
  }

  updateCategory(row: WithId<CategoryDto>): Promise<void> {
    return this.client.categories.update(row);
  }

  async setProductCategories(productId: number, categoryIds: number[]): Promise<void> {
    const pc = this.client.productCategories;
    await this.syncMappings(
      categoryIds,
      async () => (await pc.getByProductId(productId)).map((m) => ({ id: m.id, target: m.category_id ?? 0 })),
      (target, i) =>
        pc.create({ product_id: productId, category_id: target, is_featured_product: false, display_order: i }),
      (id) => pc.delete(id),
    );
  }

  async upsertManufacturer(input: ManufacturerInput): Promise<UpsertResult> {
    const fields: Partial<ManufacturerDto> = { name: input.name, ...listingFields(input) };
    return this.upsertListing(
      'Manufacturer',
      input,
      async () =>
        (await collect(this.client.manufacturers.all({ manufacturerName: input.name }))).filter(
          (m) => m.name === input.name && !m.deleted,
        ),
      (existing) => this.client.manufacturers.update({ ...existing, ...fields, updated_on_utc: nowIso() }),
      (now) =>
        this.client.manufacturers.create({
          manufacturer_template_id: 1,
          ...newListingDefaults(now),
          ...input.createWith,
          ...fields,
        }),
    );
  }

  /**
   * Categories and manufacturers alike: take over the first matching row the caller allows (updating it), or
   * create one and give it a slug.
   */
  private async upsertListing<T extends { id: number }>(
    entity: 'Category' | 'Manufacturer',
    input: Pick<CategoryInput, 'name' | 'slug' | 'canReuse'>,
    matches: () => Promise<T[]>,
    update: (existing: T) => Promise<void>,
    create: (now: string) => Promise<T>,
  ): Promise<UpsertResult> {
    const find = async (): Promise<T | undefined> => firstReusable(await matches(), input.canReuse);
    const existing = await find();
    if (existing) {
      await update(existing);
      return { id: existing.id, created: false };
    }
    const now = nowIso();
    const { value, created } = await this.createChecked(() => create(now), find);
    if (created) await this.saveSlug(entity, value.id, input.slug ?? slugify(input.name));
    return { id: value.id, created };
  }

  getManufacturer(id: number): Promise<WithId<ManufacturerDto> | undefined> {
    return this.client.manufacturers.getById(id);
  }

  updateManufacturer(row: WithId<ManufacturerDto>): Promise<void> {
    return this.client.manufacturers.update(row);
  }

  async setProductManufacturers(productId: number, manufacturerIds: number[]): Promise<void> {
    const pm = this.client.productManufacturers;
    await this.syncMappings(
      manufacturerIds,
      async () => (await pm.getByProductId(productId)).map((m) => ({ id: m.id, target: m.manufacturer_id ?? 0 })),
      (target, i) =>
        pm.create({ product_id: productId, manufacturer_id: target, is_featured_product: false, display_order: i }),
      (id) => pm.delete(id),
    );
  }

  // ---------- pictures ----------

  async uploadPicture(productId: number, picture: PictureInput): Promise<PictureResult> {
    const tag = this.opts.tagPictureFilenames === false ? undefined : pictureContentTag(picture.bytes);
    const seoFilename = tag ? taggedSeoFilename(picture.seoFilename, tag) : picture.seoFilename;
    const mimeType = picture.mimeType.slice(0, MIME_TYPE_MAX);
    // Same bytes (the tag) under the same name and type: this upload's picture.
    const isThis = (p: PictureDto): boolean =>
      tag !== undefined && p.seo_filename === seoFilename && (p.mime_type ?? '') === mimeType;
    const findMapping = async (pictureId: number): Promise<{ id: number } | undefined> =>
      (await this.client.productPictures.getByProductId(productId)).find((m) => m.picture_id === pictureId);
    let highWater: number | undefined;
    if (tag) {
      // Already on the product (e.g. the caller reconciling after OutcomeUnknown): nothing to upload.
      const present = (await this.client.pictures.getByProductId(productId)).find(isThis);
      const mapping = present && (await findMapping(present.id));
      if (present && mapping) return { pictureId: present.id, productPictureId: mapping.id };
      // Pictures get increasing ids: after a lost reply, only those above this can be the one we sent.
      highWater = await this.newestPictureId();
    }
    const pic = await this.runChecked(
      `upload picture ${seoFilename} for product ${productId}`,
      () =>
        this.client.insertPicture({
          bytes: picture.bytes,
          mimeType: picture.mimeType,
          seoFilename,
          altAttribute: picture.alt,
          titleAttribute: picture.title,
        }),
      async () => {
        if (highWater === undefined) {
          throw new NopClientError(NopErrorCode.OutcomeUnknown, {
            method: 'PUT',
            path: '/api-backend/Picture/InsertPicture',
            shopMessage: `upload picture ${seoFilename} for product ${productId}: the reply was lost and the shop's pictures cannot be matched to this upload; check before uploading again`,
          });
        }
        return this.findPictureAbove(highWater, isThis);
      },
    );
    const { value } = await this.createChecked(
      () =>
        this.client.productPictures.create({
          product_id: productId,
          picture_id: pic.id,
          display_order: picture.displayOrder ?? 1,
        }),
      () => findMapping(pic.id),
      `map picture ${pic.id} to product ${productId}`,
    );
    return { pictureId: pic.id, productPictureId: value.id };
  }

  async attachPicture(
    pictureId: number,
    target: PictureTarget,
    displayOrder = 1,
  ): Promise<PictureAttachment | undefined> {
    if ('productId' in target) {
      const productId = target.productId;
      const find = async (): Promise<{ id: number } | undefined> =>
        (await this.client.productPictures.getByProductId(productId)).find((m) => m.picture_id === pictureId);
      const mapping = await this.findOrCreate(
        find,
        () =>
          this.client.productPictures.create({
            product_id: productId,
            picture_id: pictureId,
            display_order: displayOrder,
          }),
        `map picture ${pictureId} to product ${productId}`,
      );
      return { productId, productPictureId: mapping.id };
    }
    const combinationId = target.combinationId;
    if (hasCombinationPictures(await this.client.getApiVersion())) {
      const find = async (): Promise<{ id: number } | undefined> =>
        (await this.client.combinationPictures.getAll(combinationId)).find((m) => m.picture_id === pictureId);
      const row = await this.findOrCreate(
        find,
        () =>
          this.client.combinationPictures.create({
            product_attribute_combination_id: combinationId,
            picture_id: pictureId,
          }),
        `map picture ${pictureId} to combination ${combinationId}`,
      );
      return { combinationId, combinationPictureId: row.id };
    }
    const combo = await this.client.combinations.getById(combinationId);
    if (!combo) return undefined;
    if (combo.picture_id !== pictureId) await this.client.combinations.update({ ...combo, picture_id: pictureId });
    return { combinationId };
  }

  async removePicture(pictureId: number, productPictureIds: readonly number[]): Promise<void> {
    for (const id of productPictureIds) await this.client.productPictures.delete(id).catch(() => undefined);
    await this.client.pictures.delete(pictureId).catch(() => undefined);
  }

  /** Highest picture id in the shop (0 if none); undefined when the shop has no `Picture/GetPictures`. */
  private async newestPictureId(): Promise<number | undefined> {
    try {
      return (await this.client.pictures.getPictures(0, 1)).items?.[0]?.id ?? 0;
    } catch (e) {
      if (e instanceof NopClientError && e.code === NopErrorCode.NotFound) return undefined;
      throw e;
    }
  }

  /** Walks pictures newest first down to `aboveId`, mapped or not, for one that matches. */
  private async findPictureAbove(
    aboveId: number,
    match: (p: PictureDto) => boolean,
  ): Promise<WithId<PictureDto> | undefined> {
    for (let pageIndex = 0; ; pageIndex++) {
      const page = await this.client.pictures.getPictures(pageIndex, PICTURE_SCAN_PAGE);
      const items = page.items ?? [];
      for (const p of items) {
        if (p.id <= aboveId) return undefined;
        if (match(p)) return p;
      }
      if (items.length < PICTURE_SCAN_PAGE || page.has_next_page === false) return undefined;
    }
  }

  // ---------- orders ----------

  async *searchPaidOrders(filter: OrderFilter = {}): AsyncGenerator<ShopOrder> {
    for await (const o of this.searchOrders(filter))
      yield this.hydrateOrder(await this.orderDetails(o), filter.resolveSkus ?? true);
  }

  /** Orders by creation time and status, each once, as rows (a caller reads the details only of those it needs). */
  async *searchOrders(filter: OrderFilter = {}): AsyncGenerator<WithId<OrderDto>> {
    const seen = new Set<number>();
    const it = this.client.orders.search(
      {
        createdFromUtc: filter.createdFromUtc,
        createdToUtc: filter.createdToUtc,
        storeId: filter.storeId,
        orderStatusIds: filter.orderStatusIds ?? [OrderStatus.Processing],
        paymentStatusIds: filter.paymentStatusIds ?? [PaymentStatus.Paid],
      },
      filter.pageSize ?? DEFAULT_PAGE_SIZE,
    );
    for await (const o of it) {
      // Newest-first offset paging shifts while orders arrive: drop repeats.
      if (seen.has(o.id)) continue;
      seen.add(o.id);
      yield o;
    }
  }

  /** The order's items, addresses and customer. */
  async orderDetails(order: WithId<OrderDto>): Promise<ShopOrderDetails> {
    const items = await this.client.orderItems.getOrderItems(order.id);
    const billingAddress = order.billing_address_id
      ? await this.client.addresses.getById(order.billing_address_id)
      : undefined;
    const shippingAddress = order.shipping_address_id
      ? await this.client.addresses.getById(order.shipping_address_id)
      : undefined;
    const customer = order.customer_id ? await this.client.customers.getById(order.customer_id) : undefined;
    return { order, items, billingAddress, shippingAddress, customer };
  }

  async getOrder(orderId: number, resolveSkus = true): Promise<ShopOrder | undefined> {
    const o = await this.client.orders.getById(orderId);
    return o ? this.hydrateOrder(await this.orderDetails(o), resolveSkus) : undefined;
  }

  async shipAndCapture(orderId: number, req: ShipmentRequest): Promise<ShipResult> {
    const op = this.client.orderProcessing;
    const order = await this.requireOrder(orderId);
    const findShipment = async (): Promise<WithId<ShipmentDto> | undefined> =>
      (await this.client.shipments.getByOrderId(orderId)).find((s) => s.tracking_number === req.trackingNumber);
    const recorded = req.shipmentId !== undefined ? await this.client.shipments.getById(req.shipmentId) : undefined;
    let shipment = recorded && recorded.order_id === orderId ? recorded : await findShipment();
    if (!shipment) {
      const created = await this.createChecked(
        () =>
          this.client.shipments.create({
            order_id: orderId,
            tracking_number: req.trackingNumber,
            total_weight: req.totalWeight ? decimalToWire(req.totalWeight) : null,
            created_on_utc: nowIso(),
            shipped_date_utc: null,
            delivery_date_utc: null,
          }),
        findShipment,
        `create shipment for order ${orderId}`,
      );
      shipment = created.value;
    }
    const shipmentId = shipment.id;
    const present = await this.client.shipmentItems.getByShipmentId(shipmentId);
    let wanted = req.items;
    if (!wanted) {
      wanted = [];
      if (present.length === 0) {
        for (const item of await this.client.orderItems.getOrderItems(orderId)) {
          const qty = await this.client.orderItems.getTotalNumberOfItemsCanBeAddedToShipment(item.id);
          if (qty > 0) wanted.push({ orderItemId: item.id, quantity: qty });
        }
      }
    }
    for (const w of wanted) {
      const find = async (): Promise<{ id: number } | undefined> =>
        (await this.client.shipmentItems.getByShipmentId(shipmentId)).find(
          (si) => si.order_item_id === w.orderItemId,
        ) as { id: number } | undefined;
      if (present.some((si) => si.order_item_id === w.orderItemId)) continue;
      await this.createChecked(
        () =>
          this.client.shipmentItems.create({
            shipment_id: shipmentId,
            order_item_id: w.orderItemId,
            quantity: w.quantity,
            warehouse_id: 0,
          }),
        find,
      );
    }
    // Ship is a GET that writes; a second Ship is a 500 in nop, so re-read before any repeat.
    let shipped = !!shipment.shipped_date_utc;
    if (!shipped) {
      await this.actChecked(
        () => op.ship(shipmentId, req.notifyCustomer ?? true),
        async () => !!(await this.client.shipments.getById(shipmentId))?.shipped_date_utc,
        `ship shipment ${shipmentId}`,
      );
      shipped = true;
    }
    let delivered = !!shipment.delivery_date_utc;
    if (req.deliver && !delivered) {
      await this.markDelivered(shipmentId, req.notifyCustomer ?? false);
      delivered = true;
    }
    let captured = false;
    if ((req.capture ?? true) && order.payment_status_id === PaymentStatus.Authorized) {
      captured = await this.captureChecked(orderId);
    }
    const after = await this.requireOrder(orderId);
    return {
      shipmentId,
      shipped,
      delivered,
      captured,
      paymentStatusId: after.payment_status_id ?? 0,
      shippingStatusId: after.shipping_status_id ?? 0,
    };
  }

  async markDelivered(shipmentId: number, notifyCustomer = false): Promise<void> {
    const s = await this.client.shipments.getById(shipmentId);
    if (!s) throw new NopClientError(NopErrorCode.NotFound, { shopMessage: `shipment ${shipmentId} not found` });
    if (s.delivery_date_utc) return;
    await this.actChecked(
      () => this.client.orderProcessing.deliver(shipmentId, notifyCustomer),
      async () => !!(await this.client.shipments.getById(shipmentId))?.delivery_date_utc,
      `deliver shipment ${shipmentId}`,
    );
  }

  async setTrackingNumber(shipmentId: number, trackingNumber: string | undefined): Promise<boolean> {
    const shipment = await this.client.shipments.getById(shipmentId);
    if (!shipment) return false;
    if (trackingNumber && shipment.tracking_number !== trackingNumber)
      await this.client.shipments.update({ ...shipment, tracking_number: trackingNumber });
    return true;
  }

  async addOrderNote(orderId: number, note: string, displayToCustomer: boolean): Promise<void> {
    const find = async (): Promise<{ id: number } | undefined> =>
      (await this.client.orderNotes.getByOrderId(orderId)).find((n) => n.note === note);
    if (await find()) return;
    await this.createChecked(
      () =>
        this.client.orderNotes.create({
          order_id: orderId,
          note,
          display_to_customer: displayToCustomer,
          created_on_utc: nowIso(),
        }),
      find,
      `add a note to order ${orderId}`,
    );
  }

  async refund(orderId: number, req: RefundRequest = {}): Promise<RefundResult> {
    const op = this.client.orderProcessing;
    const before = await this.requireOrder(orderId);
    const refundedBefore = decimalFromWire(before.refunded_amount);
    const total = decimalFromWire(before.order_total);
    // nop's full refund only works while nothing is refunded yet; the rest after a partial refund is a partial one.
    const full = req.amount === undefined && refundedBefore.isZero();
    const amount = req.amount ?? total.minus(refundedBefore);
    if (amount.lte(0))
      throw new NopClientError(NopErrorCode.InvalidArgument, { shopMessage: `nothing to refund on order ${orderId}` });
    const allowed = full
      ? await (req.online ? op.canRefund(orderId) : op.canRefundOffline(orderId))
      : await op.canPartiallyRefundOffline(orderId, decimalToWire(amount));
    if (!allowed) {
      throw new NopClientError(NopErrorCode.OperationRejected, {
        shopMessage: `order ${orderId} cannot be refunded (${full ? 'full' : amount.toString()})`,
      });
    }
    const target = refundedBefore.plus(amount);
    await this.actChecked(
      async () => {
        if (full && req.online) {
          const errors = await op.refund(orderId);
          if (errors.length)
            throw new NopClientError(NopErrorCode.OperationRejected, { shopMessage: errors.join('; '), errors });
        } else if (full) {
          await op.refundOffline(orderId);
        } else if (req.online) {
          const errors = await this.client.http.send<unknown>({
            method: 'GET',
            path: `/api-backend/OrderProcessing/PartiallyRefund/${orderId}`,
            query: { amountToRefund: decimalToWire(amount) },
            idempotent: false,
          });
          if (Array.isArray(errors) && errors.length)
            throw new NopClientError(NopErrorCode.OperationRejected, {
              shopMessage: errors.join('; '),
              errors: errors.map(String),
            });
        } else {
          await op.partiallyRefundOffline(orderId, decimalToWire(amount));
        }
      },
      // Applied once refunded_amount reached the target: never refund twice after a lost reply.
      async () => decimalFromWire((await this.requireOrder(orderId)).refunded_amount).gte(target),
      `refund ${amount.toString()} on order ${orderId}`,
    );
    const after = await this.requireOrder(orderId);
    return {
      orderId,
      refundedAmount: decimalFromWire(after.refunded_amount),
      paymentStatusId: after.payment_status_id ?? 0,
    };
  }

  // ---------- customers ----------

  async findCustomerByEmail(email: string): Promise<ShopCustomer | undefined> {
    const c = await this.client.customers.getByEmail(email);
    return c && !c.deleted ? this.toShopCustomer(c) : undefined;
  }

  async upsertCustomer(input: CustomerInput): Promise<UpsertResult> {
    const existing = await this.client.customers.getByEmail(input.email);
    const fields: Partial<CustomerDto> = {};
    if (input.firstName !== undefined) fields.first_name = input.firstName;
    if (input.lastName !== undefined) fields.last_name = input.lastName;
    if (input.company !== undefined) fields.company = input.company;
    if (input.phone !== undefined) fields.phone = input.phone;
    if (existing && !existing.deleted) {
      if (Object.keys(fields).length) await this.client.customers.update({ ...existing, ...fields });
      return { id: existing.id, created: false };
    }
    const storeId = input.storeId ?? this.opts.storeId ?? 1;
    const guid = randomUUID();
    const now = nowIso();
    // Registration rejects an email already on the row, so the email is set by RegisterCustomer when a password is given.
    const { value } = await this.createChecked(
      () =>
        this.client.customers.create({
          customer_guid: guid,
          active: true,
          deleted: false,
          created_on_utc: now,
          last_activity_date_utc: now,
          registered_in_store_id: storeId,
          email: input.password ? null : input.email,
          username: input.password ? null : input.email,
          ...fields,
        }),
      () => this.client.customers.getByGuid(guid),
      `create customer ${input.email}`,
    );
    if (input.password) {
      const password = input.password;
      await this.actChecked(
        async () => {
          const r = await this.client.customerRegistration.registerCustomer(storeId, value.id, {
            email: input.email,
            password,
          });
          if (!r.success)
            throw new NopClientError(NopErrorCode.OperationRejected, {
              shopMessage: r.errors.join('; '),
              errors: r.errors,
            });
        },
        async () => (await this.client.customers.getByEmail(input.email))?.id === value.id,
        `register customer ${value.id}`,
      );
    } else {
      const role = await this.client.customerRoles.getBySystemName('Registered');
      if (!role)
        throw new NopClientError(NopErrorCode.NotFound, { shopMessage: 'customer role "Registered" not found' });
      await this.actChecked(
        () => this.client.customerRoles.addCustomerRoleMapping({ customer_id: value.id, customer_role_id: role.id }),
        async () => (await this.client.customerRoles.getCustomerRoleIds(value.id)).includes(role.id),
        `add customer ${value.id} to Registered`,
      );
    }
    return { id: value.id, created: true };
  }

  async probe(): Promise<void> {
    await this.client.http.sendOptional({
      method: 'GET',
      path: '/api-backend/Category/GetById/1',
      idempotent: false,
      probe: true,
    });
  }

  close(): Promise<void> {
    return this.client.close();
  }

  // ---------- internals ----------

  /**
   * Best effort: a missing slug only costs the SEO URL, so neither a shop without the route nor a failed call may
   * fail the create (the row exists; only a create saves a slug, so it is not tried again).
   */
  private async saveSlug(entity: 'Product' | 'Category' | 'Manufacturer', id: number, slug: string): Promise<void> {
    if (this.opts.saveSlugs === false || !slug) return;
    try {
      await this.client.urlRecords.saveSlug(entity, id, slug);
    } catch (e) {
      if (!(e instanceof NopClientError)) throw e;
      logAt(this.opts.logger, 'warn', { entity, id, code: e.code, status: e.status }, 'nop slug not saved');
    }
  }

  /**
   * A create that is retried only after checking the first attempt did not land (e.g. look the SKU up).
   * `created` is true when this call made the row (also when a lost reply's row was found on retry).
   */
  /** The row `find` sees, else one created (checked, so a lost reply does not make two). */
  private async findOrCreate<T extends { id: number }>(
    find: () => Promise<T | undefined>,
    create: () => Promise<T>,
    what: string,
  ): Promise<T> {
    return (await find()) ?? (await this.createChecked(create, find, what)).value;
  }

  private async createChecked<T extends { id: number }>(
    create: () => Promise<T>,
    find: () => Promise<T | undefined>,
    what = 'create',
  ): Promise<{ value: T; created: boolean }> {
    const value = await this.runChecked(what, create, find);
    return { value, created: true };
  }

  /** A state-changing call retried only while `applied()` says it has not taken effect. */
  private async actChecked(
    act: () => Promise<unknown>,
    applied: () => Promise<boolean>,
    what = 'action',
  ): Promise<void> {
    await this.runChecked<unknown>(what, act, async () => ((await applied()) ? true : undefined));
  }

  /**
   * Runs a non-idempotent call under the transport's back-off. Before any repeat after a failure that may have
   * reached the shop, `check` re-reads the shop: a value means the earlier attempt took effect. When retries run
   * out while such a failure is still unconfirmed, the outcome is unknown: `NopErrorCode.OutcomeUnknown`, so the
   * caller reconciles instead of trying again blindly.
   */
  private async runChecked<T>(what: string, act: () => Promise<T>, check: () => Promise<T | undefined>): Promise<T> {
    // The act's last failure not yet ruled out by a check.
    let failed: NopClientError | undefined;
    try {
      return await this.client.http.executeChecked(async () => {
        if (failed) {
          const found = await check();
          if (found !== undefined) return found;
          failed = undefined; // the shop did not act: trying again is safe
        }
        try {
          return await act();
        } catch (e) {
          if (e instanceof NopClientError) failed = e;
          throw e;
        }
      });
    } catch (e) {
      const gaveUp =
        e instanceof NopClientError &&
        (e.transient || e.code === NopErrorCode.CircuitOpen || e.code === NopErrorCode.BulkheadFull);
      if (gaveUp && mayHaveActed(failed)) {
        throw new NopClientError(NopErrorCode.OutcomeUnknown, {
          status: failed.status,
          method: failed.method,
          path: failed.path,
          shopMessage: `${what}: ${failed.code}${failed.shopMessage ? ` (${failed.shopMessage})` : ''}; the shop may have acted, check before trying again`,
          cause: e,
        });
      }
      throw e;
    }
  }

  private async captureChecked(orderId: number): Promise<boolean> {
    const op = this.client.orderProcessing;
    if (!(await op.canCapture(orderId))) return false;
    let captured = false;
    await this.actChecked(
      async () => {
        const errors = await op.capture(orderId);
        if (errors.length)
          throw new NopClientError(NopErrorCode.OperationRejected, { shopMessage: errors.join('; '), errors });
        captured = true;
      },
      async () => {
        const s = (await this.requireOrder(orderId)).payment_status_id;
        captured = s === PaymentStatus.Paid || s === PaymentStatus.PartiallyRefunded || s === PaymentStatus.Refunded;
        return captured;
      },
      `capture order ${orderId}`,
    );
    return captured;
  }

  private async setOfferDiscount(productId: number, offer: OfferPriceInput): Promise<OfferPriceResult> {
    const product = await this.client.products.getById(productId);
    if (!product) throw new NopClientError(NopErrorCode.NotFound, { shopMessage: `product ${productId} not found` });
    const off = decimalFromWire(product.price).minus(offer.price);
    if (off.lte(0))
      throw new NopClientError(NopErrorCode.InvalidArgument, {
        shopMessage: 'an offer discount must be below the regular price',
      });
    const name = `${this.offerDiscountPrefix(productId)}${offer.startUtc.toISOString()}`;
    const find = async (): Promise<WithId<{ id?: number }> | undefined> =>
      (await this.client.discounts.getAll({ discountName: name })).find((d) => d.name === name);
    const existing = await find();
    const body = {
      name,
      discount_type_id: DiscountTypeId.AssignedToSkus,
      use_percentage: false,
      discount_percentage: 0,
      discount_amount: decimalToWire(off),
      start_date_utc: offer.startUtc.toISOString(),
      end_date_utc: offer.endUtc.toISOString(),
      requires_coupon_code: false,
      is_cumulative: false,
      discount_limitation_id: 0,
      limitation_times: 1,
      applied_to_sub_categories: false,
      is_active: true,
    };
    let id: number;
    let created = false;
    if (existing) {
      id = existing.id;
      await this.client.discounts.update({ ...existing, ...body, id });
    } else {
      id = (await this.createChecked(() => this.client.discounts.create(body), find)).value.id;
      created = true;
    }
    const applied = await this.client.productDiscounts.getAllAppliedToProduct(productId);
    if (!applied.some((d) => d.id === id)) {
      await this.createChecked(
        () => this.client.productDiscounts.create({ discount_id: id, entity_id: productId }),
        async () =>
          (await this.client.productDiscounts.getAllAppliedToProduct(productId)).some((d) => d.id === id)
            ? { id }
            : undefined,
      );
    }
    await this.client.products.updateHasDiscountsApplied(productId);
    return { strategy: 'discount', id, created };
  }

  private offerDiscountPrefix(productId: number): string {
    return `pcknop-offer:${productId}:`;
  }

  private async syncMappings(
    targets: number[],
    list: () => Promise<Array<{ id: number; target: number }>>,
    create: (target: number, index: number) => Promise<{ id: number }>,
    remove: (id: number) => Promise<void>,
  ): Promise<void> {
    const wanted = [...new Set(targets)];
    const current = await list();
    for (const m of current) if (!wanted.includes(m.target)) await remove(m.id);
    for (const [i, t] of wanted.entries()) {
      if (current.some((m) => m.target === t)) continue;
      await this.createChecked(
        () => create(t, i),
        async () => (await list()).find((m) => m.target === t),
      );
    }
  }

  private async ensureMapping(
    productId: number,
    attributeName: string,
    control: AttributeControlType,
    displayOrder: number,
  ): Promise<number> {
    const attr = await this.ensureAttribute(attributeName);
    const find = async (): Promise<{ id: number } | undefined> =>
      (await this.client.attributeMappings.getAllByProductId(productId)).find(
        (m) => m.product_attribute_id === attr,
      ) as { id: number } | undefined;
    const existing = await find();
    if (existing) return existing.id;
    const { value } = await this.createChecked(
      () =>
        this.client.attributeMappings.create({
          product_id: productId,
          product_attribute_id: attr,
          attribute_control_type_id: control,
          is_required: true,
          display_order: displayOrder,
        }),
      find,
    );
    return value.id;
  }

  private async ensureAttribute(name: string): Promise<number> {
    const find = async (): Promise<{ id: number } | undefined> =>
      (await collect(this.client.productAttributes.all(500))).find((a) => a.name?.toLowerCase() === name.toLowerCase());
    const existing = await find();
    if (existing) return existing.id;
    return (await this.createChecked(() => this.client.productAttributes.create({ name }), find)).value.id;
  }

  private async ensureValue(
    mappingId: number,
    name: string,
    rgb: string | undefined,
    displayOrder: number,
  ): Promise<number> {
    const find = async (): Promise<{ id: number } | undefined> =>
      (await this.client.attributeValues.getAll(mappingId)).find((v) => v.name === name);
    const existing = await find();
    if (existing) return existing.id;
    const { value } = await this.createChecked(
      () =>
        this.client.attributeValues.create({
          product_attribute_mapping_id: mappingId,
          attribute_value_type_id: 0,
          name,
          color_squares_rgb: rgb ?? null,
          display_order: displayOrder,
        }),
      find,
    );
    return value.id;
  }

  private templateId?: Promise<number>;
  private defaultProductTemplateId(): Promise<number> {
    this.templateId ??= this.client.productTemplates
      .getAll()
      .then((ts) => ts.find((t) => /simple/i.test(t.name ?? ''))?.id ?? ts[0]?.id ?? 1)
      .catch(() => 1);
    return this.templateId;
  }

  /** Merge domain fields into a full row, keeping every field the domain model does not own. */
  private mergeProduct<T extends ProductDto>(row: T, input: ProductInput): T {
    const out: T = {
      ...row,
      sku: input.sku,
      name: input.name,
      price: decimalToWire(input.price),
      updated_on_utc: nowIso(),
    };
    if (input.oldPrice !== undefined) out.old_price = input.oldPrice === null ? 0 : decimalToWire(input.oldPrice);
    if (input.cost !== undefined) out.product_cost = decimalToWire(input.cost);
    if (input.shortDescription !== undefined) out.short_description = input.shortDescription;
    if (input.fullDescription !== undefined) out.full_description = input.fullDescription;
    if (input.published !== undefined) out.published = input.published;
    if (input.gtin !== undefined) out.gtin = input.gtin;
    if (input.manufacturerPartNumber !== undefined) out.manufacturer_part_number = input.manufacturerPartNumber;
    if (input.weight !== undefined) out.weight = decimalToWire(input.weight);
    if (input.taxCategoryId !== undefined) out.tax_category_id = input.taxCategoryId;
    if (input.stockTracking !== undefined) out.manage_inventory_method_id = methodOf(input.stockTracking);
    if (input.stockQuantity !== undefined) out.stock_quantity = quantityToWire(input.stockQuantity);
    return input.extra ? { ...out, ...input.extra } : out;
  }

  private async requireProduct(sku: string): Promise<WithId<ProductDto>> {
    const p = await this.client.products.getBySku(sku);
    if (!p) throw new NopClientError(NopErrorCode.NotFound, { shopMessage: `product sku=${sku} not found` });
    return p;
  }

  private async requireOrder(orderId: number): Promise<WithId<OrderDto>> {
    const o = await this.client.orders.getById(orderId);
    if (!o) throw new NopClientError(NopErrorCode.NotFound, { shopMessage: `order ${orderId} not found` });
    return o;
  }

  private toShopProduct(p: WithId<ProductDto>): ShopProduct {
    return {
      id: p.id,
      sku: p.sku ?? '',
      name: p.name ?? '',
      price: decimalFromWire(p.price),
      oldPrice: decimalFromWire(p.old_price),
      published: p.published ?? false,
      stockQuantity: p.stock_quantity ?? 0,
      stockTracking: trackingOf(p),
      deleted: p.deleted ?? false,
    };
  }

  private toShopCustomer(c: WithId<CustomerDto>): ShopCustomer {
    return {
      id: c.id,
      email: c.email ?? '',
      firstName: c.first_name ?? '',
      lastName: c.last_name ?? '',
      active: c.active ?? false,
      deleted: c.deleted ?? false,
    };
  }

  private async toShopAddress(a: WithId<AddressDto> | undefined): Promise<ShopAddress | undefined> {
    if (!a) return undefined;
    let iso: string | undefined;
    if (a.country_id) {
      if (!this.countryIso.has(a.country_id))
        this.countryIso.set(
          a.country_id,
          (await this.client.countries.getById(a.country_id))?.two_letter_iso_code ?? undefined,
        );
      iso = this.countryIso.get(a.country_id);
    }
    return {
      id: a.id,
      firstName: a.first_name ?? '',
      lastName: a.last_name ?? '',
      email: a.email ?? '',
      company: a.company ?? '',
      address1: a.address1 ?? '',
      address2: a.address2 ?? '',
      zipPostalCode: a.zip_postal_code ?? '',
      city: a.city ?? '',
      countryIso2: iso,
      phone: a.phone_number ?? '',
    };
  }

  private async hydrateOrder(details: ShopOrderDetails, resolveSkus: boolean): Promise<ShopOrder> {
    const { order: o, items, customer } = details;
    return {
      id: o.id,
      orderGuid: o.order_guid ?? '',
      customOrderNumber: o.custom_order_number ?? String(o.id),
      createdOnUtc: parseNopDate(o.created_on_utc),
      paidDateUtc: parseNopDate(o.paid_date_utc),
      orderStatusId: o.order_status_id ?? 0,
      paymentStatusId: o.payment_status_id ?? 0,
      shippingStatusId: o.shipping_status_id ?? 0,
      currencyCode: o.customer_currency_code ?? '',
      total: decimalFromWire(o.order_total),
      subtotalInclTax: decimalFromWire(o.order_subtotal_incl_tax),
      shippingInclTax: decimalFromWire(o.order_shipping_incl_tax),
      tax: decimalFromWire(o.order_tax),
      refundedAmount: decimalFromWire(o.refunded_amount),
      paymentMethod: o.payment_method_system_name ?? '',
      shippingMethod: o.shipping_method ?? '',
      items: await Promise.all(
        items.map(async (i) => ({
          id: i.id,
          productId: i.product_id ?? 0,
          sku:
            resolveSkus && i.product_id
              ? await this.client.products.formatSku(i.product_id, i.attributes_xml ?? '')
              : undefined,
          quantity: i.quantity ?? 0,
          unitPriceInclTax: decimalFromWire(i.unit_price_incl_tax),
          unitPriceExclTax: decimalFromWire(i.unit_price_excl_tax),
          priceInclTax: decimalFromWire(i.price_incl_tax),
          priceExclTax: decimalFromWire(i.price_excl_tax),
          attributesXml: i.attributes_xml ?? '',
          attributeDescription: i.attribute_description ?? '',
        })),
      ),
      billingAddress: await this.toShopAddress(details.billingAddress),
      shippingAddress: await this.toShopAddress(details.shippingAddress),
      customer: customer ? this.toShopCustomer(customer) : undefined,
    };
  }
}

export { Decimal };
