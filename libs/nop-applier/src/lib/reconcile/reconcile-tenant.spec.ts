import {
  BatchRunner,
  ImmediatePolicy,
  change,
  toStagedJson,
  twinImage,
  twinProduct,
  twinStock,
} from '@pcknop/batching-engine';
import { defaultProfile } from '@pcknop/field-mapping';
import { startNopSim, type NopSim } from '@pcknop/nop-sim';
import { WebApiBackendAdapter } from '@pcknop/nopcommerce-client';
import type { Repositories, TenantRecord } from '@pcknop/staging-store';
import { createTestStore } from '@pcknop/staging-store/testing';
import { TwinRecordKind, type TwinRecord } from '@pcknop/twinxml';
import { createNopApplier } from '../create-nop-applier';
import { formatReconcileReport } from './format-reconcile-report';
import { reconcileTenant, reconcileTenantById } from './reconcile-tenant';

jest.setTimeout(60_000);

// The reconciliation against a real staging database and nop-sim: clean after a flush, and every kind of drift found.
describe('reconcileTenant', () => {
  let sim: NopSim;
  let test: Awaited<ReturnType<typeof createTestStore>>;
  let repos: Repositories;
  let tenant: TenantRecord;
  let adapter: WebApiBackendAdapter;
  let ts = 1_750_000_000_000n;

  const stage = async (kind: TwinRecordKind, record: TwinRecord) => {
    const c = change(kind, record);
    await repos.entities.stage(tenant.id, [
      { kind, key: c.key, record: toStagedJson(kind, record), pckTimestamp: (ts += 1000n) },
    ]);
  };
  const flush = async () => {
    const applier = createNopApplier({ baseUrl: sim.url, email: 'admin@nop-sim.local', password: 'admin' });
    const runner = new BatchRunner({
      repos,
      tenant: async () => ({ profile: defaultProfile(1), options: {}, applier }),
      policy: new ImmediatePolicy(),
    });
    try {
      await runner.flush();
    } finally {
      await applier.close();
    }
  };
  const reconcile = () => reconcileTenant(repos, tenant, adapter.client);

  beforeAll(async () => {
    process.env.SECRETS_KEY ??= Buffer.alloc(32, 7).toString('base64');
    sim = await startNopSim({ port: 0, seed: 5 });
    test = await createTestStore();
    repos = test.repos;
    tenant = await repos.tenants.create({
      name: 'Butikk',
      pckLogin: 4711,
      pckPassword: 'pw',
      shopUrl: sim.url,
      shop: { email: 'admin@nop-sim.local', password: 'admin' },
    });
    adapter = new WebApiBackendAdapter({
      baseUrl: sim.url,
      credentials: { email: 'admin@nop-sim.local', password: 'admin' },
    });
    await stage(
      TwinRecordKind.Product,
      twinProduct(1, {
        price: '199',
        offer: { price: '149', from: new Date('2030-01-01T00:00:00Z'), to: new Date('2030-02-01T00:00:00Z') },
      }),
    );
    await stage(TwinRecordKind.Product, twinProduct(2, { variants: 2, stock: 3 }));
    await stage(TwinRecordKind.Stock, twinStock(2, 7, 1));
    await stage(TwinRecordKind.Image, twinImage(1, 1));
    await flush();
  });

  afterAll(async () => {
    await adapter?.close();
    await test?.close();
    await sim?.close();
  });

  it('finds nothing after the shop took every record, and says so in the table', async () => {
    const r = await reconcile();
    expect(r.entities.differences).toEqual([]);
    expect(r).toMatchObject({ ok: true, tenantId: tenant.id, duplicates: { products: [], pictures: [] } });
    // product 1, product 2 + its two variant products (the newer variant stock is checked on its product), the image
    expect(r.entities.checked).toBe(5);
    expect(formatReconcileReport(r)).toContain('OK');
  });

  it('lists a changed price, stock and publish state, a lost offer and picture, a duplicate SKU', async () => {
    const client = adapter.client;
    const p1 = (await client.products.getBySku('SKU-1'))!;
    await client.products.update({ ...p1, price: 10, published: false });
    for (const t of await client.tierPrices.getByProduct(p1.id)) await client.tierPrices.delete(t.id);
    const v1 = (await client.products.getBySku('SKU-2-1'))!;
    await client.products.update({ ...v1, stock_quantity: 1 });
    for (const pic of await client.pictures.getByProductId(p1.id)) await client.pictures.delete(pic.id);
    await client.products.create({ ...p1, id: undefined, sku: 'SKU-2' } as never);

    const r = await reconcile();
    const found = r.entities.differences.map((d) => `${d.kind} ${d.key} ${d.field}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'price a:1 price',
        'product a:1 published',
        'offer a:1 tier prices',
        'variant a:2:sc:1 stock_quantity',
        'image product|a:1||1 picture on product',
      ]),
    );
    expect(r.entities.differences.find((d) => d.field === 'stock_quantity')).toMatchObject({ expected: 7, actual: 1 });
    expect(r.duplicates.products).toEqual([{ sku: 'SKU-2', productIds: expect.any(Array) }]);
    expect(r.ok).toBe(false);
    expect(formatReconcileReport(r)).toContain('DIFFERENCES FOUND');
  });

  it('reports a paid shop order that never reached PCK, then one handed over exactly once', async () => {
    const { order } = sim.state.seedOrder({
      items: [{ sku: 'SKU-2-2', quantity: 1, unitPrice: 100 }],
      adjustStock: false,
    });
    const id = Number(order.id);
    let r = await reconcileTenantById(repos, tenant.id);
    expect(r.orders.differences).toEqual([
      expect.objectContaining({ kind: 'order', field: 'staged', actual: 'not staged' }),
    ]);
    await repos.webOrders.stage(tenant.id, [{ shopOrderId: id, record: {} }]);
    await repos.webOrders.handOver(tenant.id, { acknowledgesWithStatus: true });
    r = await reconcileTenantById(repos, tenant.id);
    expect(r.orders.differences).toEqual([
      expect.objectContaining({ field: 'state', expected: 'transferred', actual: 'returned' }),
    ]);
    await repos.webOrders.markTransferred(tenant.id, id);
    r = await reconcileTenantById(repos, tenant.id);
    expect(r.orders).toMatchObject({ checked: 1, handedOverOnce: 1, differences: [] });
  });
});
