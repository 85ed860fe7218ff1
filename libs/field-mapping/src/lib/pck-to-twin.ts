import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type {
  Article,
  ArticleGroup,
  Manufacturer,
  SendArticleGroupRequest,
  SendArticleRequest,
  SendImageColorRequest,
  SendImageRequest,
  SendManufacturerRequest,
  RemoveArticleRequest,
  SizeColor,
  UpdateStock,
  UpdateStockCountRequest,
  Size,
  Color,
  ProductLine,
} from '@pcknop/pck-contract';
import {
  TwinAvailability,
  TwinDeletionTarget,
  TwinImageOwner,
  TwinRecordKind,
  recordKey,
  type TwinCategory,
  type TwinDocument,
  type TwinImage,
  type TwinManufacturer,
  type TwinProduct,
  type TwinStockLevel,
  type TwinVariant,
} from '@pcknop/twinxml';
import { FieldMappingError, FieldMappingErrorCode } from './field-mapping.exception';
import { roundOre } from './money';
import { offerFromPck } from './offer-window';
import { composeText, fillTemplate, pickGtins, plainTextToHtml } from './pck-text';
import {
  PRODUCT_RULE_FIELDS,
  VARIANT_RULE_FIELDS,
  type MappingProfile,
  type PckArticleStatusName,
  type ProductRuleField,
  type VariantRuleField,
} from './profile/mapping-profile';
import {
  coerceRuleResult,
  compileRule,
  deterministicBindings,
  toRuleInput,
  type CompiledRule,
} from './rules/rule-engine';
import { shownStock } from './shown-stock';
import { TOTAL_WAREHOUSE, articleGroupKey, manufacturerKey, productKey, variantKey, webGroupKey } from './source-keys';
import { isVatRateMapped } from './vat-mapping';
import { assertValidTwin, fitKey, fitMeasure, fitMoney, fitName } from './twin-schema-fit';

/** PCK catalogue calls, as parsed by pck-contract, without the credentials. */
export type PckCatalogueCall =
  | ({ operation: 'sendArticle' } & Pick<SendArticleRequest, 'article'>)
  | ({ operation: 'sendArticleGroup' } & Pick<SendArticleGroupRequest, 'articleGroup'>)
  | ({ operation: 'sendManufacturer' } & Pick<SendManufacturerRequest, 'manufacturer'>)
  | ({ operation: 'updateStockCount' } & Pick<UpdateStockCountRequest, 'updateStock'>)
  | ({ operation: 'sendImage' } & Pick<SendImageRequest, 'image' | 'articleid'>)
  | ({ operation: 'sendImageColor' } & Pick<SendImageColorRequest, 'image' | 'articleid' | 'colorid' | 'imageid'>)
  | ({ operation: 'removeArticle' | 'removeAricle' } & Pick<RemoveArticleRequest, 'articleid'>)
  | { operation: 'sendSize'; size: Size }
  | { operation: 'sendColor'; color: Color }
  | { operation: 'sendProductLine'; productLine: ProductLine };

export interface PckToTwinContext {
  /** When the gateway received the call: stock `asOf`, deletion `deletedAt`, and the rules' `$now()`. */
  receivedAt: Date;
  /** The article's webstockLimit, for updateStockCount (which does not carry it): take it from the staged product. */
  webstockLimit?: number;
}

/** TwinXML records produced by one PCK call (sections as in a TwinDocument), plus warnings for the preview/log. */
export interface TwinRecords extends Pick<
  TwinDocument,
  'categories' | 'manufacturers' | 'products' | 'stockLevels' | 'images' | 'deletions'
> {
  warnings: string[];
}

export function emptyTwinRecords(): TwinRecords {
  return { categories: [], manufacturers: [], products: [], stockLevels: [], images: [], deletions: [], warnings: [] };
}

const STATUS_NAMES: Record<number, PckArticleStatusName> = { 1: 'passive', 2: 'expired', 3: 'blocked' };

/**
 * Maps one PCK catalogue call to TwinXML records. Pure (no I/O, no clock: time comes from `context`); it returns a
 * Promise only because custom JSONata rules evaluate asynchronously. Throws FieldMappingError for an unmapped VAT
 * rate, a missing VAT rate, or a failing rule — errors meant for PCK's `humanErrorMessage`.
 */
export async function pckToTwin(
  profile: MappingProfile,
  call: PckCatalogueCall,
  context: PckToTwinContext,
): Promise<TwinRecords> {
  const out = await mapCall(profile, call, context);
  // sendArticleGroup below level 1 cannot say its parent (see mapGroupCall), which TwinXML requires; the gateway
  // keeps the parent learnt from articles. Every other call must give records a TwinXML batch can carry.
  if (call.operation !== 'sendArticleGroup') assertValidTwin(out, context.receivedAt, describeCall(call));
  return out;
}

function describeCall(call: PckCatalogueCall): string {
  switch (call.operation) {
    case 'sendArticle':
      return `article ${call.article.articleId}${call.article.articleNo ? ` (${call.article.articleNo})` : ''}`;
    case 'sendManufacturer':
      return `manufacturer ${call.manufacturer.manufacturerId}`;
    case 'updateStockCount':
      return `stock of article ${call.updateStock.articleId}`;
    case 'sendImage':
    case 'sendImageColor':
      return `image of article ${call.articleid}`;
    default:
      return call.operation;
  }
}

async function mapCall(
  profile: MappingProfile,
  call: PckCatalogueCall,
  context: PckToTwinContext,
): Promise<TwinRecords> {
  const out = emptyTwinRecords();
  switch (call.operation) {
    case 'sendArticle':
      await mapArticle(profile, call.article, context, out);
      return out;
    case 'sendArticleGroup':
      mapGroupCall(profile, call.articleGroup, out);
      return out;
    case 'sendManufacturer': {
      const m = mapManufacturer(profile, call.manufacturer, out.warnings);
      if (m) out.manufacturers.push(m);
      return out;
    }
    case 'updateStockCount':
      out.stockLevels.push(mapStock(profile, call.updateStock, context));
      return out;
    case 'sendImage':
      mapImage(profile, call.articleid, undefined, 0, call.image, context, out);
      return out;
    case 'sendImageColor':
      mapImage(profile, call.articleid, call.colorid, call.imageid, call.image, context, out);
      return out;
    case 'removeArticle':
    case 'removeAricle':
      out.deletions.push({
        target: TwinDeletionTarget.Product,
        key: productKey(call.articleid),
        deletedAt: context.receivedAt,
        reason: 'removed in PCK',
      });
      return out;
    case 'sendSize':
    case 'sendColor':
    case 'sendProductLine':
      // Names of sizes and colours travel inside every article's sizeColors; nothing to stage on their own.
      out.warnings.push(
        `${call.operation}: no TwinXML record (sizes, colours and product lines arrive with the article)`,
      );
      return out;
    default: {
      const never: never = call;
      throw new Error(`unknown PCK call ${JSON.stringify(never)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Articles

async function mapArticle(profile: MappingProfile, a: Article, ctx: PckToTwinContext, out: TwinRecords): Promise<void> {
  const cfg = profile.articles;
  const key = productKey(a.articleId);
  if (a.vat === undefined) {
    // vat is optional in the contract, but guessing it would put a wrong tax (and net price) in the shop: refuse,
    // naming the article, so PCK shows the shop owner what to fix.
    const which = `varen ${a.articleNo?.trim() ? `${a.articleNo.trim()} ` : ''}(artikkel-id ${a.articleId})`;
    throw new FieldMappingError(FieldMappingErrorCode.MISSING_VALUE, {
      path: `article ${a.articleId}: vat`,
      detail: `${which} har ingen MVA-sats i PCK; sett MVA-sats på varen i PCKasse og send den på nytt`,
    });
  }
  if (!isVatRateMapped(profile, a.vat)) {
    throw new FieldMappingError(FieldMappingErrorCode.UNMAPPED_VAT_RATE, {
      value: a.vat.toString(),
      path: `article ${a.articleId} (${a.articleNo ?? ''})`,
    });
  }

  const articleNo = (a.articleNo ?? '').trim();
  let baseSku = cfg.sku.source === 'articleNo' ? articleNo : String(a.articleId);
  if (!baseSku) {
    baseSku = String(a.articleId);
    out.warnings.push(`article ${a.articleId}: no articleNo, SKU falls back to the article id`);
  }
  const sku = fitKey(cfg.sku.prefix + baseSku, `article ${a.articleId}: sku`);

  let name = composeText(a, cfg.text.name);
  if (!name) {
    name = articleNo || `Artikkel ${a.articleId}`;
    out.warnings.push(`article ${a.articleId}: no name text, using "${name}"`);
  }
  const shortText = composeText(a, cfg.text.shortDescription);
  const longText = composeText(a, cfg.text.fullDescription);

  const price = a[cfg.price.source] ?? new Decimal(0);
  if (a[cfg.price.source] === undefined) out.warnings.push(`article ${a.articleId}: no ${cfg.price.source}, price 0`);
  let cost = cfg.price.productCost === 'none' ? undefined : a[cfg.price.productCost];
  if (cost?.isNegative()) {
    out.warnings.push(`article ${a.articleId}: negative ${cfg.price.productCost} ${cost.toString()} not sent`);
    cost = undefined;
  }

  const status = STATUS_NAMES[a.articleStatus ?? 0];
  const published =
    (!cfg.publish.requireVisibleOnWeb || a.visibleOnWeb === true) &&
    !(status && cfg.publish.unpublishStatuses.includes(status));

  const useVariants = a.sizeColorInUse === true && a.sizeColors.length > 0;
  const product: TwinProduct = {
    key,
    sku,
    gtins: pickGtins(a.eans, cfg.gtin.pick),
    name,
    vatRate: a.vat,
    price: roundOre(price),
    published,
    hideWhenOutOfStock: cfg.publish.honourHideWhenOutOfStock && a.hideWhenOutOfStock === true,
    categoryKeys: categoryKeysOf(profile, a, out),
    manufacturerKeys: [],
    variants: [],
  };
  if (shortText) product.shortDescription = shortText;
  if (longText) product.longDescription = cfg.text.fullDescription.html ? plainTextToHtml(longText) : longText;
  if (cost !== undefined) product.cost = fitMoney(cost);
  if (cfg.offer.enabled) {
    const offer = offerFromPck(
      { price: a.discount, fromMs: a.discountFrom, toMs: a.discountTo },
      profile.timeZone,
      cfg.offer.inclusiveToDate,
    );
    if (offer) product.offer = { ...offer, price: roundOre(offer.price) };
  }
  const unit = a.unitPricingUnitCode?.replace(/\p{Cc}/gu, ' ').trim();
  if (cfg.unitPricing.enabled && unit && a.unitPricingQuantity?.gt(0)) {
    const u = fitKey(unit, `article ${a.articleId}: unitPricingUnitCode`);
    product.unitPricing = {
      unit: u,
      amount: fitMeasure(a.unitPricingQuantity),
      baseUnit: u,
      baseAmount: new Decimal(1),
    };
  }
  if (cfg.measures.weight && a.weight?.gt(0)) product.weight = fitMeasure(a.weight.mul(cfg.measures.weightFactor));
  if (cfg.measures.dimensions && [a.length, a.width, a.height].some((d) => d?.gt(0))) {
    const f = new Decimal(cfg.measures.dimensionFactor);
    product.dimensions = {
      length: fitMeasure((a.length ?? new Decimal(0)).mul(f)),
      width: fitMeasure((a.width ?? new Decimal(0)).mul(f)),
      height: fitMeasure((a.height ?? new Decimal(0)).mul(f)),
    };
  }
  if (cfg.manufacturer.enabled && a.manufacturer && a.manufacturer.manufacturerId > 0) {
    product.manufacturerKeys = [manufacturerKey(a.manufacturer.manufacturerId)];
    const m = mapManufacturer(profile, a.manufacturer, out.warnings);
    if (m && a.manufacturer.name) out.manufacturers.push(m);
  }
  if (!useVariants) product.stock = shownStock(a.stockCount, a.webstockLimit, cfg.stock.subtractWebstockLimit);
  if (useVariants) product.variants = a.sizeColors.map((sc) => mapVariant(profile, a, sku, sc));

  await applyProductRules(profile, a, product, ctx);
  await applyVariantRules(profile, a, product, ctx);
  fitProduct(a, product, name, out.warnings);
  out.products.push(product);
}

/**
 * Brings what the defaults and the rules made within TwinXML's limits: over-long names are cut (with a warning),
 * keys cleaned (an impossible one is an error naming it), GTINs a rule made up that are not GTINs dropped.
 */
function fitProduct(a: Article, p: TwinProduct, defaultName: string, warnings: string[]): void {
  const at = `article ${a.articleId}`;
  p.sku = fitKey(p.sku, `${at}: sku`);
  if (!p.name.trim()) {
    warnings.push(`${at}: the name rule gave no text, using "${defaultName}"`);
    p.name = defaultName;
  }
  p.name = fitName(p.name, `${at}: name`, warnings);
  p.gtins = keepGtins(p.gtins, at, warnings);
  for (const v of p.variants) {
    v.sku = fitKey(v.sku, `${at}: variant ${v.key} sku`);
    v.gtins = keepGtins(v.gtins, `${at}: variant ${v.key}`, warnings);
    if (v.colour) v.colour.name = fitName(v.colour.name, `${at}: colour ${v.colour.code}`, warnings);
    if (v.size) v.size.name = fitName(v.size.name, `${at}: size ${v.size.code}`, warnings);
  }
}

const GTIN = /^(?:\d{8}|\d{12,14})$/;

function keepGtins(gtins: string[], at: string, warnings: string[]): string[] {
  const bad = gtins.filter((g) => !GTIN.test(g));
  if (bad.length > 0) warnings.push(`${at}: not a GTIN (8, 12, 13 or 14 digits), not sent: ${bad.join(', ')}`);
  return bad.length > 0 ? gtins.filter((g) => GTIN.test(g)) : gtins;
}

function mapVariant(profile: MappingProfile, a: Article, articleSku: string, sc: SizeColor): TwinVariant {
  const stock = shownStock(sc.stockCount, a.webstockLimit, profile.articles.stock.subtractWebstockLimit);
  const discontinued = sc.sizeColorInUse === false;
  const v: TwinVariant = {
    key: variantKey(a.articleId, sc.sizeColorId),
    sku: fillTemplate(profile.variants.skuTemplate, {
      sku: articleSku,
      articleId: a.articleId,
      sizeColorId: sc.sizeColorId,
      sizeId: sc.size?.sizeId,
      colorId: sc.color?.colorId,
      size: sc.size?.name,
      color: sc.color?.name,
    }),
    gtins: pickGtins(sc.eans, profile.articles.gtin.pick),
    stock,
    availability: stock.gt(0)
      ? TwinAvailability.InStock
      : a.nonStockItem
        ? TwinAvailability.Backorder
        : TwinAvailability.OutOfStock,
    discontinued,
  };
  // `||`: an empty name is no name (TwinXML names are at least one character).
  if (sc.color)
    v.colour = { code: String(sc.color.colorId), name: sc.color.name || sc.color.code || String(sc.color.colorId) };
  if (sc.size) v.size = { code: String(sc.size.sizeId), name: sc.size.name || String(sc.size.sizeId) };
  return v;
}

function categoryKeysOf(profile: MappingProfile, a: Article, out: TwinRecords): string[] {
  switch (profile.groups.source) {
    case 'off':
      return [];
    case 'articleGroups':
      return a.externalGroupId && a.externalGroupId > 0 ? [articleGroupKey(a.externalGroupId)] : [];
    case 'webGroups': {
      // The article carries its whole web-group path: that is where the tree (parent links) is learnt.
      const chain: string[] = [];
      const levels: (ArticleGroup | undefined)[] = [a.articleGroup, a.articleGroup2, a.articleGroup3];
      for (let i = 0; i < levels.length; i++) {
        const g = levels[i];
        if (!g || g.arcileGroupId <= 0) break;
        const level = i + 1;
        const key = webGroupKey(level, g.arcileGroupId);
        if (g.name) {
          const cat: TwinCategory = {
            key,
            level,
            name: fitName(g.name, `web group ${key}: name`, out.warnings),
            sortOrder: 0,
            published: true,
          };
          if (chain.length > 0) cat.parentKey = chain[chain.length - 1];
          if (g.description) cat.description = g.description;
          out.categories.push(cat);
        }
        chain.push(key);
      }
      if (chain.length === 0) return [];
      return profile.groups.link === 'allLevels' ? chain : [chain[chain.length - 1]];
    }
    default: {
      const never: never = profile.groups.source;
      throw new Error(`unknown group source ${String(never)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Rules

const compiledRules = new WeakMap<MappingProfile, Map<string, CompiledRule>>();

/** Rules are compiled once per (frozen) profile object. */
function rulesOf(profile: MappingProfile): Map<string, CompiledRule> {
  let rules = compiledRules.get(profile);
  if (!rules) {
    rules = new Map();
    for (const [field, expr] of Object.entries(profile.rules.product)) {
      rules.set(
        `product.${field}`,
        compileRule(`product.${field}`, expr as string, PRODUCT_RULE_FIELDS[field as ProductRuleField]),
      );
    }
    for (const [field, expr] of Object.entries(profile.rules.variant)) {
      rules.set(
        `variant.${field}`,
        compileRule(`variant.${field}`, expr as string, VARIANT_RULE_FIELDS[field as VariantRuleField]),
      );
    }
    compiledRules.set(profile, rules);
  }
  return rules;
}

function productDefault(p: TwinProduct, field: ProductRuleField): unknown {
  switch (field) {
    case 'sku':
      return p.sku;
    case 'name':
      return p.name;
    case 'shortDescription':
      return p.shortDescription;
    case 'fullDescription':
      return p.longDescription;
    case 'published':
      return p.published;
    case 'price':
      return p.price;
    case 'offerPrice':
      return p.offer?.price;
    case 'gtin':
      return p.gtins[0];
    case 'weight':
      return p.weight;
    case 'length':
    case 'width':
    case 'height':
      return p.dimensions?.[field];
    case 'stockQuantity':
      return p.stock;
    default: {
      const never: never = field;
      return never;
    }
  }
}

function setProductField(p: TwinProduct, field: ProductRuleField, v: string | boolean | Decimal | number | null): void {
  const dec = (x: typeof v): Decimal | undefined => (x === null ? undefined : (x as Decimal));
  switch (field) {
    case 'sku':
      p.sku = String(v ?? '');
      return;
    case 'name':
      p.name = String(v ?? '');
      return;
    case 'shortDescription':
      if (v === null || v === '') delete p.shortDescription;
      else p.shortDescription = String(v);
      return;
    case 'fullDescription':
      if (v === null || v === '') delete p.longDescription;
      else p.longDescription = String(v);
      return;
    case 'published':
      p.published = v === true;
      return;
    case 'price':
      p.price = roundOre(dec(v) ?? new Decimal(0));
      return;
    case 'offerPrice': {
      const price = dec(v);
      if (!price || price.lte(0)) delete p.offer;
      else p.offer = { ...(p.offer ?? {}), price: roundOre(price) };
      return;
    }
    case 'gtin': {
      const g = v === null ? '' : String(v).trim();
      p.gtins = g ? [g, ...p.gtins.filter((x) => x !== g)] : [];
      return;
    }
    case 'weight': {
      const w = dec(v);
      if (w) p.weight = w;
      else delete p.weight;
      return;
    }
    case 'length':
    case 'width':
    case 'height': {
      const d = dec(v) ?? new Decimal(0);
      p.dimensions = {
        length: new Decimal(0),
        width: new Decimal(0),
        height: new Decimal(0),
        ...(p.dimensions ?? {}),
        [field]: d,
      };
      return;
    }
    case 'stockQuantity':
      p.stock = new Decimal(v === null ? 0 : (v as number));
      return;
    default: {
      const never: never = field;
      throw new Error(`unknown rule field ${String(never)}`);
    }
  }
}

async function applyProductRules(
  profile: MappingProfile,
  a: Article,
  p: TwinProduct,
  ctx: PckToTwinContext,
): Promise<void> {
  const rules = rulesOf(profile);
  if (Object.keys(profile.rules.product).length === 0) return;
  const input = toRuleInput(a);
  const base = deterministicBindings(ctx.receivedAt);
  // Fields in a fixed order, so a rule reads the same `$product` whatever order the profile JSON had.
  for (const field of Object.keys(PRODUCT_RULE_FIELDS) as ProductRuleField[]) {
    const rule = rules.get(`product.${field}`);
    if (!rule) continue;
    const result = await rule.evaluate(
      input,
      { ...base, default: toRuleInput(productDefault(p, field)) },
      profile.rules,
    );
    const value = coerceRuleResult(rule, result);
    if (value !== undefined) setProductField(p, field, value);
  }
}

async function applyVariantRules(
  profile: MappingProfile,
  a: Article,
  p: TwinProduct,
  ctx: PckToTwinContext,
): Promise<void> {
  const rules = rulesOf(profile);
  if (Object.keys(profile.rules.variant).length === 0 || p.variants.length === 0) return;
  const article = toRuleInput(a);
  const base = deterministicBindings(ctx.receivedAt);
  for (const v of p.variants) {
    const sc = a.sizeColors.find((s) => variantKey(a.articleId, s.sizeColorId) === v.key);
    const input = toRuleInput(sc);
    for (const field of Object.keys(VARIANT_RULE_FIELDS) as VariantRuleField[]) {
      const rule = rules.get(`variant.${field}`);
      if (!rule) continue;
      const current =
        field === 'sku' ? v.sku : field === 'gtin' ? v.gtins[0] : field === 'discontinued' ? v.discontinued : v.stock;
      const result = await rule.evaluate(input, { ...base, article, default: toRuleInput(current) }, profile.rules);
      const value = coerceRuleResult(rule, result);
      if (value === undefined) continue;
      if (field === 'sku') v.sku = String(value ?? '');
      else if (field === 'gtin')
        v.gtins = value === null || value === '' ? [] : [String(value), ...v.gtins.filter((g) => g !== String(value))];
      else if (field === 'discontinued') v.discontinued = value === true;
      else v.stock = new Decimal(value === null ? 0 : (value as number));
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Groups, manufacturers, stock, images

function mapGroupCall(profile: MappingProfile, g: ArticleGroup, out: TwinRecords): void {
  if (profile.groups.source === 'off' || g.arcileGroupId <= 0) return;
  const name = fitName(g.name?.trim() || `Gruppe ${g.arcileGroupId}`, `group ${g.arcileGroupId}: name`, out.warnings);
  const level = profile.groups.source === 'webGroups' ? (g.groupNumber ?? 1) : 1;
  const key =
    profile.groups.source === 'webGroups' ? webGroupKey(level, g.arcileGroupId) : articleGroupKey(g.arcileGroupId);
  const cat: TwinCategory = { key, level, name, sortOrder: 0, published: true };
  if (g.description) cat.description = g.description;
  if (level > 1) {
    // sendArticleGroup does not say under which level-(n−1) group this one sits; articles do (see categoryKeysOf).
    out.warnings.push(`${key}: parent unknown from sendArticleGroup; keep the parent learnt from articles`);
  }
  out.categories.push(cat);
}

function mapManufacturer(profile: MappingProfile, m: Manufacturer, warnings: string[]): TwinManufacturer | undefined {
  if (!profile.articles.manufacturer.enabled || m.manufacturerId <= 0) return undefined;
  const name = fitName(
    m.name?.trim() || `Produsent ${m.manufacturerId}`,
    `manufacturer ${m.manufacturerId}: name`,
    warnings,
  );
  return { key: manufacturerKey(m.manufacturerId), name, published: true };
}

function mapStock(profile: MappingProfile, s: UpdateStock, ctx: PckToTwinContext): TwinStockLevel {
  const subtract = profile.articles.stock.subtractWebstockLimit;
  const level: TwinStockLevel = {
    productKey: productKey(s.articleId),
    warehouse: TOTAL_WAREHOUSE,
    onHand: new Decimal(s.count),
    available: shownStock(s.count, ctx.webstockLimit, subtract),
    asOf: ctx.receivedAt,
  };
  if (s.sizeColorId && s.sizeColorId > 0) level.variantKey = variantKey(s.articleId, s.sizeColorId);
  if (subtract && ctx.webstockLimit && ctx.webstockLimit > 0) level.reserved = new Decimal(ctx.webstockLimit);
  return level;
}

/** Magic-byte sniffing: PCK sends bare bytes without a name or type. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const starts = (...sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return 'image/webp';
  return undefined;
}

/**
 * Image positions: the main image is 1; a colour image is `imageid + 1` within its colour; an extra gallery image
 * (colorid 0) is `imageid + 2`, so it never lands on the main image's slot.
 */
function mapImage(
  profile: MappingProfile,
  articleId: number,
  colorId: number | undefined,
  imageId: number,
  image: Uint8Array | undefined,
  ctx: PckToTwinContext,
  out: TwinRecords,
): void {
  if (!profile.images.enabled) return;
  if (articleId === -10) {
    out.warnings.push('company logo (articleid -10) is not synchronised');
    return;
  }
  const colour = colorId && colorId > 0 ? String(colorId) : undefined;
  const position = colorId === undefined ? 1 : colour ? imageId + 1 : imageId + 2;
  const identity = { ownerKind: TwinImageOwner.Product, ownerKey: productKey(articleId), colour, position };
  if (!image || image.length === 0) {
    out.deletions.push({
      target: TwinDeletionTarget.Image,
      key: recordKey(TwinRecordKind.Image, { ...identity, contentHash: '', mimeType: '' }),
      parentKey: productKey(articleId),
      deletedAt: ctx.receivedAt,
      reason: 'empty image from PCK',
    });
    return;
  }
  const mimeType = sniffImageType(image);
  if (!mimeType) out.warnings.push(`image for article ${articleId}: unknown format, sent as application/octet-stream`);
  const img: TwinImage = {
    ...identity,
    contentHash: `sha256:${createHash('sha256').update(image).digest('hex')}`,
    mimeType: mimeType ?? 'application/octet-stream',
    data: image,
  };
  if (!colour) delete img.colour;
  out.images.push(img);
}
