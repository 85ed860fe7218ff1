import { Decimal } from 'decimal.js';
import { twinProduct, twinStock } from '@pcknop/batching-engine';
import { TwinRecordKind } from '@pcknop/twinxml';
import pino from 'pino';
import { loadConfig, pollOrders, reconcileNightly, Scheduler } from '../src';
import { crash, startSchedulerProcess } from './support/scheduler-process';
import { until, useShopTestbed } from './support/shop-testbed';

jest.setTimeout(180_000);

describe('scheduler against PostgreSQL and the nopCommerce simulator', () => {
  const bed = useShopTestbed({ seed: 5 });
  const { tenant, stage, pending } = bed;
  const logger = pino({ level: process.env.TEST_LOG ?? 'silent' });

  beforeEach(() => {
    bed.sim.faults.reset(9);
  });

  const config = (extra: Record<string, string> = {}) =>
    loadConfig({
      BATCH_MAX_DELAY_MS: '0',
      BATCH_QUIET_MS: '0',
      BATCH_MAX_SIZE: '25',
      RETRY_BASE_MS: '20',
      RETRY_CAP_MS: '200',
      MAX_ATTEMPTS: '50',
      TENANT_REFRESH_MS: '0',
      ...extra,
    });
  const liveCount = (sku: string) => bed.sim.state.productsBySku(sku).filter((p) => !p.deleted).length;

  it('converges under injected faults (10% 5xx after the fact, 503 bursts, latency, resets): nothing lost, nothing duplicated', async () => {
    const id = await tenant();
    const products = Array.from({ length: 60 }, (_, i) =>
      twinProduct(1000 + i, { variants: i % 4 === 0 ? 2 : 0, stock: 3 }),
    );
    await stage(id, TwinRecordKind.Product, products);
    await stage(
      id,
      TwinRecordKind.Stock,
      products
        .filter((p) => p.variants.length === 0)
        .slice(0, 20)
        .map((p) => twinStock(Number(p.key.slice(2)), 42)),
    );
    bed.sim.faults.set({
      errorRate: 0.1,
      errorPhase: 'after',
      resetRate: 0.02,
      latencyMs: 2,
      latencyJitterMs: 5,
      burst503: 5,
    });
    const s = new Scheduler({ repos: bed.t.repos, config: config(), logger });
    expect(await until(async () => (await s.flush(), (await pending(id)) === 0), 150_000)).toBe(true);
    await s.stop();
    expect(bed.sim.faults.injected().error).toBeGreaterThan(0);
    bed.sim.faults.reset();
    const dead = await bed.t.store.pool.query(
      'SELECT kind, key, last_error FROM entity_state WHERE tenant_id = $1 AND dead_lettered_at IS NOT NULL LIMIT 3',
      [id],
    );
    expect(dead.rows).toEqual([]);
    const wrong = products
      .flatMap((p) => [p.sku, ...p.variants.map((v) => v.sku)])
      .filter((sku) => liveCount(sku) !== 1);
    expect(
      wrong.map((sku) => ({
        sku,
        rows: bed.sim.state.productsBySku(sku).map((r) => ({ id: r.id, deleted: r.deleted })),
      })),
    ).toEqual([]);
    expect(bed.sim.state.productsBySku('SKU-1001')[0].stock_quantity).toBe(42);
  });

  it("a tenant's flush option wins over BATCH_*, and its profile is the one field-mapping resolves", async () => {
    const capped = await tenant(undefined, { flush: { maxBatchSize: 4 } });
    const plain = await tenant();
    await stage(
      capped,
      TwinRecordKind.Product,
      Array.from({ length: 10 }, (_, i) => twinProduct(7000 + i)),
    );
    await stage(
      plain,
      TwinRecordKind.Product,
      Array.from({ length: 10 }, (_, i) => twinProduct(7100 + i)),
    );
    const sizes = new Map<string, number[]>();
    const s = new Scheduler({
      repos: bed.t.repos,
      config: config({ BATCH_EDIT_LANE_MAX: '0' }),
      logger,
      onBatch: (b) => sizes.set(b.tenantId, [...(sizes.get(b.tenantId) ?? []), b.claimed]),
    });
    expect(
      await until(async () => (await s.flush(), (await pending(capped)) + (await pending(plain)) === 0), 60_000),
    ).toBe(true);
    // Without a «Webshop kunde» id: a new customer per order, as the gateway reads the same tenant.
    expect((await s.tenants.get(plain))?.profile.orders.customerMode).toBe('customerPerOrder');
    await s.stop();
    expect(sizes.get(capped)).toEqual([4, 4, 2]);
    expect(sizes.get(plain)).toEqual([10]);
  });

  it('two schedulers in parallel share the work without duplicates', async () => {
    const id = await tenant();
    const products = Array.from({ length: 80 }, (_, i) => twinProduct(2000 + i));
    await stage(id, TwinRecordKind.Product, products);
    bed.sim.faults.set({ latencyMs: 3 });
    const a = new Scheduler({ repos: bed.t.repos, config: config(), logger });
    const b = new Scheduler({ repos: bed.t.repos, config: config(), logger });
    const batches = { a: 0, b: 0 };
    await Promise.all([
      until(async () => (await a.flush(), batches.a++, (await pending(id)) === 0), 60_000),
      until(async () => (await b.flush(), batches.b++, (await pending(id)) === 0), 60_000),
    ]);
    await Promise.all([a.stop(), b.stop()]);
    for (const p of products) expect(liveCount(p.sku)).toBe(1);
    const workers = await bed.t.store.pool.query(
      'SELECT count(DISTINCT worker)::int AS n FROM batch WHERE tenant_id = $1',
      [id],
    );
    expect(workers.rows[0].n).toBe(2);
  });

  it('polls paid orders with an overlap and stages each once', async () => {
    const id = await tenant();
    await stage(id, TwinRecordKind.Product, [twinProduct(3000)]);
    const s = new Scheduler({ repos: bed.t.repos, config: config(), logger });
    await until(async () => (await s.flush(), (await pending(id)) === 0), 30_000);
    const order = bed.sim.state.seedOrder({ items: [{ sku: 'SKU-3000', quantity: 2, unitPrice: 125 }] });
    const served = await s.tenants.get(id);
    const opts = { overlapMs: 60_000, lookbackMs: 3600_000 };
    const first = await pollOrders(bed.t.repos, served!, opts);
    const second = await pollOrders(bed.t.repos, served!, opts);
    expect(first).toContain(order.order.id);
    expect(second).toEqual([]);
    const staged = await bed.t.repos.webOrders.get(id, Number(order.order.id));
    expect(JSON.stringify(staged?.record)).toContain('a:3000');
    // A card payment authorised at checkout (captured when PCK delivers) reaches PCK too; an unpaid one does not.
    const authorised = bed.sim.state.seedOrder({
      items: [{ sku: 'SKU-3000', quantity: 1, unitPrice: 125 }],
      authorized: true,
    });
    const unpaid = bed.sim.state.seedOrder({ items: [{ sku: 'SKU-3000', quantity: 1, unitPrice: 125 }], paid: false });
    const third = await pollOrders(bed.t.repos, served!, opts);
    expect(third).toContain(authorised.order.id);
    expect(third).not.toContain(unpaid.order.id);
    await s.stop();
  });

  it('finds an order by its payment, not its creation: created 10:00, paid 10:30, after a later order was paid first', async () => {
    const id = await tenant();
    const s = new Scheduler({ repos: bed.t.repos, config: config(), logger });
    const served = await s.tenants.get(id);
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    for (const sku of ['SKU-A', 'SKU-B'])
      await served!.adapter.upsertProduct({
        sku,
        name: sku,
        price: new Decimal(100),
        stockTracking: 'product',
        stockQuantity: 50,
      });
    // 10:00: order A created, not paid yet (a bank transfer, a payment page left open). 10:20: order B created and paid.
    const a = bed.sim.state.seedOrder({
      items: [{ sku: 'SKU-A', quantity: 1, unitPrice: 100 }],
      paid: false,
      createdOnUtc: at(40),
    });
    const b = bed.sim.state.seedOrder({ items: [{ sku: 'SKU-B', quantity: 1, unitPrice: 100 }], createdOnUtc: at(20) });
    const opts = { overlapMs: 60_000, lookbackMs: 3600_000 };
    const first = await pollOrders(bed.t.repos, served!, opts);
    expect(first).toContain(b.order.id);
    expect(first).not.toContain(a.order.id);
    // 10:30: A is paid. Its creation time lies long before the newest order seen, and it is still found.
    await served!.adapter.client.http.send({
      method: 'GET',
      path: `/api-backend/OrderProcessing/MarkOrderAsPaid/${a.order.id}`,
      idempotent: false,
    });
    const second = await pollOrders(bed.t.repos, served!, opts);
    expect(second).toEqual([a.order.id]);
    // Nothing pending any more: the cursor moves on to the newest order, and nothing is staged twice.
    expect(await pollOrders(bed.t.repos, served!, opts)).toEqual([]);
    expect(Date.parse((await bed.t.repos.cursors.get(id, 'orders.paidCreatedFrom')) ?? '')).toBeGreaterThan(
      at(21).getTime(),
    );
    await s.stop();
  });

  it('the nightly reconciliation covers orders: a paid order the poll missed is staged once and reported', async () => {
    const id = await tenant();
    const s = new Scheduler({ repos: bed.t.repos, config: config(), logger });
    const served = await s.tenants.get(id);
    await served!.adapter.upsertProduct({
      sku: 'SKU-M',
      name: 'M',
      price: new Decimal(80),
      stockTracking: 'product',
      stockQuantity: 50,
    });
    // Paid two hours ago, while the poll's cursor was already past it (the poll was down, or the payment came late).
    const missed = bed.sim.state.seedOrder({
      items: [{ sku: 'SKU-M', quantity: 1, unitPrice: 80 }],
      createdOnUtc: new Date(Date.now() - 2 * 3600_000),
    });
    await bed.t.repos.cursors.set(id, 'orders.paidCreatedFrom', new Date().toISOString());
    expect(await pollOrders(bed.t.repos, served!, { overlapMs: 60_000, lookbackMs: 3600_000 })).not.toContain(
      missed.order.id,
    );
    const nightly = () => reconcileNightly(bed.t.repos, served!, { lookbackMs: 24 * 3600_000, repair: false });
    const first = await nightly();
    expect(first.missedOrdersStaged).toContain(missed.order.id);
    // Staged, not yet handed to PCK: the report says so.
    expect(first.report.orders.differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'order', field: 'state', expected: 'transferred', actual: 'staged' }),
      ]),
    );
    expect((await nightly()).missedOrdersStaged).toEqual([]);
    // The scheduler's nightly job runs the same sweep, and stores what it staged.
    const other = bed.sim.state.seedOrder({
      items: [{ sku: 'SKU-M', quantity: 1, unitPrice: 80 }],
      createdOnUtc: new Date(Date.now() - 3 * 3600_000),
    });
    await s.reconcile();
    expect(await bed.t.repos.webOrders.get(id, Number(other.order.id))).toMatchObject({ state: 'staged' });
    const [stored] = await bed.t.repos.reconciliationJobs.list(id, { trigger: 'nightly', limit: 1 });
    expect(stored.result).toMatchObject({ missedOrdersStaged: [other.order.id], report: { ok: false } });
    await s.stop();
  });

  it('a scheduler killed with SIGKILL mid-batch and restarted converges with no duplicates', async () => {
    const id = await tenant();
    const products = Array.from({ length: 150 }, (_, i) => twinProduct(4000 + i, { variants: i % 5 === 0 ? 2 : 0 }));
    await stage(id, TwinRecordKind.Product, products);
    bed.sim.faults.set({ latencyMs: 15, errorRate: 0.05, errorPhase: 'after' });
    const start = () =>
      startSchedulerProcess(bed.t.db.url, {
        LEASE_MS: '2000',
        BATCH_MAX_SIZE: '40',
        RETRY_BASE_MS: '50',
        RETRY_CAP_MS: '500',
        MAX_ATTEMPTS: '50',
      });
    const first = start();
    // Kill it once a batch is under way (a batch row exists, entities still leased).
    const underWay = await until(async () => {
      const r = await bed.t.store.pool.query(
        'SELECT count(*)::int AS n FROM entity_state WHERE tenant_id = $1 AND lease_owner IS NOT NULL',
        [id],
      );
      return r.rows[0].n > 0 && liveCount('SKU-4000') + liveCount('SKU-4001') > 0;
    }, 60_000);
    expect(underWay).toBe(true);
    await crash(first);
    expect(await pending(id)).toBeGreaterThan(0);
    const second = start();
    try {
      expect(await until(async () => (await pending(id)) === 0, 120_000)).toBe(true);
    } finally {
      await second.stop();
    }
    bed.sim.faults.reset();
    for (const p of products) {
      expect(liveCount(p.sku)).toBe(1);
      for (const v of p.variants) expect(liveCount(v.sku)).toBe(1);
    }
  });
});
