import { defaultProfile, parseProfile, type MappingProfile } from '@pcknop/field-mapping';
import { TwinRecordKind } from '@pcknop/twinxml';
import type { Applier, ApplyContext } from '../applier';
import { planBatch } from '../plan-batch';
import type { StagedChange } from '../staged-change';
import {
  MemoryBindingStore,
  change,
  productRemoval,
  twinCategory,
  twinImage,
  twinProduct,
  twinStock,
} from './fixtures';

/** What the contract needs to see of the shop behind an applier (read through the shop's own API). */
export interface ProbeProduct {
  published: boolean;
  stock: number;
  /** Dated qty-1 tier prices (offers). */
  tierPrices: Array<{ from: string | null; to: string | null }>;
  /** Pictures mapped to the product. */
  pictureCount: number;
  /** SKUs of its variants (child products or combinations). */
  variantSkus: string[];
  /** Categories the product is linked to (optional for older probes; the keep-categories test needs it). */
  categoryCount?: number;
}

export interface ShopProbe {
  /** How many live (not deleted) products have this SKU. */
  countBySku(sku: string): Promise<number>;
  product(sku: string): Promise<ProbeProduct | undefined>;
  categoryCount(): Promise<number>;
}

export interface ApplierHarness {
  applier: Applier;
  probe: ShopProbe;
  close(): Promise<void>;
}

export interface ApplierContractOptions {
  timeoutMs?: number;
}

/**
 * The contract every Applier must meet, as a jest suite. Call it from a spec file with a factory that gives a
 * fresh shop per test.
 */
export function describeApplierContract(
  name: string,
  make: () => Promise<ApplierHarness>,
  options: ApplierContractOptions = {},
): void {
  const timeout = options.timeoutMs ?? 20_000;
  describe(`Applier contract: ${name}`, () => {
    let h: ApplierHarness;
    let bindings: MemoryBindingStore;
    let articleId = 1000;
    const profileOf = (patch: Record<string, unknown> = {}): MappingProfile =>
      Object.keys(patch).length === 0
        ? defaultProfile(1)
        : parseProfile({ schemaVersion: 1, orders: { webshopCustomerId: 1 }, ...patch });
    const ctx = (profile = profileOf(), opts: Record<string, unknown> = {}): ApplyContext => ({
      tenantId: 't',
      profile,
      options: opts,
      bindings,
      now: new Date(),
    });
    const run = async (changes: StagedChange[], c = ctx()) => h.applier.apply(c, planBatch(changes).apply);

    beforeEach(async () => {
      h = await make();
      bindings = new MemoryBindingStore();
      articleId += 10;
    });
    afterEach(async () => {
      await h.close();
    });

    it(
      'returns one outcome per record and creates a product once, however often it is applied',
      async () => {
        const p = twinProduct(articleId);
        const first = await run([change(TwinRecordKind.Product, p)]);
        expect(first).toEqual([expect.objectContaining({ kind: 'product', key: p.key, status: 'ok' })]);
        await run([change(TwinRecordKind.Product, twinProduct(articleId, { name: 'Renamed' }))]);
        expect(await h.probe.countBySku(p.sku)).toBe(1);
      },
      timeout,
    );

    it(
      'finds the product by SKU when the binding is lost (no duplicate)',
      async () => {
        const p = twinProduct(articleId);
        await run([change(TwinRecordKind.Product, p)]);
        bindings.rows.clear();
        const again = await run([change(TwinRecordKind.Product, p)]);
        expect(again[0].status).toBe('ok');
        expect(await h.probe.countBySku(p.sku)).toBe(1);
      },
      timeout,
    );

    it(
      'sets stock to the latest count',
      async () => {
        const p = twinProduct(articleId, { stock: 3 });
        await run([change(TwinRecordKind.Product, p)]);
        await run([
          change(TwinRecordKind.Stock, twinStock(articleId, 7)),
          change(TwinRecordKind.Stock, twinStock(articleId, 9)),
        ]);
        expect((await h.probe.product(p.sku))?.stock).toBe(9);
      },
      timeout,
    );

    it(
      'fails (retryably) a stock record of a product the shop does not have yet, without failing the others',
      async () => {
        const p = twinProduct(articleId);
        const out = await run([
          change(TwinRecordKind.Stock, twinStock(articleId + 5, 1)),
          change(TwinRecordKind.Product, p),
        ]);
        const byKind = Object.fromEntries(out.map((o) => [o.kind, o]));
        expect(byKind.product.status).toBe('ok');
        expect(byKind.stock.status).toBe('failed');
        expect(byKind.stock.retryable).not.toBe(false);
      },
      timeout,
    );

    it(
      'turns an offer window into one dated tier price',
      async () => {
        const from = new Date('2030-01-01T00:00:00.000Z');
        const to = new Date('2030-01-08T00:00:00.000Z');
        const p = twinProduct(articleId, { price: '200', offer: { price: '150', from, to } });
        await run([change(TwinRecordKind.Product, p)]);
        await run([change(TwinRecordKind.Product, p)]);
        const tiers = (await h.probe.product(p.sku))?.tierPrices ?? [];
        expect(tiers).toHaveLength(1);
        expect(new Date(String(tiers[0].from)).getTime()).toBe(from.getTime());
        expect(new Date(String(tiers[0].to)).getTime()).toBe(to.getTime());
      },
      timeout,
    );

    it(
      'unpublishes a removed product (order history keeps working)',
      async () => {
        const p = twinProduct(articleId);
        await run([change(TwinRecordKind.Product, p)]);
        await run([change(TwinRecordKind.Deletion, productRemoval(articleId))]);
        expect(await h.probe.countBySku(p.sku)).toBe(1);
        expect((await h.probe.product(p.sku))?.published).toBe(false);
      },
      timeout,
    );

    it(
      'deletes a removed product when the profile says so',
      async () => {
        const p = twinProduct(articleId);
        const deleting = profileOf({ articles: { publish: { removal: 'delete' } } });
        await run([change(TwinRecordKind.Product, p)], ctx(deleting));
        await run([change(TwinRecordKind.Deletion, productRemoval(articleId))], ctx(deleting));
        expect(await h.probe.countBySku(p.sku)).toBe(0);
      },
      timeout,
    );

    it(
      'uploads an image once per content hash, and replaces it when the bytes change',
      async () => {
        const p = twinProduct(articleId);
        await run([change(TwinRecordKind.Product, p), change(TwinRecordKind.Image, twinImage(articleId, 1))]);
        await run([change(TwinRecordKind.Image, twinImage(articleId, 1))]);
        expect((await h.probe.product(p.sku))?.pictureCount).toBe(1);
        await run([change(TwinRecordKind.Image, twinImage(articleId, 2))]);
        expect((await h.probe.product(p.sku))?.pictureCount).toBe(1);
      },
      timeout,
    );

    it(
      'leaves categories alone when group sync is off',
      async () => {
        const before = await h.probe.categoryCount();
        const out = await run(
          [change(TwinRecordKind.Category, twinCategory(articleId))],
          ctx(profileOf({ groups: { source: 'off' } })),
        );
        expect(out[0].status).toBe('skipped');
        expect(await h.probe.categoryCount()).toBe(before);
      },
      timeout,
    );

    it(
      "leaves a product's categories alone when its change says keepCategoryKeys (PCK sent no group)",
      async () => {
        const cat = twinCategory(articleId, `Kept ${articleId}`);
        const p = twinProduct(articleId, { categoryKeys: [cat.key] });
        await run([change(TwinRecordKind.Category, cat), change(TwinRecordKind.Product, p)]);
        expect((await h.probe.product(p.sku))?.categoryCount).toBe(1);
        const keep = {
          ...change(TwinRecordKind.Product, twinProduct(articleId, { name: 'Renamed, no group sent' })),
          keepCategoryKeys: true,
        };
        expect((await run([keep]))[0].status).toBe('ok');
        expect((await h.probe.product(p.sku))?.categoryCount).toBe(1);
        // Without the flag, an empty categoryKeys (PCK's group 0) detaches.
        await run([change(TwinRecordKind.Product, twinProduct(articleId, { name: 'Detached' }))]);
        expect((await h.probe.product(p.sku))?.categoryCount).toBe(0);
      },
      timeout,
    );

    it(
      'acknowledges a kind it has no support for as skipped with a clear message (not failed), beside the others',
      async () => {
        const p = twinProduct(articleId);
        const foreign = (kind: string, key: string, data: unknown, deleted = false): StagedChange => ({
          kind,
          key,
          version: 1n,
          pckTimestamp: BigInt(Date.now()),
          deleted,
          record: null,
          data,
        });
        const discount = foreign('pck-discount', `d:${articleId}`, { discountId: articleId, discountPercent: '10' });
        const customer = foreign('pck-customer', `c:${articleId}`, { pckCustomerId: articleId, name: 'Kari' });
        const gone = foreign(
          'pck-discount',
          `d:${articleId + 1}`,
          { discountId: articleId + 1, deleteDiscount: true },
          true,
        );
        const declared = h.applier.supportedKinds;
        if (declared) for (const k of ['pck-discount', 'pck-customer']) expect(declared).not.toContain(k);
        if (declared) for (const k of ['product', 'stock', 'image', 'category']) expect(declared).toContain(k);
        const out = await run([change(TwinRecordKind.Product, p), discount, customer, gone]);
        expect(out).toHaveLength(4);
        const byKey = new Map(out.map((o) => [o.key, o]));
        expect(byKey.get(p.key)?.status).toBe('ok');
        for (const c of [discount, customer, gone]) {
          expect(byKey.get(c.key)).toMatchObject({
            kind: c.kind,
            status: 'skipped',
            message: expect.stringContaining(c.kind),
          });
          expect(byKey.get(c.key)?.message).toMatch(/unsupported kind/);
        }
        expect(await h.probe.countBySku(p.sku)).toBe(1);
      },
      timeout,
    );

    it(
      'creates categories before the products linking them',
      async () => {
        const cat = twinCategory(articleId, `Cat ${articleId}`);
        const p = twinProduct(articleId, { categoryKeys: [cat.key] });
        const out = await run([change(TwinRecordKind.Product, p), change(TwinRecordKind.Category, cat)]);
        expect(out.map((o) => o.status)).toEqual(['ok', 'ok']);
        await run([change(TwinRecordKind.Category, cat)]);
        expect(await h.probe.categoryCount()).toBeGreaterThan(0);
      },
      timeout,
    );

    it(
      'writes variants as separate products by default',
      async () => {
        const p = twinProduct(articleId, { variants: 4 });
        await run([change(TwinRecordKind.Product, p)]);
        await run([change(TwinRecordKind.Product, p)]);
        expect(await h.probe.countBySku(p.variants[0].sku)).toBe(1);
        expect((await h.probe.product(p.sku))?.variantSkus.sort()).toEqual(p.variants.map((v) => v.sku).sort());
      },
      timeout,
    );

    it(
      'writes variants as attribute combinations in that mode',
      async () => {
        const profile = profileOf({ variants: { mode: 'attributeCombinations' } });
        const p = twinProduct(articleId, { variants: 2 });
        await run([change(TwinRecordKind.Product, p)], ctx(profile));
        await run([change(TwinRecordKind.Product, p)], ctx(profile));
        expect(await h.probe.countBySku(p.variants[0].sku)).toBe(0);
        expect((await h.probe.product(p.sku))?.variantSkus.sort()).toEqual(p.variants.map((v) => v.sku).sort());
      },
      timeout,
    );
  });
}
