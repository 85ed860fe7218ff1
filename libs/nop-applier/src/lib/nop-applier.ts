import { Decimal } from 'decimal.js';
import {
  KIND_RANK,
  chunk,
  deletionOf,
  rankOf,
  unsupportedKindOutcome,
  type Applier,
  type ApplyContext,
  type RecordOutcome,
  type ShopFault,
  type StagedChange,
} from '@pcknop/batching-engine';
import { twinToNop, type MappingProfile, type NopProductPayload } from '@pcknop/field-mapping';
import {
  NopClientError,
  NopErrorCode,
  slugify,
  type PictureAttachment,
  type PictureTarget,
  type ProductDto,
  type ShopAdapter,
  type TierPriceDto,
  type WithId,
} from '@pcknop/nopcommerce-client';
import type { BindingRecord } from '@pcknop/staging-store';
import {
  TwinDeletionTarget,
  TwinRecordKind,
  type TwinCategory,
  type TwinDeletion,
  type TwinImage,
  type TwinManufacturer,
  type TwinProduct,
  type TwinStockLevel,
} from '@pcknop/twinxml';
import { boundedMap } from './bounded-pool';
import { NopApplierError, NopApplierErrorCode } from './nop-applier.exception';
import { isNotTried, shopFaultOf } from './shop-fault-of';

/** Records applied in parallel within one dependency stage unless told otherwise. */
export const DEFAULT_RECORD_CONCURRENCY = 4;

export interface NopApplierOptions {
  /** The shop's one writer: every read and write of the applier goes through it. */
  adapter: ShopAdapter;
  /** Records applied in parallel within one dependency stage (default DEFAULT_RECORD_CONCURRENCY). */
  concurrency?: number;
}

type Result = Omit<RecordOutcome, 'kind' | 'key'>;

/** Shop rows by twin key (undefined: not in the shop) and the bindings found for them. */
interface CurrentRows {
  rows: Record<string, WithId<ProductDto> | undefined>;
  bound: Map<string, BindingRecord>;
}
/** Ids or SKUs per lookup call (keeps the query string short). */
const LOOKUP_CHUNK = 100;
function pick(known: CurrentRows, wanted: ReadonlyArray<{ key: string }>): CurrentRows {
  const rows: CurrentRows['rows'] = {};
  const bound = new Map<string, BindingRecord>();
  for (const w of wanted) {
    rows[w.key] = known.rows[w.key];
    const b = known.bound.get(w.key);
    if (b) bound.set(w.key, b);
  }
  return { rows, bound };
}

/** How a colour image is attached to one variant (kept in the image binding, so a resend adds nothing). */
type VariantPicture = PictureAttachment;
const targetId = (t: VariantPicture): string =>
  t.productId !== undefined ? `product:${t.productId}` : `combination:${t.combinationId ?? 0}`;

/**
 * The tenant option `removal: 'delete'` of tenants configured before the profile had `articles.publish.removal`
 * (a profile read with field-mapping's resolveTenantProfile carries it already).
 */
function withLegacyRemoval(profile: MappingProfile, options: Readonly<Record<string, unknown>>): MappingProfile {
  if (options.removal !== 'delete' || profile.articles.publish.removal === 'delete') return profile;
  return { ...profile, articles: { ...profile.articles, publish: { ...profile.articles.publish, removal: 'delete' } } };
}

const missing = (what: string): NopApplierError => new NopApplierError(NopApplierErrorCode.DependencyMissing, what);
const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The nopCommerce applier: writes TwinXML records into a shop through nopcommerce-client's ShopAdapter (the one
 * writer: create defaults, checked creates and API version differences are its business), with field-mapping's
 * `twinToNop` deciding every field. Never creates a duplicate: the binding first, then a lookup by SKU (or name
 * within the parent for groups), then a create that is retried only after checking the first attempt did not
 * land. Skips calls whose result the binding already records (same categories, same offer, same image hash).
 */
export class NopApplier implements Applier {
  /** What this applier writes; other kinds (PCK discounts, customers) are acknowledged as skipped. */
  readonly supportedKinds: readonly string[] = [
    TwinRecordKind.Category,
    TwinRecordKind.Manufacturer,
    TwinRecordKind.Product,
    TwinRecordKind.Stock,
    TwinRecordKind.Image,
    TwinRecordKind.Deletion,
    ...Object.values(TwinDeletionTarget),
  ].filter((k, i, all) => all.indexOf(k) === i);
  private readonly adapter: ShopAdapter;
  private readonly concurrency: number;

  constructor(options: NopApplierOptions) {
    this.adapter = options.adapter;
    this.concurrency = options.concurrency ?? DEFAULT_RECORD_CONCURRENCY;
  }

  async apply(ctx: ApplyContext, changes: readonly StagedChange[]): Promise<RecordOutcome[]> {
    // Stages by dependency rank (and category level): a stage starts when the one before it is done.
    const stages = new Map<string, StagedChange[]>();
    for (const c of changes) {
      const rank = deletionOf(c) ? (KIND_RANK.deletion ?? 6) : rankOf(c.kind);
      const level = c.kind === TwinRecordKind.Category && c.record ? (c.record as TwinCategory).level : 0;
      const id = `${String(rank).padStart(2, '0')}:${String(level).padStart(2, '0')}`;
      stages.set(id, [...(stages.get(id) ?? []), c]);
    }
    const out: RecordOutcome[] = [];
    for (const id of [...stages.keys()].sort()) {
      const stage = stages.get(id) ?? [];
      const known = await this.prefetchProducts(ctx, stage);
      const results = await boundedMap(stage, this.concurrency, (c) => this.applyOne(ctx, c, known));
      out.push(...results);
    }
    return out;
  }

  async close(): Promise<void> {
    await this.adapter.close();
  }

  /**
   * The shop rows of every product record in a stage, read together: one binding read, then products by id and by
   * SKU in chunks — a few calls for a whole batch instead of two per article (a full resend is mostly lookups).
   * A failure here is not fatal: each record then looks its rows up itself.
   */
  private async prefetchProducts(ctx: ApplyContext, stage: readonly StagedChange[]): Promise<CurrentRows | undefined> {
    const products = stage
      .filter((c) => c.kind === TwinRecordKind.Product && !c.deleted && c.record)
      .map((c) => c.record as TwinProduct);
    if (products.length < 2) return undefined;
    try {
      return await this.currentRows(
        ctx,
        products.flatMap((p) => this.wantedRows(ctx, p)),
      );
    } catch {
      return undefined;
    }
  }

  private wantedRows(ctx: ApplyContext, p: TwinProduct): Array<{ key: string; sku: string }> {
    const separate = p.variants.length > 0 && ctx.profile.variants.mode === 'separateProducts';
    return [{ key: p.key, sku: p.sku }, ...(separate ? p.variants.map((v) => ({ key: v.key, sku: v.sku })) : [])];
  }

  private async applyOne(ctx: ApplyContext, c: StagedChange, known?: CurrentRows): Promise<RecordOutcome> {
    try {
      // Stopping, or the lease is gone: start nothing (the record goes back untried).
      if (ctx.signal?.aborted) throw ctx.signal.reason;
      ctx.fence?.();
      return { kind: c.kind, key: c.key, ...(await this.dispatch(ctx, c, known)) };
    } catch (error) {
      const retryable =
        error instanceof NopApplierError
          ? error.retryable
          : !(error instanceof NopClientError && error.type === 'usage');
      // The client's code leads the receipt (e.g. OUTCOME_UNKNOWN: a write that may have landed; retried, and the
      // retry checks the shop first).
      const text = error instanceof Error ? error.message : String(error);
      const message = (error instanceof NopClientError ? `${error.code}: ${text}` : text).slice(0, 2000);
      if (isNotTried(error)) return { kind: c.kind, key: c.key, status: 'failed', message, deferred: true };
      const shopFault = shopFaultOf(error);
      // An open circuit sent nothing: the record was not tried and counts no attempt (it is tried again once the
      // circuit lets calls through), while its fault still tells the engine the shop may be down.
      if (error instanceof NopClientError && error.code === NopErrorCode.CircuitOpen) {
        return {
          kind: c.kind,
          key: c.key,
          status: 'failed',
          message,
          deferred: true,
          ...(shopFault ? { shopFault } : {}),
        };
      }
      return { kind: c.kind, key: c.key, status: 'failed', message, retryable, ...(shopFault ? { shopFault } : {}) };
    }
  }

  /**
   * One authenticated read without retries worth waiting for: undefined when the shop answers (a 404 is an
   * answer), else why not. The engine uses it to tell an outage from records the shop fails, and to end a pause.
   */
  async probe(): Promise<ShopFault | undefined> {
    try {
      await this.adapter.probe();
      return undefined;
    } catch (error) {
      return shopFaultOf(error) ?? undefined;
    }
  }

  private async dispatch(ctx: ApplyContext, c: StagedChange, known?: CurrentRows): Promise<Result> {
    const del = deletionOf(c);
    if (del) return this.remove(ctx, del);
    switch (c.kind) {
      case TwinRecordKind.Category:
        return this.category(ctx, c.record as TwinCategory);
      case TwinRecordKind.Manufacturer:
        return this.manufacturer(ctx, c.record as TwinManufacturer);
      case TwinRecordKind.Product:
        return this.product(ctx, c.record as TwinProduct, c.keepCategoryKeys === true, known);
      case TwinRecordKind.Stock:
        return this.stock(ctx, c.record as TwinStockLevel);
      case TwinRecordKind.Image:
        return this.image(ctx, c.key, c.record as TwinImage);
      default: {
        const { status, message } = unsupportedKindOutcome(c, 'the nopCommerce applier');
        return { status, message };
      }
    }
  }

  /**
   * A shop row found by name may be taken over only when no other source key owns it: a web group «Leker» must
   * not become the category of the varegruppe «Leker» (or a second PCK manufacturer of the same name).
   */
  private unowned(ctx: ApplyContext, kind: string): (shopId: number) => Promise<boolean> {
    return async (shopId) => !(await ctx.bindings.boundShopIds?.(kind, [shopId]))?.has(shopId);
  }

  private async binding(ctx: ApplyContext, kind: string, key: string): Promise<BindingRecord | undefined> {
    return (await ctx.bindings.get(kind, [key])).get(key);
  }

  // ---------- groups and manufacturers ----------

  private async category(ctx: ApplyContext, c: TwinCategory): Promise<Result> {
    const [payload] = twinToNop(ctx.profile, { categories: [c] }, { now: ctx.now }).categories;
    if (!payload) return { status: 'skipped', message: 'group sync is off' };
    const bound = await this.binding(ctx, 'category', c.key);
    const existing = bound ? await this.adapter.getCategory(bound.shopId) : undefined;
    let parentId = existing?.parent_category_id ?? 0;
    if (payload.parentKey) {
      const parent = await this.binding(ctx, 'category', payload.parentKey);
      if (!parent) throw missing(`parent category ${payload.parentKey}`);
      parentId = parent.shopId;
    }
    const row = payload.category;
    let id: number;
    if (existing && !existing.deleted) {
      await this.adapter.updateCategory({
        ...existing,
        name: row.name,
        description: row.description,
        published: row.published,
        parent_category_id: parentId,
        updated_on_utc: ctx.now.toISOString(),
      });
      id = existing.id;
    } else {
      id = (
        await this.adapter.upsertCategory({
          name: row.name ?? c.name,
          parentId,
          description: row.description ?? undefined,
          published: row.published,
          displayOrder: row.display_order,
          canReuse: this.unowned(ctx, 'category'),
          createWith: row,
        })
      ).id;
    }
    await ctx.bindings.save([{ kind: 'category', pckKey: c.key, shopId: id, sku: null, extra: {} }]);
    return { status: 'ok', shopId: id };
  }

  private async manufacturer(ctx: ApplyContext, m: TwinManufacturer): Promise<Result> {
    const [{ manufacturer: row }] = twinToNop(ctx.profile, { manufacturers: [m] }, { now: ctx.now }).manufacturers;
    const bound = await this.binding(ctx, 'manufacturer', m.key);
    const existing = bound ? await this.adapter.getManufacturer(bound.shopId) : undefined;
    let id: number;
    if (existing && !existing.deleted) {
      await this.adapter.updateManufacturer({
        ...existing,
        name: row.name,
        description: row.description,
        published: row.published,
        updated_on_utc: ctx.now.toISOString(),
      });
      id = existing.id;
    } else {
      id = (
        await this.adapter.upsertManufacturer({
          name: row.name ?? m.name,
          description: row.description ?? undefined,
          published: row.published,
          canReuse: this.unowned(ctx, 'manufacturer'),
          createWith: row,
        })
      ).id;
    }
    await ctx.bindings.save([{ kind: 'manufacturer', pckKey: m.key, shopId: id, sku: null, extra: {} }]);
    return { status: 'ok', shopId: id };
  }

  // ---------- products and variants ----------

  /** The shop's current rows for these keys: binding first, then SKU (chunked calls for all of them). */
  private async currentRows(ctx: ApplyContext, wanted: Array<{ key: string; sku: string }>): Promise<CurrentRows> {
    const bound = await ctx.bindings.get(
      'product',
      wanted.map((w) => w.key),
    );
    const rows: Record<string, WithId<ProductDto> | undefined> = {};
    const ids = [...new Set([...bound.values()].map((b) => b.shopId))];
    const byId = new Map<number, WithId<ProductDto>>();
    for (const part of chunk(ids, LOOKUP_CHUNK))
      for (const p of await this.adapter.getProducts(part)) byId.set(p.id, p);
    for (const w of wanted) {
      const b = bound.get(w.key);
      const row = b ? byId.get(b.shopId) : undefined;
      if (row && !row.deleted) rows[w.key] = row;
    }
    const unknown = wanted.filter((w) => !rows[w.key]);
    if (unknown.length > 0) {
      const bySku = new Map<string, WithId<ProductDto>>();
      for (const part of chunk([...new Set(unknown.map((u) => u.sku))], LOOKUP_CHUNK)) {
        for (const p of await this.adapter.getProductsBySkus(part))
          if (!p.deleted && p.sku && !bySku.has(p.sku)) bySku.set(p.sku, p);
      }
      for (const u of unknown) rows[u.key] = bySku.get(u.sku);
    }
    return { rows, bound };
  }

  /** Creates (checked: a retry first looks the SKU up) or updates one product row. */
  private async writeProduct(
    payload: NopProductPayload,
    parentId: number | undefined,
    fence?: () => void,
  ): Promise<number> {
    const row: ProductDto & { id?: number } = { ...payload.product };
    if (parentId !== undefined) row.parent_grouped_product_id = parentId;
    const current = payload.product as WithId<ProductDto>;
    if (!payload.isCreate && current.id) row.id = current.id;
    else delete row.id;
    return (await this.adapter.saveProduct(row, { beforeCreate: fence })).id;
  }

  /** Offer as dated tier prices; only when it differs from what the binding says the shop has. */
  private async syncOffer(
    productId: number,
    tiers: TierPriceDto[] | undefined,
    known: unknown,
    isCreate: boolean,
  ): Promise<unknown> {
    if (tiers === undefined) return known;
    if (sameJson(tiers, known) || (isCreate && tiers.length === 0)) return tiers;
    await this.adapter.replaceOfferTierPrices(productId, tiers);
    return tiers;
  }

  private async linkIds(ctx: ApplyContext, kind: 'category' | 'manufacturer', keys: string[]): Promise<number[]> {
    const found = await ctx.bindings.get(kind, keys);
    return keys.map((k) => {
      const b = found.get(k);
      if (!b) throw missing(`${kind} ${k}`);
      return b.shopId;
    });
  }

  private async product(
    ctx: ApplyContext,
    p: TwinProduct,
    keepCategories = false,
    known?: CurrentRows,
  ): Promise<Result> {
    const profile = ctx.profile;
    const wanted = this.wantedRows(ctx, p);
    // Prefetched with the stage when possible; a row the prefetch did not cover is looked up here.
    const { rows, bound } =
      known && wanted.every((w) => w.key in known.rows) ? pick(known, wanted) : await this.currentRows(ctx, wanted);
    const payloads = twinToNop(profile, { products: [p] }, { now: ctx.now, current: rows }).products;
    const main = payloads.find((x) => x.key === p.key);
    if (!main) throw new NopApplierError(NopApplierErrorCode.Unsupported, `no payload for ${p.key}`, false);
    // Links first (so a missing group fails before anything is written).
    // keepCategoryKeys: PCK sent no group, so the product's category mappings stay as the shop has them.
    const categoryIds =
      main.categoryKeys && !keepCategories ? await this.linkIds(ctx, 'category', main.categoryKeys) : undefined;
    const manufacturerIds = main.manufacturerKeys
      ? await this.linkIds(ctx, 'manufacturer', main.manufacturerKeys)
      : undefined;

    const mainBinding = bound.get(p.key);
    const extra: Record<string, unknown> = { ...(mainBinding?.extra ?? {}) };
    if (main.isCreate) {
      delete extra.categoryIds;
      delete extra.manufacturerIds;
      delete extra.offer;
    }
    const id = await this.writeProduct(main, undefined, ctx.fence);
    await ctx.bindings.save([{ kind: 'product', pckKey: p.key, shopId: id, sku: p.sku, extra }]);

    if (categoryIds && !(main.isCreate && categoryIds.length === 0) && !sameJson(categoryIds, extra.categoryIds)) {
      await this.adapter.setProductCategories(id, categoryIds);
      extra.categoryIds = categoryIds;
    }
    if (
      manufacturerIds &&
      !(main.isCreate && manufacturerIds.length === 0) &&
      !sameJson(manufacturerIds, extra.manufacturerIds)
    ) {
      await this.adapter.setProductManufacturers(id, manufacturerIds);
      extra.manufacturerIds = manufacturerIds;
    }
    extra.offer = await this.syncOffer(id, main.tierPrices, extra.offer, main.isCreate);
    // Which variants have which colour: colour images are attached to the variants of their colour.
    const colours: Record<string, string[]> = {};
    for (const v of p.variants) if (v.colour) (colours[v.colour.code] ??= []).push(v.key);
    if (p.variants.length > 0) extra.colours = colours;
    else delete extra.colours;
    const saves: BindingRecord[] = [{ kind: 'product', pckKey: p.key, shopId: id, sku: p.sku, extra }];

    if (main.combinations && main.combinations.length > 0) {
      const results = await this.adapter.upsertVariants(
        id,
        main.combinations.map((c) => ({
          sku: c.combination.sku ?? c.key,
          colour: c.colour?.name ?? '-',
          size: c.size?.name ?? '-',
          gtin: c.combination.gtin ?? undefined,
          stockQuantity: c.combination.stock_quantity ?? 0,
          price:
            c.combination.overridden_price === null || c.combination.overridden_price === undefined
              ? null
              : new Decimal(c.combination.overridden_price),
        })),
      );
      main.combinations.forEach((c, i) =>
        saves.push({
          kind: 'variant',
          pckKey: c.key,
          shopId: results[i].combinationId,
          sku: results[i].sku,
          extra: { combination: true, productId: id },
        }),
      );
    }
    for (const child of payloads.filter((x) => x !== main)) {
      const childBinding = bound.get(child.key);
      const childExtra: Record<string, unknown> = child.isCreate ? {} : { ...(childBinding?.extra ?? {}) };
      const childId = await this.writeProduct(child, id, ctx.fence);
      childExtra.offer = await this.syncOffer(childId, child.tierPrices, childExtra.offer, child.isCreate);
      saves.push({
        kind: 'product',
        pckKey: child.key,
        shopId: childId,
        sku: child.product.sku ?? null,
        extra: { ...childExtra, parentKey: p.key },
      });
    }
    await ctx.bindings.save(saves);
    return { status: 'ok', shopId: id };
  }

  // ---------- stock ----------

  private async stock(ctx: ApplyContext, s: TwinStockLevel): Promise<Result> {
    const key = s.variantKey ?? s.productKey;
    // The profile may give the shop the stock: then twinToNop has no payload, and nothing is written.
    const [decided] = twinToNop(ctx.profile, { stockLevels: [s] }, { now: ctx.now }).stock;
    if (!decided) return { status: 'skipped', message: `stock of ${key} is owned by the shop` };
    const asProduct = await this.binding(ctx, 'product', key);
    if (asProduct) {
      const row = await this.adapter.getProduct(asProduct.shopId);
      if (!row || row.deleted) throw missing(`product ${key} (id ${asProduct.shopId})`);
      // With the shop row in `current`, hideWhenOutOfStock decides `published` (false at 0, true when restocked).
      const [payload] = twinToNop(ctx.profile, { stockLevels: [s] }, { now: ctx.now, current: { [key]: row } }).stock;
      const published = payload?.published;
      const stockChanged = row.stock_quantity !== decided.stockQuantity;
      const publishChanged = published !== undefined && row.published !== published;
      if (stockChanged || publishChanged) {
        await this.adapter.saveProduct({
          ...row,
          stock_quantity: decided.stockQuantity,
          ...(published !== undefined ? { published } : {}),
          updated_on_utc: ctx.now.toISOString(),
        });
      }
      return { status: 'ok', shopId: row.id };
    }
    const asVariant = await this.binding(ctx, 'variant', key);
    if (!asVariant) throw missing(`${key}`);
    const combo = await this.adapter.getCombination(asVariant.shopId);
    if (!combo) throw missing(`combination ${key} (id ${asVariant.shopId})`);
    if (combo.stock_quantity !== decided.stockQuantity)
      await this.adapter.updateCombination({ ...combo, stock_quantity: decided.stockQuantity });
    return { status: 'ok', shopId: combo.id };
  }

  // ---------- images ----------

  private async image(ctx: ApplyContext, key: string, i: TwinImage): Promise<Result> {
    if (!ctx.profile.images.enabled) return { status: 'skipped', message: 'image sync is off' };
    const owner = await this.binding(ctx, 'product', i.ownerKey);
    if (!owner) throw missing(`product ${i.ownerKey}`);
    const [payload] = twinToNop(
      ctx.profile,
      { images: [i] },
      { now: ctx.now, current: { [i.ownerKey]: { id: owner.shopId } as ProductDto } },
    ).images;
    if (!payload) return { status: 'skipped', message: 'images are owned by the shop' };
    const targets =
      payload.attachToVariants && payload.colour !== undefined
        ? await this.colourTargets(ctx, owner, payload.colour)
        : [];
    const bound = await this.binding(ctx, 'image', key);
    const attached = new Set(
      Array.isArray(bound?.extra.variants) ? (bound.extra.variants as VariantPicture[]).map(targetId) : [],
    );
    // Keyed by content hash: the same bytes are never uploaded twice (a full resend uploads nothing).
    if (
      bound &&
      !bound.extra.removed &&
      bound.extra.contentHash === i.contentHash &&
      bound.extra.productId === owner.shopId
    ) {
      const missingTargets = targets.filter((t) => !attached.has(targetId(t)));
      if (missingTargets.length === 0)
        return { status: 'ok', shopId: bound.shopId, message: 'unchanged (same content hash)' };
      // A variant of this colour arrived after the picture: attach it there too.
      const added = await this.attachToVariants(bound.shopId, missingTargets);
      await ctx.bindings.save([
        {
          ...bound,
          extra: {
            ...bound.extra,
            variants: [...((bound.extra.variants as VariantPicture[] | undefined) ?? []), ...added],
          },
        },
      ]);
      return {
        status: 'ok',
        shopId: bound.shopId,
        message: `attached to ${added.length} more variant(s) of colour ${payload.colour ?? ''}`,
      };
    }
    if (!i.data) return { status: 'skipped', message: 'image by reference (uri) is not uploaded' };
    ctx.fence?.();
    const pic = await this.adapter.uploadPicture(owner.shopId, {
      bytes: i.data,
      mimeType: i.mimeType,
      seoFilename: slugify(`${owner.sku ?? i.ownerKey}-${i.colour ?? ''}-${i.position}`),
      displayOrder: payload.displayOrder,
      alt: i.altText,
    });
    const variants = await this.attachToVariants(pic.pictureId, targets, payload.displayOrder);
    await ctx.bindings.save([
      {
        kind: 'image',
        pckKey: key,
        shopId: pic.pictureId,
        sku: null,
        extra: {
          contentHash: i.contentHash,
          productId: owner.shopId,
          productPictureId: pic.productPictureId,
          ...(variants.length > 0 ? { variants } : {}),
        },
      },
    ]);
    if (bound && !bound.extra.removed) await this.dropPicture(bound);
    return {
      status: 'ok',
      shopId: pic.pictureId,
      ...(variants.length > 0
        ? { message: `attached to ${variants.length} variant(s) of colour ${payload.colour ?? ''}` }
        : {}),
    };
  }

  /**
   * Where a colour image goes besides the product: the child products of that colour (separateProducts) or its
   * combinations (attributeCombinations), from the colour → variant keys the product binding records.
   */
  private async colourTargets(ctx: ApplyContext, owner: BindingRecord, colour: string): Promise<PictureTarget[]> {
    const colours = (owner.extra.colours ?? {}) as Record<string, string[] | undefined>;
    const keys = colours[colour] ?? [];
    if (keys.length === 0) return [];
    const out: PictureTarget[] = [];
    const asProducts = await ctx.bindings.get('product', keys);
    const asCombinations = await ctx.bindings.get(
      'variant',
      keys.filter((k) => !asProducts.has(k)),
    );
    for (const k of keys) {
      const child = asProducts.get(k);
      if (child) out.push({ productId: child.shopId });
      const combo = asCombinations.get(k);
      if (combo) out.push({ combinationId: combo.shopId });
    }
    return out;
  }

  /** Maps an uploaded picture to variant products, or to combinations. */
  private async attachToVariants(
    pictureId: number,
    targets: readonly PictureTarget[],
    displayOrder = 1,
  ): Promise<VariantPicture[]> {
    const out: VariantPicture[] = [];
    for (const t of targets) {
      const attached = await this.adapter.attachPicture(pictureId, t, displayOrder);
      if (attached) out.push(attached);
    }
    return out;
  }

  private async dropPicture(b: BindingRecord): Promise<void> {
    const variantMappings = ((b.extra.variants as VariantPicture[] | undefined) ?? []).flatMap((v) =>
      v.productPictureId ? [v.productPictureId] : [],
    );
    const mapping = Number(b.extra.productPictureId);
    await this.adapter.removePicture(b.shopId, [...variantMappings, ...(mapping ? [mapping] : [])]);
  }

  // ---------- removals ----------

  private async remove(ctx: ApplyContext, d: TwinDeletion): Promise<Result> {
    const [payload] = twinToNop(
      withLegacyRemoval(ctx.profile, ctx.options),
      { deletions: [d] },
      { now: ctx.now },
    ).deletions;
    const hard = payload?.action === 'delete';
    switch (d.target) {
      case TwinDeletionTarget.Product:
      case TwinDeletionTarget.Variant: {
        const asProduct = await this.binding(ctx, 'product', d.key);
        if (asProduct) {
          const row = await this.adapter.getProduct(asProduct.shopId);
          if (!row || row.deleted) return { status: 'ok', shopId: asProduct.shopId, message: 'already gone' };
          // Unpublished, not deleted: old orders keep resolving the product.
          if (hard) await this.adapter.deleteProduct(row.id);
          else if (row.published)
            await this.adapter.saveProduct({ ...row, published: false, updated_on_utc: ctx.now.toISOString() });
          return { status: 'ok', shopId: row.id };
        }
        const asVariant = await this.binding(ctx, 'variant', d.key);
        if (!asVariant) return { status: 'skipped', message: `${d.key} was never in the shop` };
        const combo = await this.adapter.getCombination(asVariant.shopId);
        if (!combo) return { status: 'ok', message: 'already gone' };
        // A combination cannot be unpublished: out of stock, or deleted when the tenant says so.
        if (hard) await this.adapter.deleteCombination(combo.id);
        else await this.adapter.updateCombination({ ...combo, stock_quantity: 0 });
        return { status: 'ok', shopId: combo.id };
      }
      case TwinDeletionTarget.Image: {
        const bound = await this.binding(ctx, 'image', d.key);
        if (!bound || bound.extra.removed) return { status: 'skipped', message: 'image was never in the shop' };
        await this.dropPicture(bound);
        await ctx.bindings.save([{ ...bound, extra: { ...bound.extra, removed: true } }]);
        return { status: 'ok', shopId: bound.shopId };
      }
      case TwinDeletionTarget.Category: {
        if (ctx.profile.groups.source === 'off') return { status: 'skipped', message: 'group sync is off' };
        const bound = await this.binding(ctx, 'category', d.key);
        const row = bound ? await this.adapter.getCategory(bound.shopId) : undefined;
        if (!row) return { status: 'skipped', message: `${d.key} was never in the shop` };
        await this.adapter.updateCategory({ ...row, published: false, updated_on_utc: ctx.now.toISOString() });
        return { status: 'ok', shopId: row.id };
      }
      case TwinDeletionTarget.Manufacturer: {
        const bound = await this.binding(ctx, 'manufacturer', d.key);
        const row = bound ? await this.adapter.getManufacturer(bound.shopId) : undefined;
        if (!row) return { status: 'skipped', message: `${d.key} was never in the shop` };
        await this.adapter.updateManufacturer({ ...row, published: false, updated_on_utc: ctx.now.toISOString() });
        return { status: 'ok', shopId: row.id };
      }
      default: {
        const never: never = d.target;
        return { status: 'failed', retryable: false, message: `unknown deletion target ${String(never)}` };
      }
    }
  }
}
