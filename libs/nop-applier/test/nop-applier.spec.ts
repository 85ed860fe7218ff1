import {
  BatchingError,
  BatchingErrorCode,
  MemoryBindingStore,
  ShopFaultCode,
  change,
  planBatch,
  twinImage,
  twinProduct,
  twinStock,
  type ApplyContext,
  type RecordOutcome,
  type StagedChange,
} from '@pcknop/batching-engine';
import { defaultProfile, parseProfile, type MappingProfile } from '@pcknop/field-mapping';
import { NopErrorCode, WebApiBackendAdapter } from '@pcknop/nopcommerce-client';
import { startNopSim, type NopSim, type SimVersion } from '@pcknop/nop-sim';
import { TwinRecordKind } from '@pcknop/twinxml';
import { NopApplier } from '../src';

// Behaviour of the nopCommerce applier beyond the engine's contract suite, against the simulator.
describe('NopApplier against nop-sim', () => {
  let sim: NopSim;
  let adapter: WebApiBackendAdapter;
  let applier: NopApplier;
  let bindings: MemoryBindingStore;
  let articleId = 5000;

  const profileOf = (patch: Record<string, unknown> = {}): MappingProfile =>
    Object.keys(patch).length === 0
      ? defaultProfile(1)
      : parseProfile({ schemaVersion: 1, orders: { webshopCustomerId: 1 }, ...patch });
  const ctx = (profile = profileOf()): ApplyContext => ({
    tenantId: 't',
    profile,
    options: {},
    bindings,
    now: new Date(),
  });
  const run = (changes: StagedChange[], c = ctx()): Promise<RecordOutcome[]> =>
    applier.apply(c, planBatch(changes).apply);
  const shopProduct = (sku: string): Record<string, unknown> => {
    const p = sim.state.productsBySku(sku).find((x) => !x.deleted);
    if (!p) throw new Error(`no product ${sku}`);
    return p;
  };

  const start = async (version?: SimVersion): Promise<void> => {
    sim = await startNopSim({ port: 0, seed: 21, ...(version ? { version } : {}) });
    adapter = new WebApiBackendAdapter({
      baseUrl: sim.url,
      credentials: { email: 'admin@nop-sim.local', password: 'admin' },
      retry: { maxRetries: 3, initialDelayMs: 5, maxDelayMs: 20 },
    });
    applier = new NopApplier({ adapter });
    bindings = new MemoryBindingStore();
  };
  const stop = async (): Promise<void> => {
    await adapter.close();
    await sim.close();
  };

  describe('stock updates', () => {
    beforeEach(() => start());
    afterEach(() => stop());

    it('skips a stock update when the profile gives the shop the stock (no payload, no crash)', async () => {
      const id = ++articleId;
      const p = twinProduct(id, { stock: 4 });
      await run([change(TwinRecordKind.Product, p)]);
      const out = await run(
        [change(TwinRecordKind.Stock, twinStock(id, 9))],
        ctx(profileOf({ ownership: { fields: { stock: 'shop' } } })),
      );
      expect(out).toEqual([
        expect.objectContaining({
          kind: 'stock',
          status: 'skipped',
          message: expect.stringContaining('owned by the shop'),
        }),
      ]);
      expect(shopProduct(p.sku).stock_quantity).toBe(4);
    });

    it('hides a hide-when-out-of-stock product at 0 and shows it again when restocked', async () => {
      const id = ++articleId;
      const p = { ...twinProduct(id, { stock: 2 }), hideWhenOutOfStock: true };
      await run([change(TwinRecordKind.Product, p)]);
      expect(shopProduct(p.sku)).toMatchObject({ published: true, low_stock_activity_id: 2 });
      await run([change(TwinRecordKind.Stock, twinStock(id, 0))]);
      expect(shopProduct(p.sku)).toMatchObject({ published: false, stock_quantity: 0 });
      await run([change(TwinRecordKind.Stock, twinStock(id, 3))]);
      expect(shopProduct(p.sku)).toMatchObject({ published: true, stock_quantity: 3 });
    });

    it('leaves published alone for a product that does not hide when out of stock', async () => {
      const id = ++articleId;
      const p = twinProduct(id, { stock: 2 });
      await run([change(TwinRecordKind.Product, p)]);
      await run([change(TwinRecordKind.Stock, twinStock(id, 0))]);
      expect(shopProduct(p.sku)).toMatchObject({ published: true, stock_quantity: 0 });
    });
  });

  describe('lookups', () => {
    beforeEach(() => start());
    afterEach(() => stop());

    it('looks up the rows of a whole stage of products together (a full resend is not two lookups per article)', async () => {
      const products = Array.from({ length: 30 }, () => twinProduct(++articleId, { variants: 2 }));
      sim.state.resetCalls();
      const out = await run(products.map((p) => change(TwinRecordKind.Product, p)));
      expect(out.every((o) => o.status === 'ok')).toBe(true);
      const calls = sim.state.calls();
      const lookups = Object.entries(calls)
        .filter(([route]) => /GetProductsBySku|GetProductsByIds|GetProductBySku/i.test(route))
        .reduce((n, [, c]) => n + c, 0);
      // 90 SKUs in chunks of 100: one call (no product is bound yet, so no by-id read).
      expect(lookups).toBe(1);
      for (const p of products) expect(sim.state.productsBySku(p.sku)).toHaveLength(1);
      // Again, now bound: read by id together, and nothing is created twice.
      sim.state.resetCalls();
      await run(products.map((p) => change(TwinRecordKind.Product, p)));
      const again = Object.entries(sim.state.calls())
        .filter(([route]) => /GetProductsBySku|GetProductsByIds|GetProductBySku/i.test(route))
        .reduce((n, [, c]) => n + c, 0);
      expect(again).toBe(1);
      for (const p of products) for (const v of p.variants) expect(sim.state.productsBySku(v.sku)).toHaveLength(1);
    });
  });

  describe('pictures (uploadPicture: content-hash-tagged filenames, OutcomeUnknown)', () => {
    beforeEach(() => start());
    afterEach(() => stop());
    const picturesOf = (sku: string): number =>
      sim.state.list('productPictures').filter((m) => m.product_id === shopProduct(sku).id).length;

    it('uploads an image once: a resend after the bindings were lost finds the tagged picture instead of uploading again', async () => {
      const id = ++articleId;
      const p = twinProduct(id);
      const img = twinImage(id, 1);
      await run([change(TwinRecordKind.Product, p), change(TwinRecordKind.Image, img)]);
      bindings.rows.clear();
      const again = await run([change(TwinRecordKind.Product, p), change(TwinRecordKind.Image, twinImage(id, 1))]);
      expect(again.map((o) => o.status)).toEqual(['ok', 'ok']);
      expect(sim.state.pictures()).toHaveLength(1);
      expect(picturesOf(p.sku)).toBe(1);
    });

    it.each([['InsertPicture'], ['ProductPictures/Create']])(
      'a lost reply of %s (the write landed) leaves one picture and one mapping',
      async (path) => {
        const id = ++articleId;
        const p = twinProduct(id);
        await run([change(TwinRecordKind.Product, p)]);
        sim.faults.set({ pathFilter: path, resetRate: 1, errorPhase: 'after' });
        const out = await run([change(TwinRecordKind.Image, twinImage(id, 1))]);
        sim.faults.reset();
        expect(out[0].status).toBe('ok');
        expect(sim.state.pictures()).toHaveLength(1);
        expect(picturesOf(p.sku)).toBe(1);
        await run([change(TwinRecordKind.Image, twinImage(id, 1))]);
        expect(sim.state.pictures()).toHaveLength(1);
      },
    );

    it('treats OutcomeUnknown (a lost reply it cannot match) as a retryable failure and records no binding', async () => {
      const untagged = new WebApiBackendAdapter({
        baseUrl: sim.url,
        credentials: { email: 'admin@nop-sim.local', password: 'admin' },
        retry: { maxRetries: 2, initialDelayMs: 5, maxDelayMs: 20 },
        tagPictureFilenames: false,
      });
      try {
        const a = new NopApplier({ adapter: untagged });
        const id = ++articleId;
        const p = twinProduct(id);
        await a.apply(ctx(), [change(TwinRecordKind.Product, p)]);
        sim.faults.set({ pathFilter: 'InsertPicture', resetRate: 1, errorPhase: 'after' });
        const [out] = await a.apply(ctx(), [change(TwinRecordKind.Image, twinImage(id, 1))]);
        sim.faults.reset();
        expect(out).toMatchObject({ status: 'failed', message: expect.stringContaining(NopErrorCode.OutcomeUnknown) });
        expect(out.retryable).not.toBe(false);
        expect(out.deferred).toBeUndefined();
        expect(await bindings.get('image', [out.key])).toEqual(new Map());
        // The engine retries it; the product ends with one mapped picture.
        const [retried] = await a.apply(ctx(), [change(TwinRecordKind.Image, twinImage(id, 1))]);
        expect(retried.status).toBe('ok');
        expect(picturesOf(p.sku)).toBe(1);
      } finally {
        await untagged.close();
      }
    });
  });

  describe.each([['4.60' as SimVersion], ['4.70' as SimVersion]])('colour images on nop %s', (version) => {
    beforeEach(() => start(version));
    afterEach(() => stop());
    const redImage = (id: number, seed = 1) => ({ ...twinImage(id, seed, 2), colour: '100' });
    const mappedTo = (productId: unknown): number =>
      sim.state.list('productPictures').filter((m) => m.product_id === productId).length;

    it('separateProducts: attached to the product and the child products of that colour, once', async () => {
      const id = ++articleId;
      const p = twinProduct(id, { variants: 4 }); // colours 100 (Red: 1, 3) and 101 (Blue: 2, 4)
      await run([change(TwinRecordKind.Product, p), change(TwinRecordKind.Image, redImage(id))]);
      const childOf = (n: number) => shopProduct(`${p.sku}-${n}`).id;
      expect(mappedTo(shopProduct(p.sku).id)).toBe(1);
      expect([1, 2, 3, 4].map((n) => mappedTo(childOf(n)))).toEqual([1, 0, 1, 0]);
      await run([change(TwinRecordKind.Product, p), change(TwinRecordKind.Image, redImage(id))]);
      expect([1, 2, 3, 4].map((n) => mappedTo(childOf(n)))).toEqual([1, 0, 1, 0]);
      expect(sim.state.pictures()).toHaveLength(1);
      // New bytes replace the picture everywhere.
      await run([change(TwinRecordKind.Image, redImage(id, 2))]);
      expect([mappedTo(shopProduct(p.sku).id), ...[1, 2, 3, 4].map((n) => mappedTo(childOf(n)))]).toEqual([
        1, 1, 0, 1, 0,
      ]);
    });

    it('attributeCombinations: the combinations of that colour get the picture', async () => {
      const id = ++articleId;
      const profile = profileOf({ variants: { mode: 'attributeCombinations' } });
      const p = twinProduct(id, { variants: 4 });
      await run([change(TwinRecordKind.Product, p), change(TwinRecordKind.Image, redImage(id))], ctx(profile));
      await run([change(TwinRecordKind.Image, redImage(id))], ctx(profile));
      const [picture] = sim.state.pictures();
      expect(sim.state.pictures()).toHaveLength(1);
      const combos = sim.state.combinations(Number(shopProduct(p.sku).id));
      const pictureOf = (sku: string): unknown => {
        const c = combos.find((x) => x.sku === sku);
        if (version === '4.60') return c?.picture_id || undefined;
        const rows = sim.state.list('combinationPictures').filter((r) => r.product_attribute_combination_id === c?.id);
        return rows.length === 1 ? rows[0].picture_id : rows.length > 1 ? 'duplicate' : undefined;
      };
      expect([1, 2, 3, 4].map((n) => pictureOf(`${p.sku}-${n}`))).toEqual([
        picture.id,
        undefined,
        picture.id,
        undefined,
      ]);
      expect(mappedTo(shopProduct(p.sku).id)).toBe(1);
    });
  });

  describe('categories and manufacturers found by name', () => {
    beforeEach(() => start());
    afterEach(() => stop());

    const categoriesNamed = (name: string) => sim.state.list('categories').filter((c) => c.name === name && !c.deleted);

    it('never takes over a shop category another group owns (varegruppe «Leker», then web group «Leker» after a switch)', async () => {
      const varegruppe = {
        key: 'g:16',
        level: 1,
        name: 'Leker',
        description: 'Varegruppe Leker',
        sortOrder: 0,
        published: true,
      };
      const webgruppe = { key: 'wg2:16', level: 2, name: 'Leker', sortOrder: 0, published: true }; // parent not stated by PCK
      await run([change(TwinRecordKind.Category, varegruppe)]);
      await run([change(TwinRecordKind.Category, webgruppe)]);
      const both = await bindings.get('category', ['g:16']);
      const web = await bindings.get('category', ['wg2:16']);
      expect(web.get('wg2:16')?.shopId).not.toBe(both.get('g:16')?.shopId);
      expect(categoriesNamed('Leker')).toHaveLength(2);
      expect(categoriesNamed('Leker').find((c) => c.id === both.get('g:16')?.shopId)?.description).toBe(
        'Varegruppe Leker',
      );
    });

    it('still adopts an unowned category of the same name (a binding lost, no duplicate)', async () => {
      const group = { key: 'wg1:77', level: 1, name: 'Sport', sortOrder: 0, published: true };
      await run([change(TwinRecordKind.Category, group)]);
      bindings.rows.clear();
      await run([change(TwinRecordKind.Category, group)]);
      expect(categoriesNamed('Sport')).toHaveLength(1);
    });

    it('creates groups as twinToNop decides them: a top-level group in the top menu, a subgroup not', async () => {
      const top = { key: 'wg1:501', level: 1, name: 'Friluft', sortOrder: 3, published: true };
      const sub = { key: 'wg2:502', level: 2, name: 'Telt', parentKey: 'wg1:501', sortOrder: 1, published: true };
      await run([change(TwinRecordKind.Category, top), change(TwinRecordKind.Category, sub)]);
      const [parent] = categoriesNamed('Friluft');
      expect(parent).toMatchObject({ include_in_top_menu: true, display_order: 3, parent_category_id: 0 });
      expect(categoriesNamed('Telt')).toEqual([
        expect.objectContaining({ include_in_top_menu: false, display_order: 1, parent_category_id: parent.id }),
      ]);
    });

    it('removes an article as twinToNop decides: unpublished by default, deleted under the older tenant option removal delete', async () => {
      const kept = twinProduct(++articleId);
      const gone = twinProduct(++articleId);
      await run([change(TwinRecordKind.Product, kept), change(TwinRecordKind.Product, gone)]);
      await run([change(TwinRecordKind.Product, kept, { deleted: true })]);
      await run([change(TwinRecordKind.Product, gone, { deleted: true })], {
        ...ctx(),
        options: { removal: 'delete' },
      });
      expect(shopProduct(kept.sku)).toMatchObject({ published: false });
      expect(sim.state.productsBySku(gone.sku).filter((p) => !p.deleted)).toEqual([]);
    });

    it('keeps two PCK manufacturers of the same name apart', async () => {
      await run([change(TwinRecordKind.Manufacturer, { key: 'm:1', name: 'Bergans', published: true })]);
      await run([change(TwinRecordKind.Manufacturer, { key: 'm:2', name: 'Bergans', published: true })]);
      const [a, b] = [
        (await bindings.get('manufacturer', ['m:1'])).get('m:1'),
        (await bindings.get('manufacturer', ['m:2'])).get('m:2'),
      ];
      expect(a?.shopId).not.toBe(b?.shopId);
    });
  });

  describe('shop outages and leases', () => {
    beforeEach(() => start());
    afterEach(() => stop());

    it('marks failures about the shop (503, 401) as shop faults, and its probe says whether the shop answers', async () => {
      const id = ++articleId;
      expect(await applier.probe()).toBeUndefined();
      // A record the shop cannot take (its group is not there) is not a shop fault.
      const [refusedRecord] = await run([
        change(TwinRecordKind.Product, { ...twinProduct(id), categoryKeys: ['g:missing'] }),
      ]);
      expect(refusedRecord.status).toBe('failed');
      expect(refusedRecord.shopFault).toBeUndefined();
      sim.faults.set({ burst503: 1_000_000 });
      const [down] = await run([change(TwinRecordKind.Product, twinProduct(id))]);
      expect(down).toMatchObject({ status: 'failed', shopFault: { code: ShopFaultCode.RateLimited } });
      expect((await applier.probe())?.code).toMatch(/rate-limited|circuit-open/);
      sim.faults.reset();
      const wrong = new WebApiBackendAdapter({
        baseUrl: sim.url,
        credentials: { email: 'admin@nop-sim.local', password: 'changed-in-the-shop' },
        retry: { maxRetries: 1, initialDelayMs: 5, maxDelayMs: 20 },
      });
      try {
        const locked = new NopApplier({ adapter: wrong });
        const [refused] = await locked.apply(ctx(), [change(TwinRecordKind.Product, twinProduct(id))]);
        expect(refused).toMatchObject({ status: 'failed', shopFault: { code: ShopFaultCode.Auth } });
        expect((await locked.probe())?.code).toBe(ShopFaultCode.Auth);
      } finally {
        await wrong.close();
      }
    });

    it('creates nothing once the lease is fenced, and answers such records as not tried', async () => {
      const id = ++articleId;
      const p = twinProduct(id);
      const fenced = {
        ...ctx(),
        fence: () => {
          throw new BatchingError(BatchingErrorCode.LeaseLost, 'test');
        },
      };
      const [out] = await applier.apply(fenced, [change(TwinRecordKind.Product, p)]);
      expect(out).toMatchObject({ status: 'failed', deferred: true });
      expect(sim.state.productsBySku(p.sku)).toHaveLength(0);
      const stopped = new AbortController();
      stopped.abort(new BatchingError(BatchingErrorCode.Stopping));
      const [notStarted] = await applier.apply({ ...ctx(), signal: stopped.signal }, [
        change(TwinRecordKind.Product, p),
      ]);
      expect(notStarted).toMatchObject({ status: 'failed', deferred: true });
      expect(sim.state.productsBySku(p.sku)).toHaveLength(0);
    });
  });
});
