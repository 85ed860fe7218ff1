import { twinImage, twinProduct } from '@pcknop/batching-engine';
import { TwinRecordKind } from '@pcknop/twinxml';
import pino from 'pino';
import { loadConfig, Scheduler } from '../src';
import { createSchedulerMetrics } from '../src/lib/metrics';
import { startObservabilityServer } from '../src/lib/observability-server';
import { sleep, useShopTestbed } from './support/shop-testbed';

jest.setTimeout(240_000);

// Issue 14 point 1, scaled: the outage lasts seconds instead of 10 minutes, and the pause grows to 1.5 s instead of
// minutes (probes every 0.5 s instead of 15 s); "within a minute of recovery" becomes "within 20 s" (load margin).
describe('a shop outage (401, then 503) against PostgreSQL and the nopCommerce simulator', () => {
  const bed = useShopTestbed({ seed: 14 });
  const { stage } = bed;
  const logger = pino({ level: process.env.TEST_LOG ?? 'silent' });
  const admin = { email: 'admin@nop-sim.local', password: 'admin' };

  const states = async (tenantId: string) =>
    (
      await bed.t.store.pool.query<{ attempts: number; dead: boolean; applied: boolean }>(
        'SELECT attempts, dead_lettered_at IS NOT NULL AS dead, applied_version >= dirty_version AS applied FROM entity_state WHERE tenant_id = $1',
        [tenantId],
      )
    ).rows;
  /** Runs the flush every 100 ms (as the cron would, every second) for `ms`, or until `done`. */
  async function flushFor(s: Scheduler, ms: number, done?: () => Promise<boolean>): Promise<boolean> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      await s.flush();
      if (done && (await done())) return true;
      await sleep(100);
    }
    return false;
  }

  it('consumes no attempts, dead-letters nothing, shows why in Norwegian, and applies everything soon after recovery', async () => {
    const tenant = await bed.t.repos.tenants.create({
      name: 'Outage',
      pckLogin: 1400,
      pckPassword: 'pw',
      shopUrl: bed.sim.url,
      shop: { ...admin, password: 'changed-in-the-shop' },
    });
    const products = Array.from({ length: 20 }, (_, i) => twinProduct(1400 + i, { variants: i % 5 === 0 ? 2 : 0 }));
    await stage(tenant.id, TwinRecordKind.Product, products);
    await stage(
      tenant.id,
      TwinRecordKind.Image,
      products.slice(0, 5).map((p, i) => twinImage(1400 + i, 1)),
    );
    const config = loadConfig({
      BATCH_MAX_DELAY_MS: '0',
      BATCH_QUIET_MS: '0',
      TENANT_REFRESH_MS: '0',
      // The defaults' retry curve, compressed 50×: without the pause, 8 attempts would be spent in seconds.
      MAX_ATTEMPTS: '8',
      RETRY_BASE_MS: '20',
      RETRY_CAP_MS: '400',
      SHOP_PAUSE_BASE_MS: '100',
      SHOP_PAUSE_CAP_MS: '1500',
      SHOP_PROBE_MS: '500',
    });
    const metrics = createSchedulerMetrics(bed.t.repos);
    const s = new Scheduler({ repos: bed.t.repos, config, logger, metrics });
    const http = await startObservabilityServer({
      port: 0,
      host: '127.0.0.1',
      registry: metrics.registry,
      ready: async () => !s.isStopping,
    });
    const get = (path: string) => fetch(`http://127.0.0.1:${http.port}${path}`);
    try {
      // 401: the shop's API password was changed.
      // Lasts until the pause has grown at least once (a few seconds; longer on a loaded machine).
      await flushFor(s, 5000);
      expect(
        await flushFor(s, 30_000, async () => ((await bed.t.repos.flushPauses.get(tenant.id))?.failures ?? 0) > 1),
      ).toBe(true);
      const auth = await bed.t.repos.flushPauses.get(tenant.id);
      expect(auth).toMatchObject({
        code: 'auth',
        reason: expect.stringContaining('avviser innloggingen'),
        active: expect.any(Boolean),
      });
      expect(auth?.failures).toBeGreaterThan(1);
      const text401 = await (await get('/metrics')).text();
      expect(text401).toMatch(/scheduler_shop_calls_total\{result="401"\} [1-9]/);
      expect(text401).toMatch(new RegExp(`scheduler_oldest_pending_age_seconds\\{tenant="${tenant.id}"\\} \\d`));

      // The operator fixes the password, but now the site is down (503).
      bed.sim.faults.set({ burst503: 1_000_000_000 });
      await bed.t.repos.tenants.update(tenant.id, { shop: admin });
      expect(
        await flushFor(s, 60_000, async () => (await bed.t.repos.flushPauses.get(tenant.id))?.code === 'rate-limited'),
      ).toBe(true);
      expect((await bed.t.repos.flushPauses.get(tenant.id))?.reason).toMatch(/vente/);
      await flushFor(s, 4000);
      expect(await (await get('/metrics')).text()).toMatch(
        new RegExp(
          `scheduler_flush_paused\\{tenant="${tenant.id}",code="(rate-limited|circuit-open)"\\} 1|scheduler_shop_calls_total\\{result="503"\\}`,
        ),
      );

      const during = await states(tenant.id);
      expect(during.filter((x) => x.attempts > 0 || x.dead)).toEqual([]);
      expect(during.filter((x) => x.applied)).toEqual([]);

      // The shop is back.
      bed.sim.faults.reset();
      const recovered = Date.now();
      expect(await flushFor(s, 60_000, async () => (await states(tenant.id)).every((x) => x.applied))).toBe(true);
      const took = Date.now() - recovered;
      expect(took).toBeLessThan(20_000);
      expect(await bed.t.repos.flushPauses.get(tenant.id)).toBeUndefined();
      expect((await states(tenant.id)).filter((x) => x.dead)).toEqual([]);
      for (const p of products) {
        expect(bed.sim.state.productsBySku(p.sku).filter((r) => !r.deleted)).toHaveLength(1);
        for (const v of p.variants)
          expect(bed.sim.state.productsBySku(v.sku).filter((r) => !r.deleted)).toHaveLength(1);
      }
      expect(bed.sim.state.pictures()).toHaveLength(5);

      const text = await (await get('/metrics')).text();
      expect(text).toMatch(/scheduler_batch_duration_seconds_count [1-9]/);
      expect(text).toMatch(/scheduler_batch_records_total\{result="applied"\} [1-9]/);
      expect(text).toMatch(/scheduler_shop_calls_total\{result="200"\} [1-9]/);
      expect((await get('/healthz')).status).toBe(200);
      expect((await get('/readyz')).status).toBe(200);
    } finally {
      await s.stop();
    }
    expect((await get('/readyz')).status).toBe(503);
    await http.close();
  });
});
