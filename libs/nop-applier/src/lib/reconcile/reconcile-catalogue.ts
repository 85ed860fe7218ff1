import { chunk, readStagedRecord } from '@pcknop/batching-engine';
import { twinToNop, type MappingProfile, type NopProductPayload } from '@pcknop/field-mapping';
import {
  DEFAULT_SHOP_CONCURRENCY,
  type NopWebApiClient,
  type ProductAttributeCombinationDto,
  type ProductDto,
  type WithId,
} from '@pcknop/nopcommerce-client';
import type { BindingRecord, Repositories } from '@pcknop/staging-store';
import {
  TwinDeletionTarget,
  TwinRecordKind,
  recordKey,
  type TwinCategory,
  type TwinImage,
  type TwinManufacturer,
  type TwinProduct,
  type TwinStockLevel,
} from '@pcknop/twinxml';
import { Decimal } from 'decimal.js';
import { boundedMap } from '../bounded-pool';
import type { DuplicatePictures, DuplicateProducts, ReconcileDifference } from './reconcile-report';
import { sameValue, utcMs } from './same-value';

type StagedRow = Awaited<ReturnType<Repositories['entities']['get']>>[number];

export interface CatalogueReconcileInput {
  tenantId: string;
  /** The tenant's profile as resolveTenantProfile reads it (with the tenant options folded in). */
  profile: MappingProfile;
  repos: Pick<Repositories, 'entities' | 'bindings' | 'batches'>;
  client: NopWebApiClient;
  now: Date;
  /** Parallel shop reads (default 4). */
  concurrency?: number;
}

export interface CatalogueReconcileResult {
  checked: number;
  differences: ReconcileDifference[];
  duplicates: { products: DuplicateProducts[]; pictures: DuplicatePictures[] };
}

/** Shop-managed product fields: never PCK's to decide, or derived by the shop. */
const IGNORED_PRODUCT_FIELDS = new Set([
  'id',
  'created_on_utc',
  'updated_on_utc',
  'has_tier_prices',
  'has_discounts_applied',
  'deleted',
]);
const CATALOGUE_KINDS = [
  TwinRecordKind.Category,
  TwinRecordKind.Manufacturer,
  TwinRecordKind.Product,
  'variant',
  TwinRecordKind.Stock,
  TwinRecordKind.Image,
] as const;
/** How many recent batches are searched for failed records that never got a binding. */
const RECEIPT_BATCHES = 2000;

/**
 * Compares what PCK last sent (the staging store) with the shop, entity by entity. Expected shop values come from
 * field-mapping's `twinToNop` over the staged record and the shop's current row, exactly as the applier computes
 * them, so a field differs only where the shop does not hold what the applier would write now.
 */
export async function reconcileCatalogue(input: CatalogueReconcileInput): Promise<CatalogueReconcileResult> {
  return new CatalogueReconciler(input).run();
}

class CatalogueReconciler {
  private readonly diffs: ReconcileDifference[] = [];
  private readonly bindings = new Map<string, Map<string, BindingRecord>>();
  private readonly staged = new Map<string, Map<string, StagedRow>>();
  private readonly products = new Map<number, WithId<ProductDto>>();
  private readonly picturesByProduct = new Map<number, Array<{ id: number; seo: string }>>();
  private checked = 0;
  private readonly concurrency: number;

  constructor(private readonly input: CatalogueReconcileInput) {
    this.concurrency = input.concurrency ?? DEFAULT_SHOP_CONCURRENCY;
  }

  private diff(kind: string, key: string, field: string, expected: unknown, actual: unknown): void {
    this.diffs.push({ kind, key, field, expected: expected ?? null, actual: actual ?? null });
  }

  private binding(kind: string, key: string): BindingRecord | undefined {
    return this.bindings.get(kind)?.get(key);
  }

  private get client(): NopWebApiClient {
    return this.input.client;
  }

  async run(): Promise<CatalogueReconcileResult> {
    await this.loadStaging();
    await this.loadShopProducts();
    await this.stagingState();
    const stockExpect = this.stockRecords();
    await this.categoriesAndManufacturers();
    const covered = await this.productsAndVariants(stockExpect);
    await this.stockLevels(stockExpect, covered);
    await this.images();
    const duplicates = { products: await this.duplicateProducts(), pictures: this.duplicatePictures() };
    return { checked: this.checked, differences: this.diffs, duplicates };
  }

  // ---------- loading ----------

  private async loadStaging(): Promise<void> {
    const { tenantId, repos } = this.input;
    for (const b of await repos.bindings.list(tenantId)) {
      const m = this.bindings.get(b.kind) ?? new Map<string, BindingRecord>();
      m.set(b.pckKey, b);
      this.bindings.set(b.kind, m);
    }
    // Keys worth reading: everything bound, plus records that failed in a batch (they may never have got a binding).
    const keys = new Map<string, Set<string>>(CATALOGUE_KINDS.map((k) => [k, new Set<string>()]));
    for (const [kind, m] of this.bindings)
      for (const key of m.keys()) keys.get(kind === 'variant' ? 'variant' : kind)?.add(key);
    for (const key of keys.get('variant') ?? []) keys.get(TwinRecordKind.Product)?.add(key);
    for (const batch of await repos.batches.list(tenantId, RECEIPT_BATCHES)) {
      if (batch.status === 'ok' || batch.status === 'done') continue;
      for (const r of await repos.batches.receipts(batch.id)) if (r.status === 'failed') keys.get(r.kind)?.add(r.key);
    }
    await this.readStaged(keys);
    // Stock rows are keyed by the product or variant they count: derive their keys from the staged products.
    const stockKeys = new Set<string>();
    for (const row of this.staged.get(TwinRecordKind.Product)?.values() ?? []) {
      const p = this.product(row);
      if (!p) continue;
      const level = (variantKey?: string): string =>
        recordKey(TwinRecordKind.Stock, {
          productKey: p.key,
          variantKey,
          warehouse: 'total',
          onHand: new Decimal(0),
          asOf: new Date(0),
        });
      stockKeys.add(level());
      for (const v of p.variants) stockKeys.add(level(v.key));
    }
    await this.readStaged(new Map([[TwinRecordKind.Stock, stockKeys]]));
  }

  private async readStaged(keys: Map<string, Set<string>>): Promise<void> {
    for (const [kind, set] of keys) {
      const m = this.staged.get(kind) ?? new Map<string, StagedRow>();
      for (const part of chunk([...set], 500))
        for (const row of await this.input.repos.entities.get(this.input.tenantId, kind, part)) m.set(row.key, row);
      this.staged.set(kind, m);
    }
  }

  private async loadShopProducts(): Promise<void> {
    const ids = [...(this.bindings.get('product')?.values() ?? [])].map((b) => b.shopId);
    const pages = await boundedMap(chunk([...new Set(ids)], 100), this.concurrency, (page) =>
      this.client.products.getByIds(page),
    );
    for (const row of pages.flat()) this.products.set(row.id, row);
  }

  private product(row: StagedRow): TwinProduct | undefined {
    if (row.deleted || !row.record) return undefined;
    try {
      return readStagedRecord(TwinRecordKind.Product, row.record) as TwinProduct;
    } catch (error) {
      this.diff(
        'product',
        row.key,
        'record',
        'readable TwinXML product',
        error instanceof Error ? error.message : String(error),
      );
      return undefined;
    }
  }

  /** A live shop row for a bound product key, or a difference saying why not. */
  private shopProduct(kind: string, key: string): WithId<ProductDto> | undefined {
    const b = this.binding('product', key);
    if (!b) {
      this.diff(kind, key, 'binding', 'in the shop', 'never created');
      return undefined;
    }
    const row = this.products.get(b.shopId);
    if (!row) this.diff(kind, key, 'exists', `product ${b.shopId}`, 'missing');
    else if (row.deleted) this.diff(kind, key, 'exists', `product ${b.shopId}`, 'deleted');
    else return row;
    return undefined;
  }

  // ---------- staging state: dead letters and pending work ----------

  private async stagingState(): Promise<void> {
    let pending = 0;
    let dead = 0;
    for (const [kind, rows] of this.staged) {
      for (const row of rows.values()) {
        if (row.deadLetteredAt) {
          dead++;
          this.diff(kind, row.key, 'deadLetter', 'applied', row.lastError ?? 'dead-lettered');
        } else if (row.dirtyVersion > row.appliedVersion) {
          pending++;
          this.diff(
            kind,
            row.key,
            'pending',
            `version ${row.dirtyVersion} applied`,
            row.lastError
              ? `version ${row.appliedVersion} (last error: ${row.lastError})`
              : `version ${row.appliedVersion}`,
          );
        }
      }
    }
    // Work not itemised above (records never bound and never failed in a batch): counted, not named.
    const [backlog] = await this.input.repos.entities.backlog(this.input.tenantId);
    if (backlog && backlog.pending > pending) this.diff('backlog', '*', 'pending', 0, backlog.pending - pending);
    if (backlog && backlog.deadLettered > dead)
      this.diff('backlog', '*', 'deadLettered', 0, backlog.deadLettered - dead);
  }

  // ---------- stock ----------

  /** The stock each staged stock level asks for, by the product or variant key it goes to. */
  private stockRecords(): Map<
    string,
    { qty: number; published?: boolean; ts: bigint; target: 'product' | 'combination'; stagedKey: string }
  > {
    const out = new Map<
      string,
      { qty: number; published?: boolean; ts: bigint; target: 'product' | 'combination'; stagedKey: string }
    >();
    for (const row of this.staged.get(TwinRecordKind.Stock)?.values() ?? []) {
      if (row.deleted || !row.record) continue;
      const s = readStagedRecord(TwinRecordKind.Stock, row.record) as TwinStockLevel;
      const key = s.variantKey ?? s.productKey;
      const b = this.binding('product', key);
      const current = b ? this.products.get(b.shopId) : undefined;
      const [payload] = twinToNop(
        this.input.profile,
        { stockLevels: [s] },
        { now: this.input.now, current: current ? { [key]: current } : {} },
      ).stock;
      if (payload)
        out.set(payload.key, {
          qty: payload.stockQuantity,
          published: payload.published,
          ts: row.pckTimestamp ?? 0n,
          target: payload.target,
          stagedKey: row.key,
        });
    }
    return out;
  }

  private async stockLevels(
    expect: ReturnType<CatalogueReconciler['stockRecords']>,
    covered: Set<string>,
  ): Promise<void> {
    for (const [key, s] of expect) {
      if (covered.has(key)) continue;
      this.checked++;
      if (s.target === 'product') {
        const row = this.shopProduct('stock', s.stagedKey);
        if (row && !sameValue(s.qty, row.stock_quantity))
          this.diff('stock', s.stagedKey, 'stock_quantity', s.qty, row.stock_quantity);
        if (row && s.published !== undefined && s.published !== row.published)
          this.diff('stock', s.stagedKey, 'published', s.published, row.published);
        continue;
      }
      const b = this.binding('variant', key);
      const combo = b ? await this.client.combinations.getById(b.shopId) : undefined;
      if (!combo) this.diff('stock', s.stagedKey, 'exists', 'combination', b ? 'missing' : 'never created');
      else if (!sameValue(s.qty, combo.stock_quantity))
        this.diff('stock', s.stagedKey, 'stock_quantity', s.qty, combo.stock_quantity);
    }
  }

  // ---------- groups and manufacturers ----------

  private async categoriesAndManufacturers(): Promise<void> {
    const { profile, now } = this.input;
    const cats = [...(this.staged.get(TwinRecordKind.Category)?.values() ?? [])];
    if (profile.groups.source !== 'off' && cats.length > 0) {
      const ids = cats.map((c) => this.binding('category', c.key)?.shopId).filter((x): x is number => x !== undefined);
      const rows = new Map(
        (await boundedMap(chunk(ids, 100), this.concurrency, (p) => this.client.categories.getByIds(p)))
          .flat()
          .map((r) => [r.id, r]),
      );
      for (const row of cats) {
        this.checked++;
        const b = this.binding('category', row.key);
        const shop = b ? rows.get(b.shopId) : undefined;
        if (!shop || shop.deleted) {
          if (!row.deleted) this.diff('category', row.key, 'exists', 'in the shop', b ? 'missing' : 'never created');
          continue;
        }
        if (row.deleted || !row.record) {
          if (shop.published) this.diff('category', row.key, 'published', false, true);
          continue;
        }
        const c = readStagedRecord(TwinRecordKind.Category, row.record) as TwinCategory;
        const [payload] = twinToNop(profile, { categories: [c] }, { now }).categories;
        if (!payload) continue;
        for (const f of ['name', 'description', 'published'] as const) {
          if (!sameValue(payload.category[f], shop[f])) this.diff('category', row.key, f, payload.category[f], shop[f]);
        }
        if (payload.parentKey) {
          const parent = this.binding('category', payload.parentKey);
          if (!parent) this.diff('category', row.key, 'parent', payload.parentKey, 'parent never created');
          else if (parent.shopId !== shop.parent_category_id)
            this.diff('category', row.key, 'parent_category_id', parent.shopId, shop.parent_category_id);
        } else if (!payload.parentUnknown && c.level === 1 && shop.parent_category_id) {
          this.diff('category', row.key, 'parent_category_id', 0, shop.parent_category_id);
        }
      }
    }
    for (const row of this.staged.get(TwinRecordKind.Manufacturer)?.values() ?? []) {
      this.checked++;
      const b = this.binding('manufacturer', row.key);
      const shop = b ? await this.client.manufacturers.getById(b.shopId) : undefined;
      if (!shop || shop.deleted) {
        if (!row.deleted) this.diff('manufacturer', row.key, 'exists', 'in the shop', b ? 'missing' : 'never created');
        continue;
      }
      if (row.deleted || !row.record) {
        if (shop.published) this.diff('manufacturer', row.key, 'published', false, true);
        continue;
      }
      const m = readStagedRecord(TwinRecordKind.Manufacturer, row.record) as TwinManufacturer;
      const [payload] = twinToNop(profile, { manufacturers: [m] }, { now }).manufacturers;
      for (const f of ['name', 'description', 'published'] as const) {
        if (payload && !sameValue(payload.manufacturer[f], shop[f]))
          this.diff('manufacturer', row.key, f, payload.manufacturer[f], shop[f]);
      }
    }
  }

  // ---------- products, variants, prices, offers, links ----------

  /** Returns the stock keys whose newest value was checked here (so the stock pass skips them). */
  private async productsAndVariants(
    stockExpect: ReturnType<CatalogueReconciler['stockRecords']>,
  ): Promise<Set<string>> {
    const covered = new Set<string>();
    const rows = [...(this.staged.get(TwinRecordKind.Product)?.values() ?? [])];
    await boundedMap(rows, this.concurrency, async (row) => {
      if (row.deleted || !row.record) {
        await this.removedProduct('product', row.key);
        return;
      }
      const p = this.product(row);
      if (!p) return;
      this.checked++;
      const main = this.shopProduct('product', p.key);
      if (!main) return;
      const current: Record<string, ProductDto | undefined> = { [p.key]: main };
      for (const v of p.variants) {
        const b = this.binding('product', v.key);
        const r = b ? this.products.get(b.shopId) : undefined;
        if (r && !r.deleted) current[v.key] = r;
      }
      const payloads = twinToNop(this.input.profile, { products: [p] }, { now: this.input.now, current }).products;
      for (const x of payloads) {
        const isMain = x.key === p.key;
        const kind = isMain ? 'product' : 'variant';
        const shop = isMain ? main : this.shopProduct('variant', x.key);
        if (!shop) continue;
        if (!isMain) this.checked++;
        const stock = stockExpect.get(x.key);
        const stockWins = stock !== undefined && stock.ts > (row.pckTimestamp ?? 0n);
        if (stock) covered.add(x.key);
        this.compareProduct(kind, x, shop, stockWins ? stock : undefined);
        if (!isMain && shop.parent_grouped_product_id !== main.id)
          this.diff(kind, x.key, 'parent_grouped_product_id', main.id, shop.parent_grouped_product_id);
        await this.links(kind, x, shop.id);
      }
      const mainPayload = payloads.find((x) => x.key === p.key);
      if (mainPayload?.combinations)
        await this.combinations(p.key, main.id, mainPayload, stockExpect, row.pckTimestamp ?? 0n, covered);
      // Variants PCK removed (tombstones on the variant key) must be unpublished / out of stock.
      for (const v of p.variants) {
        const vRow = this.staged.get('variant')?.get(v.key);
        if (vRow?.deleted) await this.removedProduct('variant', v.key);
      }
    });
    for (const vRow of this.staged.get('variant')?.values() ?? [])
      if (vRow.deleted && !this.staged.get(TwinRecordKind.Product)?.has(vRow.key))
        await this.removedProduct('variant', vRow.key);
    return covered;
  }

  private compareProduct(
    kind: string,
    x: NopProductPayload,
    shop: WithId<ProductDto>,
    newerStock: { qty: number; published?: boolean } | undefined,
  ): void {
    const expected: ProductDto = { ...x.product };
    if (newerStock) {
      expected.stock_quantity = newerStock.qty;
      if (newerStock.published !== undefined) expected.published = newerStock.published;
    }
    for (const [field, value] of Object.entries(expected) as Array<[keyof ProductDto, unknown]>) {
      if (IGNORED_PRODUCT_FIELDS.has(field)) continue;
      const actual = shop[field];
      if (!sameValue(value, actual))
        this.diff(field === 'price' || field === 'old_price' ? 'price' : kind, x.key, field, value, actual);
    }
  }

  private async links(kind: string, x: NopProductPayload, productId: number): Promise<void> {
    if (x.categoryKeys) {
      const expected = x.categoryKeys.map((k) => this.binding('category', k)?.shopId ?? `unbound ${k}`);
      const actual = (await this.client.productCategories.getByProductId(productId)).map((m) => m.category_id);
      if (!sameSet(expected, actual)) this.diff('category', x.key, 'product categories', expected, actual);
    }
    if (x.manufacturerKeys) {
      const expected = x.manufacturerKeys.map((k) => this.binding('manufacturer', k)?.shopId ?? `unbound ${k}`);
      const actual = (await this.client.productManufacturers.getByProductId(productId)).map((m) => m.manufacturer_id);
      if (!sameSet(expected, actual)) this.diff(kind, x.key, 'manufacturers', expected, actual);
    }
    if (x.tierPrices) {
      const offer = (t: {
        quantity?: number;
        price?: number;
        start_date_time_utc?: string | null;
        end_date_time_utc?: string | null;
      }) =>
        `${t.quantity ?? 1}@${new Decimal(t.price ?? 0).toFixed(2)} ${utcMs(t.start_date_time_utc) ?? '-'}..${utcMs(t.end_date_time_utc) ?? '-'}`;
      const expected = x.tierPrices.map(offer).sort();
      const actual = (await this.client.tierPrices.getByProduct(productId)).map(offer).sort();
      if (!sameValue(expected, actual)) this.diff('offer', x.key, 'tier prices', expected, actual);
    }
  }

  private async combinations(
    productKey: string,
    productId: number,
    main: NopProductPayload,
    stockExpect: ReturnType<CatalogueReconciler['stockRecords']>,
    productTs: bigint,
    covered: Set<string>,
  ): Promise<void> {
    const shopCombos = new Map((await this.client.combinations.getAll(productId)).map((c) => [c.id, c]));
    for (const c of main.combinations ?? []) {
      this.checked++;
      const b = this.binding('variant', c.key);
      const shop = b ? shopCombos.get(b.shopId) : undefined;
      if (!shop) {
        this.diff('combination', c.key, 'exists', `combination of ${productKey}`, b ? 'missing' : 'never created');
        continue;
      }
      const expected: ProductAttributeCombinationDto = { ...c.combination };
      const stock = stockExpect.get(c.key);
      if (stock) {
        covered.add(c.key);
        if (stock.ts > productTs) expected.stock_quantity = stock.qty;
      }
      for (const f of ['sku', 'gtin', 'stock_quantity', 'overridden_price'] as const) {
        if (!sameValue(expected[f], shop[f])) this.diff('combination', c.key, f, expected[f], shop[f]);
      }
    }
  }

  /** A product or variant PCK removed, as twinToNop decides: unpublished or deleted; a combination has no stock. */
  private async removedProduct(kind: 'product' | 'variant', key: string): Promise<void> {
    this.checked++;
    const target = kind === 'product' ? TwinDeletionTarget.Product : TwinDeletionTarget.Variant;
    const [removal] = twinToNop(
      this.input.profile,
      { deletions: [{ target, key, deletedAt: this.input.now }] },
      { now: this.input.now },
    ).deletions;
    const hard = removal?.action === 'delete';
    const asProduct = this.binding('product', key);
    if (asProduct) {
      const row = this.products.get(asProduct.shopId);
      if (!row || row.deleted) return;
      if (hard) this.diff(kind, key, 'deleted', true, false);
      else if (row.published) this.diff(kind, key, 'published', false, true);
      return;
    }
    const asVariant = this.binding('variant', key);
    if (!asVariant) return;
    const combo = await this.client.combinations.getById(asVariant.shopId);
    if (combo && hard) this.diff('combination', key, 'exists', 'deleted', `combination ${combo.id}`);
    else if (combo && !sameValue(0, combo.stock_quantity))
      this.diff('combination', key, 'stock_quantity', 0, combo.stock_quantity);
  }

  // ---------- pictures ----------

  private async picturesOf(productId: number): Promise<Array<{ id: number; seo: string }>> {
    const known = this.picturesByProduct.get(productId);
    if (known) return known;
    const pics = (await this.client.pictures.getByProductId(productId)).map((p) => ({
      id: p.id,
      seo: p.seo_filename ?? '',
    }));
    this.picturesByProduct.set(productId, pics);
    return pics;
  }

  private async images(): Promise<void> {
    const { profile } = this.input;
    if (!profile.images.enabled) return;
    const rows = [...(this.staged.get(TwinRecordKind.Image)?.values() ?? [])];
    await boundedMap(rows, this.concurrency, async (row) => {
      this.checked++;
      const b = this.binding('image', row.key);
      if (row.deleted || !row.record) {
        if (!b || b.extra.removed) return;
        const productId = Number(b.extra.productId);
        if ((await this.picturesOf(productId)).some((p) => p.id === b.shopId))
          this.diff('image', row.key, 'exists', 'removed', `picture ${b.shopId}`);
        return;
      }
      const i = readStagedRecord(TwinRecordKind.Image, row.record) as TwinImage;
      if (!i.data) return; // by reference: the applier does not upload these
      const owner = this.binding('product', i.ownerKey);
      if (!owner) {
        this.diff('image', row.key, 'owner', i.ownerKey, 'product never created');
        return;
      }
      if (!b || b.extra.removed) {
        this.diff('image', row.key, 'exists', i.contentHash, 'never uploaded');
        return;
      }
      if (b.extra.contentHash !== i.contentHash)
        this.diff('image', row.key, 'contentHash', i.contentHash, b.extra.contentHash);
      if (Number(b.extra.productId) !== owner.shopId)
        this.diff('image', row.key, 'product', owner.shopId, b.extra.productId);
      if (!(await this.picturesOf(owner.shopId)).some((p) => p.id === b.shopId))
        this.diff('image', row.key, 'picture on product', b.shopId, 'missing');
    });
    // Every main product's pictures: duplicates, and pictures no live image binding accounts for (a lost upload reply).
    const mains = [...(this.bindings.get('product')?.values() ?? [])].filter(
      (b) => b.extra.parentKey === undefined && this.products.has(b.shopId),
    );
    await boundedMap(mains, this.concurrency, (b) => this.picturesOf(b.shopId));
    const live = new Set(
      [...(this.bindings.get('image')?.values() ?? [])].filter((b) => !b.extra.removed).map((b) => b.shopId),
    );
    for (const [productId, pics] of this.picturesByProduct) {
      for (const p of pics)
        if (!live.has(p.id))
          this.diff('image', `product ${productId}`, 'unbound picture', 'none', `picture ${p.id} (${p.seo})`);
    }
  }

  // ---------- duplicates ----------

  private async duplicateProducts(): Promise<DuplicateProducts[]> {
    const bySku = new Map<string, number[]>();
    for await (const p of this.client.products.search({ showHidden: true }, 100)) {
      if (p.deleted || !p.sku) continue;
      bySku.set(p.sku, [...(bySku.get(p.sku) ?? []), p.id]);
    }
    return [...bySku].filter(([, ids]) => ids.length > 1).map(([sku, productIds]) => ({ sku, productIds }));
  }

  private duplicatePictures(): DuplicatePictures[] {
    const out: DuplicatePictures[] = [];
    for (const [productId, pics] of this.picturesByProduct) {
      const bySeo = new Map<string, number[]>();
      for (const p of pics) if (p.seo) bySeo.set(p.seo, [...(bySeo.get(p.seo) ?? []), p.id]);
      for (const [seoFilename, pictureIds] of bySeo)
        if (pictureIds.length > 1) out.push({ productId, seoFilename, pictureIds });
    }
    return out;
  }
}

function sameSet(a: readonly unknown[], b: readonly unknown[]): boolean {
  const norm = (x: readonly unknown[]) => [...new Set(x.map(String))].sort().join(',');
  return norm(a) === norm(b) && a.length === b.length;
}
