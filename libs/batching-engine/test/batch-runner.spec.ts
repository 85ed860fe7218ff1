import { createTestStore } from '@pcknop/staging-store/testing';
import { defaultProfile } from '@pcknop/field-mapping';
import { TwinRecordKind, decodeTwinXml, recordKey, type TwinRecord } from '@pcknop/twinxml';
import {
  BatchRunner,
  ImmediatePolicy,
  InMemoryApplier,
  InMemoryShop,
  toStagedJson,
  twinCategory,
  twinImage,
  twinProduct,
  twinStock,
  type BatchSummary,
} from '../src';

type TestStore = Awaited<ReturnType<typeof createTestStore>>;

jest.setTimeout(60_000);

describe('BatchRunner on PostgreSQL', () => {
  let t: TestStore;
  let ts = 1n;
  const profile = defaultProfile(1);

  beforeAll(async () => {
    t = await createTestStore();
  });
  afterAll(async () => {
    await t.close();
  });

  async function tenant(login: number): Promise<string> {
    return (await t.repos.tenants.create({ name: `T${login}`, pckLogin: login, pckPassword: 'pw' })).id;
  }
  async function stage(tenantId: string, kind: TwinRecordKind, records: TwinRecord[]): Promise<void> {
    await t.repos.entities.stage(
      tenantId,
      records.map((r) => ({
        kind,
        key: recordKey(kind, r as never),
        record: toStagedJson(kind, r),
        pckTimestamp: ts++,
      })),
    );
  }
  function runner(shop: InMemoryShop, extra: Partial<ConstructorParameters<typeof BatchRunner>[0]> = {}): BatchRunner {
    const applier = new InMemoryApplier(shop);
    return new BatchRunner({
      repos: t.repos,
      tenant: async () => ({ profile, options: {}, applier }),
      policy: new ImmediatePolicy(50),
      backoffBaseMs: 1,
      backoffCapMs: 5,
      ...extra,
    });
  }
  async function pending(tenantId: string): Promise<number> {
    return (await t.repos.entities.backlog(tenantId))[0]?.pending ?? 0;
  }
  async function drain(r: BatchRunner, tenantId: string, rounds = 200): Promise<void> {
    for (let i = 0; i < rounds && (await pending(tenantId)) > 0; i++) {
      await r.flush();
      await new Promise((res) => setTimeout(res, 10));
    }
  }

  it('applies staged changes, stores the document and receipts, and leaves nothing pending', async () => {
    const id = await tenant(1);
    const shop = new InMemoryShop();
    const summaries: BatchSummary[] = [];
    await stage(id, TwinRecordKind.Product, [twinProduct(1), twinProduct(2, { variants: 2 })]);
    await stage(id, TwinRecordKind.Stock, [twinStock(1, 9)]);
    await runner(shop, { onBatch: (s) => summaries.push(s) }).flush();
    expect(await pending(id)).toBe(0);
    expect(shop.productsBySku('SKU-1')[0].stock).toBe(9);
    expect(shop.productsBySku('SKU-2-1')).toHaveLength(1);
    const batch = await t.repos.batches.get(summaries[0].batchId ?? '');
    const doc = decodeTwinXml(batch?.document ?? '');
    expect(doc.products.map((p) => p.key).sort()).toEqual(['a:1', 'a:2']);
    expect((await t.repos.batches.receipts(batch?.id ?? '')).map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    expect((await t.repos.bindings.get(id, 'product', ['a:1'])).get('a:1')?.sku).toBe('SKU-1');
  });

  it('converges under injected faults (lost replies included) with nothing lost and nothing duplicated', async () => {
    const id = await tenant(2);
    const shop = new InMemoryShop(7);
    shop.faults = { errorRate: 0.3, errorPhase: 'after' };
    const products = Array.from({ length: 60 }, (_, i) => twinProduct(100 + i, { variants: i % 3 }));
    await stage(id, TwinRecordKind.Product, products);
    await stage(
      id,
      TwinRecordKind.Stock,
      products.filter((p) => p.variants.length === 0).map((p, i) => twinStock(Number(p.key.slice(2)), i)),
    );
    await drain(runner(shop, { maxAttempts: 100 }), id);
    expect(await pending(id)).toBe(0);
    for (const p of products) {
      expect(shop.productsBySku(p.sku)).toHaveLength(1);
      for (const v of p.variants) expect(shop.productsBySku(v.sku)).toHaveLength(1);
    }
  });

  it('a stock count folded into its product shares the product’s fate: retried with it, never marked done alone', async () => {
    const id = await tenant(40);
    const shop = new InMemoryShop();
    shop.faults = { failSkus: ['SKU-400'] };
    await stage(id, TwinRecordKind.Product, [twinProduct(400, { stock: 1 })]);
    await stage(id, TwinRecordKind.Stock, [twinStock(400, 8)]);
    // One claim for both rows (no edit-lane slot splitting them over two batches), so the count is folded. The
    // back-off outlasts the flush: with 1–5 ms, one flush could spend every attempt and dead-letter both.
    const r = runner(shop, { editLane: false, backoffBaseMs: 100, backoffCapMs: 100 });
    await r.flush();
    const [stock] = await t.repos.entities.get(id, 'stock', [recordKey(TwinRecordKind.Stock, twinStock(400, 8))]);
    expect(stock.appliedVersion).toBeLessThan(stock.dirtyVersion); // still pending: its count never reached the shop
    expect(stock.lastError).toMatch(/not applied: product:a:400/);
    shop.faults = {};
    await drain(r, id);
    expect(shop.productsBySku('SKU-400')[0].stock).toBe(8);
    expect(await pending(id)).toBe(0);
  });

  it('retries with back-off, dead-letters after MAX_ATTEMPTS, and requeues a dead letter', async () => {
    const id = await tenant(3);
    const shop = new InMemoryShop();
    shop.faults = { failSkus: ['SKU-300'] };
    await stage(id, TwinRecordKind.Product, [twinProduct(300), twinProduct(301)]);
    const r = runner(shop, { maxAttempts: 3 });
    for (let i = 0; i < 20; i++) {
      await r.flush();
      await new Promise((res) => setTimeout(res, 15));
    }
    const [state] = await t.repos.entities.get(id, 'product', ['a:300']);
    expect(state.attempts).toBe(3);
    expect(state.deadLetteredAt).not.toBeNull();
    expect(shop.productsBySku('SKU-301')).toHaveLength(1);
    shop.faults = {};
    expect(await r.requeueDeadLetters(id)).toBe(1);
    await r.flush();
    expect(shop.productsBySku('SKU-300')).toHaveLength(1);
    expect(await pending(id)).toBe(0);
  });

  it('an image whose product was removed before it reached the shop is superseded by that removal, not retried until dead', async () => {
    const id = await tenant(41);
    const shop = new InMemoryShop();
    // The image comes first and fails (its product is not in the shop yet), then waits out its back-off.
    await t.repos.entities.stage(id, [
      { kind: TwinRecordKind.Image, key: 'a:400:img:1', record: toStagedJson(TwinRecordKind.Image, twinImage(400, 1)) },
    ]);
    const r = runner(shop, { maxAttempts: 3, backoffBaseMs: 300, backoffCapMs: 300 });
    await r.runTenantBatch(id);
    expect((await t.repos.entities.get(id, TwinRecordKind.Image, ['a:400:img:1']))[0].attempts).toBe(1);
    // The article is removed in PCK: the tombstone is applied alone (the image is still waiting).
    await t.repos.entities.stage(id, [{ kind: TwinRecordKind.Product, key: 'a:400', record: null, deleted: true }]);
    await r.runTenantBatch(id);
    const [product] = await t.repos.entities.get(id, TwinRecordKind.Product, ['a:400']);
    expect(product.appliedVersion).toBe(product.dirtyVersion);
    await new Promise((res) => setTimeout(res, 350));
    const summary = await r.runTenantBatch(id);
    expect(summary).toMatchObject({ claimed: 1, failed: 0 });
    const [image] = await t.repos.entities.get(id, TwinRecordKind.Image, ['a:400:img:1']);
    expect({ applied: image.appliedVersion === image.dirtyVersion, dead: image.deadLetteredAt }).toEqual({
      applied: true,
      dead: null,
    });
    const receipts = await t.repos.batches.receipts(summary.batchId ?? '');
    expect(receipts).toEqual([
      expect.objectContaining({
        kind: 'image',
        key: 'a:400:img:1',
        status: 'skipped',
        message: 'superseded by product:a:400',
      }),
    ]);
  });

  it('dead-letters a record the schema rejects at once', async () => {
    const id = await tenant(4);
    await t.repos.entities.stage(id, [
      { kind: 'product', key: 'a:bad', record: { key: 'a:bad', sku: '', name: '' }, pckTimestamp: ts++ },
    ]);
    await runner(new InMemoryShop()).flush();
    const [state] = await t.repos.entities.get(id, 'product', ['a:bad']);
    expect(state.deadLetteredAt).not.toBeNull();
  });

  it("keeps a product's categories when the gateway staged it with keepCategoryKeys (PCK sent no group)", async () => {
    const id = await tenant(9);
    const shop = new InMemoryShop();
    const cat = twinCategory(90);
    await stage(id, TwinRecordKind.Category, [cat]);
    await stage(id, TwinRecordKind.Product, [twinProduct(900, { categoryKeys: [cat.key] })]);
    await runner(shop).flush();
    expect(shop.productsBySku('SKU-900')[0].categoryIds).toHaveLength(1);
    // As stage-catalogue-call's changesOf writes it: twinxml JSON plus the non-TwinXML flag.
    const json = {
      ...(toStagedJson(TwinRecordKind.Product, twinProduct(900, { name: 'No group sent' })) as object),
      keepCategoryKeys: 'true',
    };
    await t.repos.entities.stage(id, [
      { kind: TwinRecordKind.Product, key: 'a:900', record: json, pckTimestamp: ts++ },
    ]);
    await runner(shop).flush();
    expect(shop.productsBySku('SKU-900')[0]).toMatchObject({
      name: 'No group sent',
      categoryIds: [expect.any(Number)],
    });
  });

  it('acknowledges kinds the applier does not support (pck-discount, pck-customer) as skipped receipts: applied, not dead-lettered', async () => {
    const id = await tenant(10);
    const shop = new InMemoryShop();
    // As the gateway stages sendDiscount / sendCustomerInfo: PCK's JSON, a deleteDiscount as a tombstone.
    await t.repos.entities.stage(id, [
      { kind: 'pck-discount', key: 'd:1', record: { discountId: 1, discountPercent: '10' }, pckTimestamp: ts++ },
      {
        kind: 'pck-discount',
        key: 'd:2',
        record: { discountId: 2, deleteDiscount: true },
        pckTimestamp: ts++,
        deleted: true,
      },
      { kind: 'pck-customer', key: 'c:7', record: { pckCustomerId: 7, name: 'Kari Nordmann' }, pckTimestamp: ts++ },
    ]);
    await stage(id, TwinRecordKind.Product, [twinProduct(1000)]);
    for (const applier of [
      new InMemoryApplier(shop),
      Object.assign(new InMemoryApplier(shop), { supportedKinds: ['product', 'stock'] }),
    ]) {
      const summaries: BatchSummary[] = [];
      await new BatchRunner({
        repos: t.repos,
        tenant: async () => ({ profile, options: {}, applier }),
        policy: new ImmediatePolicy(50),
        onBatch: (x) => summaries.push(x),
      }).flush();
      expect(await pending(id)).toBe(0);
      const states = [
        ...(await t.repos.entities.get(id, 'pck-discount', ['d:1', 'd:2'])),
        ...(await t.repos.entities.get(id, 'pck-customer', ['c:7'])),
      ];
      expect(states).toHaveLength(3);
      for (const st of states) expect(st.deadLetteredAt).toBeNull();
      const receipts = await t.repos.batches.receipts(summaries[0].batchId ?? '');
      const foreign = receipts.filter((r) => r.kind.startsWith('pck-'));
      expect(foreign).toHaveLength(3);
      for (const r of foreign)
        expect(r).toMatchObject({ status: 'skipped', message: expect.stringMatching(/unsupported kind.*pck-/) });
      expect(summaries[0]).toMatchObject({ skipped: 3, deadLettered: 0, failed: 0 });
      // Staged again (e.g. PCK resends): acknowledged again, never dead-lettered.
      await t.repos.entities.stage(id, [
        { kind: 'pck-discount', key: 'd:1', record: { discountId: 1, discountPercent: '15' }, pckTimestamp: ts++ },
        {
          kind: 'pck-discount',
          key: 'd:2',
          record: { discountId: 2, deleteDiscount: true, again: true },
          pckTimestamp: ts++,
          deleted: true,
        },
        { kind: 'pck-customer', key: 'c:7', record: { pckCustomerId: 7, name: 'Kari N.' }, pckTimestamp: ts++ },
      ]);
      await stage(id, TwinRecordKind.Product, [twinProduct(1000, { name: `Again ${summaries.length}` })]);
    }
    expect(shop.productsBySku('SKU-1000')).toHaveLength(1);
  });

  it('replays a stored batch without duplicating anything', async () => {
    const id = await tenant(5);
    const shop = new InMemoryShop();
    const summaries: BatchSummary[] = [];
    await stage(id, TwinRecordKind.Product, [twinProduct(500), twinProduct(501)]);
    const r = runner(shop, { onBatch: (s) => summaries.push(s) });
    await r.flush();
    shop.productsBySku('SKU-500')[0].name = 'edited in the shop';
    const replay = await r.replayBatch(summaries[0].batchId ?? '');
    expect(replay.applied).toBe(2);
    expect(shop.productsBySku('SKU-500')).toHaveLength(1);
    expect(shop.productsBySku('SKU-500')[0].name).toBe('Article 500');
    expect(await t.repos.batches.receipts(replay.batchId ?? '')).toHaveLength(2);
  });

  it('is fair: a single edit is not starved by another tenant’s full resend', async () => {
    const big = await tenant(6);
    const small = await tenant(7);
    await stage(
      big,
      TwinRecordKind.Product,
      Array.from({ length: 400 }, (_, i) => twinProduct(10_000 + i)),
    );
    await stage(small, TwinRecordKind.Product, [twinProduct(777)]);
    const order: string[] = [];
    await runner(new InMemoryShop(), { tenantConcurrency: 1, onBatch: (s) => order.push(s.tenantId) }).flush();
    expect(order.filter((x) => x === big)).toHaveLength(8);
    expect(order.indexOf(small)).toBeLessThanOrEqual(1);
  });

  it('edit lane: a single edit staged while every slot is busy with a long resend batch is applied before that batch ends', async () => {
    const big = await tenant(11);
    const small = await tenant(12);
    const shop = new InMemoryShop();
    shop.faults = { latencyMs: 15 };
    await stage(
      big,
      TwinRecordKind.Product,
      Array.from({ length: 100 }, (_, i) => twinProduct(20_000 + i)),
    );
    const order: string[] = [];
    const r = runner(shop, { tenantConcurrency: 1, onBatch: (s) => order.push(s.tenantId) });
    const flushing = r.flush();
    // The big tenant's first batch (50 records) is in flight on the only regular slot.
    while (
      !(
        await t.store.pool.query(
          'SELECT 1 FROM entity_state WHERE tenant_id = $1 AND lease_owner IS NOT NULL LIMIT 1',
          [big],
        )
      ).rowCount
    )
      await new Promise((res) => setTimeout(res, 5));
    await stage(small, TwinRecordKind.Product, [twinProduct(778)]);
    await flushing;
    expect(order[0]).toBe(small);
    expect(order.filter((x) => x === big)).toHaveLength(2);
    expect(shop.productsBySku('SKU-778')).toHaveLength(1);
  });

  it('on stop, takes no new work and gives back its leases', async () => {
    const id = await tenant(8);
    const shop = new InMemoryShop();
    shop.faults = { latencyMs: 30 };
    await stage(
      id,
      TwinRecordKind.Product,
      Array.from({ length: 20 }, (_, i) => twinProduct(800 + i)),
    );
    const r = runner(shop);
    const flushing = r.flush();
    await new Promise((res) => setTimeout(res, 100));
    await r.stop(0);
    await flushing;
    const leased = await t.store.pool.query(
      'SELECT count(*)::int AS n FROM entity_state WHERE tenant_id = $1 AND lease_owner IS NOT NULL',
      [id],
    );
    expect(leased.rows[0].n).toBe(0);
    expect(await r.flush()).toBe(0);
    // Another worker finishes the job with no duplicates.
    await runner(shop).flush();
    expect(await pending(id)).toBe(0);
    for (let i = 0; i < 20; i++) expect(shop.productsBySku(`SKU-${800 + i}`)).toHaveLength(1);
  });
});
