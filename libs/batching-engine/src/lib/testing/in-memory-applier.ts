import { Decimal } from 'decimal.js';
import {
  TwinDeletionTarget,
  TwinRecordKind,
  type TwinCategory,
  type TwinImage,
  type TwinManufacturer,
  type TwinProduct,
  type TwinStockLevel,
} from '@pcknop/twinxml';
import type { BindingRecord } from '@pcknop/staging-store';
import { unsupportedKindOutcome, type Applier, type ApplyContext, type RecordOutcome } from '../applier';
import type { ShopFault } from '../shop-fault';
import { deletionOf, type StagedChange } from '../staged-change';
import { InMemoryShop, type MemoryProduct } from './in-memory-shop';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The testing applier (like Vendure's testing strategies): applies batches to an `InMemoryShop` with the same
 * rules as a real applier — binding first, then lookup by SKU, then create; stock to the latest count; offers
 * as dated tier prices; removals unpublish (or delete when the profile's `articles.publish.removal` is `delete`); group sync off
 * leaves categories alone; images keyed by content hash; variants per the profile's variant mode.
 */
export class InMemoryApplier implements Applier {
  constructor(readonly shop: InMemoryShop = new InMemoryShop()) {}

  async apply(ctx: ApplyContext, changes: readonly StagedChange[]): Promise<RecordOutcome[]> {
    const out: RecordOutcome[] = [];
    for (const c of changes) {
      const outage = this.shop.faults.outage;
      if (ctx.signal?.aborted) {
        out.push({
          kind: c.kind,
          key: c.key,
          status: 'failed',
          deferred: true,
          message: 'not tried: the batch was stopped',
        });
        continue;
      }
      if (outage) {
        this.shop.calls++;
        out.push({ kind: c.kind, key: c.key, status: 'failed', message: outage.message, shopFault: outage });
        continue;
      }
      try {
        out.push({ kind: c.kind, key: c.key, ...(await this.applyOne(ctx, c)) });
      } catch (error) {
        out.push({ kind: c.kind, key: c.key, status: 'failed', message: message(error) });
      }
    }
    return out;
  }

  /** Down while `faults.outage` is set. */
  async probe(): Promise<ShopFault | undefined> {
    this.shop.calls++;
    return this.shop.faults.outage;
  }

  private async applyOne(ctx: ApplyContext, c: StagedChange): Promise<Omit<RecordOutcome, 'kind' | 'key'>> {
    const del = deletionOf(c);
    if (del) return this.remove(ctx, del.target, del.key);
    switch (c.kind) {
      case TwinRecordKind.Category:
        return this.category(ctx, c.record as TwinCategory);
      case TwinRecordKind.Manufacturer:
        return this.manufacturer(ctx, c.record as TwinManufacturer);
      case TwinRecordKind.Product:
        return this.product(ctx, c.record as TwinProduct, c.keepCategoryKeys === true);
      case TwinRecordKind.Stock:
        return this.stock(ctx, c.record as TwinStockLevel);
      case TwinRecordKind.Image:
        return this.image(ctx, c.key, c.record as TwinImage);
      default: {
        const { status, message } = unsupportedKindOutcome(c, 'InMemoryApplier');
        return { status, message };
      }
    }
  }

  private async bound(ctx: ApplyContext, kind: string, key: string): Promise<BindingRecord | undefined> {
    return (await ctx.bindings.get(kind, [key])).get(key);
  }

  private async category(ctx: ApplyContext, c: TwinCategory): Promise<Omit<RecordOutcome, 'kind' | 'key'>> {
    if (ctx.profile.groups.source === 'off') return { status: 'skipped', message: 'group sync is off' };
    const parentId = c.parentKey ? ((await this.bound(ctx, 'category', c.parentKey))?.shopId ?? 0) : 0;
    const b = await this.bound(ctx, 'category', c.key);
    const shop = this.shop;
    const id = await shop.call('category', () => {
      const existing =
        (b && shop.categories.get(b.shopId)) ||
        [...shop.categories.values()].find((x) => x.name === c.name && x.parentId === parentId);
      if (existing) {
        Object.assign(existing, { name: c.name, parentId, published: c.published });
        return existing.id;
      }
      const row = { id: shop.id(), name: c.name, parentId, published: c.published };
      shop.categories.set(row.id, row);
      return row.id;
    });
    await ctx.bindings.save([{ kind: 'category', pckKey: c.key, shopId: id, sku: null, extra: {} }]);
    return { status: 'ok', shopId: id };
  }

  private async manufacturer(ctx: ApplyContext, m: TwinManufacturer): Promise<Omit<RecordOutcome, 'kind' | 'key'>> {
    const b = await this.bound(ctx, 'manufacturer', m.key);
    const shop = this.shop;
    const id = await shop.call('manufacturer', () => {
      const existing =
        (b && shop.manufacturers.get(b.shopId)) || [...shop.manufacturers.values()].find((x) => x.name === m.name);
      if (existing) {
        Object.assign(existing, { name: m.name, published: m.published });
        return existing.id;
      }
      const row = { id: shop.id(), name: m.name, published: m.published };
      shop.manufacturers.set(row.id, row);
      return row.id;
    });
    await ctx.bindings.save([{ kind: 'manufacturer', pckKey: m.key, shopId: id, sku: null, extra: {} }]);
    return { status: 'ok', shopId: id };
  }

  /** Binding first, then SKU, then create: never a duplicate, even after a lost reply. */
  private async upsertRow(
    ctx: ApplyContext,
    key: string,
    sku: string,
    fill: (p: MemoryProduct) => void,
  ): Promise<MemoryProduct> {
    const b = await this.bound(ctx, 'product', key);
    const shop = this.shop;
    const row = await shop.call(
      'product',
      () => {
        const existing = (b && shop.products.get(b.shopId)) || shop.productsBySku(sku)[0];
        const p: MemoryProduct = existing ?? {
          id: shop.id(),
          sku,
          name: '',
          price: '0',
          published: false,
          deleted: false,
          stock: 0,
          parentId: null,
          categoryIds: [],
          manufacturerIds: [],
          tierPrices: [],
          pictures: [],
          combinations: [],
        };
        p.sku = sku;
        p.deleted = false;
        fill(p);
        shop.products.set(p.id, p);
        return p;
      },
      sku,
    );
    await ctx.bindings.save([{ kind: 'product', pckKey: key, shopId: row.id, sku, extra: {} }]);
    return row;
  }

  private async product(
    ctx: ApplyContext,
    p: TwinProduct,
    keepCategories = false,
  ): Promise<Omit<RecordOutcome, 'kind' | 'key'>> {
    const profile = ctx.profile;
    const categoryIds: number[] = [];
    const linkCategories = profile.groups.source !== 'off' && !keepCategories;
    if (linkCategories) {
      const bindings = await ctx.bindings.get('category', p.categoryKeys);
      for (const k of p.categoryKeys) {
        const b = bindings.get(k);
        if (!b) return { status: 'failed', message: `category ${k} is not in the shop yet` };
        categoryIds.push(b.shopId);
      }
    }
    const tiers =
      p.offer && profile.articles.offer.enabled
        ? [
            {
              price: this.shop.wire(p.offer.price),
              from: p.offer.from?.toISOString() ?? null,
              to: p.offer.to?.toISOString() ?? null,
            },
          ]
        : [];
    const separate = p.variants.length > 0 && profile.variants.mode === 'separateProducts';
    const total =
      p.variants.length > 0
        ? p.variants.reduce((s, v) => s.plus(v.stock ?? 0), new Decimal(0))
        : (p.stock ?? new Decimal(0));
    const main = await this.upsertRow(ctx, p.key, p.sku, (row) => {
      row.name = p.name;
      row.price = this.shop.wire(p.price);
      row.published = p.published;
      row.stock = separate ? 0 : total.floor().toNumber();
      if (linkCategories) row.categoryIds = categoryIds;
      row.tierPrices = tiers;
      if (p.variants.length > 0 && !separate) {
        row.combinations = p.variants.map((v) => ({
          id: row.combinations.find((x) => x.sku === v.sku)?.id ?? this.shop.id(),
          sku: v.sku,
          stock: (v.stock ?? new Decimal(0)).floor().toNumber(),
        }));
      }
    });
    if (separate) {
      for (const v of p.variants) {
        await this.upsertRow(ctx, v.key, v.sku, (row) => {
          row.name = `${p.name} ${v.colour?.name ?? ''} ${v.size?.name ?? ''}`.trim();
          row.price = this.shop.wire(v.price ?? p.price);
          row.published = p.published && !(v.discontinued && profile.variants.unpublishDiscontinued);
          row.stock = (v.stock ?? new Decimal(0)).floor().toNumber();
          row.parentId = main.id;
          row.tierPrices = tiers;
        });
      }
    } else if (p.variants.length > 0) {
      await ctx.bindings.save(
        p.variants.map((v) => ({
          kind: 'variant',
          pckKey: v.key,
          shopId: main.id,
          sku: v.sku,
          extra: { combination: true },
        })),
      );
    }
    return { status: 'ok', shopId: main.id };
  }

  private async stock(ctx: ApplyContext, s: TwinStockLevel): Promise<Omit<RecordOutcome, 'kind' | 'key'>> {
    const key = s.variantKey ?? s.productKey;
    const b = (await this.bound(ctx, 'product', key)) ?? (await this.bound(ctx, 'variant', key));
    if (!b) return { status: 'failed', message: `${key} is not in the shop yet` };
    const qty = Decimal.max(0, (s.available ?? s.onHand).floor()).toNumber();
    await this.shop.call('stock', () => {
      const row = this.shop.products.get(b.shopId);
      if (!row) throw new Error(`product ${b.shopId} not found`);
      const combo = s.variantKey ? row.combinations.find((c) => c.sku === b.sku) : undefined;
      if (combo) combo.stock = qty;
      else row.stock = qty;
    });
    return { status: 'ok', shopId: b.shopId };
  }

  private async image(ctx: ApplyContext, key: string, i: TwinImage): Promise<Omit<RecordOutcome, 'kind' | 'key'>> {
    if (!ctx.profile.images.enabled) return { status: 'skipped', message: 'image sync is off' };
    const owner = await this.bound(ctx, 'product', i.ownerKey);
    if (!owner) return { status: 'failed', message: `${i.ownerKey} is not in the shop yet` };
    const b = await this.bound(ctx, 'image', key);
    if (b && b.extra.contentHash === i.contentHash)
      return { status: 'ok', shopId: b.shopId, message: 'unchanged (same content hash)' };
    const pictureId = await this.shop.call('picture', () => {
      const row = this.shop.products.get(owner.shopId);
      if (!row) throw new Error(`product ${owner.shopId} not found`);
      // A picture already holding these bytes at this position (a lost reply) is reused, not uploaded again.
      const same = row.pictures.find((x) => x.contentHash === i.contentHash && x.displayOrder === i.position);
      row.pictures = row.pictures.filter((x) => x === same || x.id !== b?.shopId);
      if (same) return same.id;
      const pic = { id: this.shop.id(), contentHash: i.contentHash, displayOrder: i.position };
      row.pictures.push(pic);
      return pic.id;
    });
    await ctx.bindings.save([
      {
        kind: 'image',
        pckKey: key,
        shopId: pictureId,
        sku: null,
        extra: { contentHash: i.contentHash, productId: owner.shopId },
      },
    ]);
    return { status: 'ok', shopId: pictureId };
  }

  private async remove(
    ctx: ApplyContext,
    target: TwinDeletionTarget,
    key: string,
  ): Promise<Omit<RecordOutcome, 'kind' | 'key'>> {
    // The profile decides; the tenant option `removal: 'delete'` is kept for tenants configured before it existed.
    const hard = ctx.profile.articles.publish.removal === 'delete' || ctx.options.removal === 'delete';
    switch (target) {
      case TwinDeletionTarget.Product:
      case TwinDeletionTarget.Variant: {
        const b = (await this.bound(ctx, 'product', key)) ?? (await this.bound(ctx, 'variant', key));
        if (!b) return { status: 'skipped', message: `${key} was never in the shop` };
        await this.shop.call('remove', () => {
          const row = this.shop.products.get(b.shopId);
          if (!row) return;
          if (b.extra.combination) row.combinations = row.combinations.filter((c) => c.sku !== b.sku);
          else if (hard) row.deleted = true;
          else row.published = false;
          if (target === TwinDeletionTarget.Product && !b.extra.combination) {
            for (const child of this.shop.products.values())
              if (child.parentId === row.id) child.published = hard ? child.published : false;
          }
        });
        return { status: 'ok', shopId: b.shopId };
      }
      case TwinDeletionTarget.Image: {
        const b = await this.bound(ctx, 'image', key);
        if (!b) return { status: 'skipped', message: 'image was never in the shop' };
        await this.shop.call('remove picture', () => {
          for (const p of this.shop.products.values()) p.pictures = p.pictures.filter((x) => x.id !== b.shopId);
        });
        await ctx.bindings.save([{ ...b, extra: { removed: true } }]);
        return { status: 'ok', shopId: b.shopId };
      }
      case TwinDeletionTarget.Category:
      case TwinDeletionTarget.Manufacturer: {
        if (target === TwinDeletionTarget.Category && ctx.profile.groups.source === 'off')
          return { status: 'skipped', message: 'group sync is off' };
        const b = await this.bound(ctx, target, key);
        if (!b) return { status: 'skipped', message: `${key} was never in the shop` };
        await this.shop.call('unpublish', () => {
          const row =
            target === TwinDeletionTarget.Category
              ? this.shop.categories.get(b.shopId)
              : this.shop.manufacturers.get(b.shopId);
          if (row) row.published = false;
        });
        return { status: 'ok', shopId: b.shopId };
      }
      default: {
        const never: never = target;
        return { status: 'failed', retryable: false, message: `unknown deletion target ${String(never)}` };
      }
    }
  }
}
