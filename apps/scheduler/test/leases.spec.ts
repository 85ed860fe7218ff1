import { twinImage, twinProduct } from '@pcknop/batching-engine';
import type { AppProcess } from '@pcknop/launcher/testing';
import { findFreePort } from '@pcknop/staging-store';
import { TwinRecordKind } from '@pcknop/twinxml';
import { crash, startSchedulerProcess } from './support/scheduler-process';
import { until, useShopTestbed } from './support/shop-testbed';

jest.setTimeout(420_000);

// Issue 14 point 2: real scheduler processes against PostgreSQL and the simulator, leases shorter than a batch.
describe('scheduler leases with real processes', () => {
  const children: AppProcess[] = [];
  // Registered first, so it runs first: the processes go before the database they use.
  afterAll(async () => {
    await Promise.all(children.map(crash));
  });
  const bed = useShopTestbed({ seed: 24 }, 2400);
  const { tenant, stage, pending } = bed;
  beforeEach(() => bed.sim.faults.reset(3));

  const live = (sku: string) => bed.sim.state.productsBySku(sku).filter((p) => !p.deleted);
  const picturesOf = (productId: unknown) =>
    bed.sim.state.list('productPictures').filter((m) => m.product_id === productId).length;
  function start(port: number, extra: Record<string, string> = {}): AppProcess {
    const child = startSchedulerProcess(bed.t.db.url, {
      LEASE_MS: '2000',
      SCHEDULER_PORT: String(port),
      SCHEDULER_HOST: '127.0.0.1',
      ...extra,
    });
    children.push(child);
    return child;
  }
  /** Stages `count` products from article `first` on (`variantsOf(i)` variants each), each with one picture. */
  async function stageWithPictures(
    id: string,
    first: number,
    count: number,
    picture: number,
    variantsOf = (_i: number) => 0,
  ) {
    const products = Array.from({ length: count }, (_, i) => twinProduct(first + i, { variants: variantsOf(i) }));
    await stage(id, TwinRecordKind.Product, products);
    await stage(
      id,
      TwinRecordKind.Image,
      products.map((_, i) => twinImage(first + i, picture)),
    );
    return products;
  }
  const rowsOf = async (sql: string, tenantId: string) => (await bed.t.store.pool.query(sql, [tenantId])).rows;
  const answers = (port: number, path: string) =>
    fetch(`http://127.0.0.1:${port}${path}`).then(
      (r) => r.status,
      () => 0,
    );

  it('two schedulers, LEASE_MS=2000, 2.5 s shop latency: no duplicate product or picture; each serves its own /healthz and /metrics', async () => {
    const id = await tenant();
    const products = await stageWithPictures(id, 2400, 6, 1);
    bed.sim.faults.set({ latencyMs: 2500 });
    const [portA, portB] = [await findFreePort(), await findFreePort()];
    const a = start(portA);
    const b = start(portB);
    try {
      expect(
        await until(
          async () => (await answers(portA, '/healthz')) === 200 && (await answers(portB, '/healthz')) === 200,
          60_000,
        ),
      ).toBe(true);
      expect(await until(async () => (await pending(id)) === 0, 300_000)).toBe(true);
      const metrics = await (await fetch(`http://127.0.0.1:${portA}/metrics`)).text();
      expect(metrics).toContain('scheduler_oldest_pending_age_seconds');
      expect(await answers(portB, '/readyz')).toBe(200);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    for (const p of products) {
      expect(live(p.sku)).toHaveLength(1);
      expect(picturesOf(live(p.sku)[0].id)).toBe(1);
    }
    expect(bed.sim.state.pictures()).toHaveLength(products.length);
    // Each record went to the shop in exactly one batch: no lease ran out under the other scheduler.
    expect(
      await rowsOf(
        "SELECT r.key, count(*)::int AS n FROM batch_receipt r JOIN batch b ON b.id = r.batch_id WHERE b.tenant_id = $1 AND r.status = 'ok' GROUP BY r.key HAVING count(*) > 1",
        id,
      ),
    ).toEqual([]);
  });

  it('a scheduler killed with SIGKILL mid-batch (products and pictures): another converges with no duplicates', async () => {
    const id = await tenant();
    const products = await stageWithPictures(id, 2500, 30, 2, (i) => (i % 6 === 0 ? 2 : 0));
    bed.sim.faults.set({ latencyMs: 40 });
    const port = await findFreePort();
    const first = start(port, { BATCH_MAX_SIZE: '20' });
    // Killed once a batch is under way: leases held and some of its products already in the shop.
    expect(
      await until(async () => {
        const [leased] = await rowsOf(
          'SELECT count(*)::int AS n FROM entity_state WHERE tenant_id = $1 AND lease_owner IS NOT NULL',
          id,
        );
        return leased.n > 0 && products.some((p) => live(p.sku).length > 0);
      }, 120_000),
    ).toBe(true);
    await crash(first);
    expect(await pending(id)).toBeGreaterThan(0);
    // The second one also takes the first one's port: it is free again.
    const second = start(port, { BATCH_MAX_SIZE: '20' });
    try {
      expect(await until(async () => (await pending(id)) === 0, 240_000)).toBe(true);
      expect(await answers(port, '/healthz')).toBe(200);
    } finally {
      await second.stop();
    }
    for (const p of products) {
      expect(live(p.sku)).toHaveLength(1);
      for (const v of p.variants) expect(live(v.sku)).toHaveLength(1);
      expect(picturesOf(live(p.sku)[0].id)).toBe(1);
    }
    expect(
      await rowsOf(
        'SELECT key, last_error FROM entity_state WHERE tenant_id = $1 AND dead_lettered_at IS NOT NULL',
        id,
      ),
    ).toEqual([]);
  });

  it('a scheduler whose SCHEDULER_PORT is taken keeps working without health and metrics', async () => {
    const id = await tenant();
    await stage(id, TwinRecordKind.Product, [twinProduct(2600)]);
    const port = await findFreePort();
    const holder = start(port, {
      BATCH_MAX_DELAY_MS: '3600000',
      BATCH_QUIET_MS: '3600000',
      BATCH_MAX_SIZE: '100000',
      BATCH_EDIT_LANE_MAX: '0',
    });
    expect(await until(async () => (await answers(port, '/healthz')) === 200, 60_000)).toBe(true);
    const second = start(port);
    try {
      expect(await until(async () => (await pending(id)) === 0, 90_000)).toBe(true);
      expect(second.child.exitCode).toBeNull();
    } finally {
      await Promise.all([holder.stop(), second.stop()]);
    }
    expect(live('SKU-2600')).toHaveLength(1);
  });
});
