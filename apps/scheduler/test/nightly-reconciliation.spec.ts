import { twinProduct } from '@pcknop/batching-engine';
import { WebApiBackendAdapter } from '@pcknop/nopcommerce-client';
import { TwinRecordKind } from '@pcknop/twinxml';
import pino from 'pino';
import { loadConfig, Scheduler } from '../src';
import { useShopTestbed } from './support/shop-testbed';

jest.setTimeout(120_000);

// The nightly reconciliation stores its result per tenant in reconciliation_job (trigger nightly), where the admin
// API reads the latest.
describe('nightly reconciliation result', () => {
  const bed = useShopTestbed({ seed: 8, logLevel: 'silent' });

  it('is stored for each served tenant, with the differences it found', async () => {
    const id = await bed.tenant(77);
    await bed.stage(id, TwinRecordKind.Product, [twinProduct(4000)]);
    const s = new Scheduler({
      repos: bed.t.repos,
      config: loadConfig({ BATCH_MAX_DELAY_MS: '0', BATCH_QUIET_MS: '0', TENANT_REFRESH_MS: '0' }),
      logger: pino({ level: 'silent' }),
    });
    try {
      const end = Date.now() + 60_000;
      while ((await bed.t.repos.entities.backlog(id)).length > 0 && Date.now() < end) await s.flush();
      await s.reconcile();
      const [clean] = await bed.t.repos.reconciliationJobs.list(id, { trigger: 'nightly' });
      // nop-applier's reconciliation, as the admin API's jobs store it (the console shows `result.report`).
      expect(clean).toMatchObject({
        state: 'done',
        trigger: 'nightly',
        result: { report: { ok: true, entities: { differences: [] } }, missedOrdersStaged: [] },
      });
      // The product disappears from the shop: the next nightly run stores the drift.
      const shop = new WebApiBackendAdapter({
        baseUrl: bed.sim.url,
        credentials: { email: 'admin@nop-sim.local', password: 'admin' },
      });
      await shop.client.products.delete(Number(bed.sim.state.productsBySku('SKU-4000')[0].id));
      await shop.close();
      await s.reconcile();
      const [latest] = await bed.t.repos.reconciliationJobs.list(id, { trigger: 'nightly', limit: 1 });
      expect(latest.id).not.toBe(clean.id);
      expect(latest.result).toMatchObject({
        report: {
          ok: false,
          entities: {
            differences: expect.arrayContaining([
              expect.objectContaining({ key: 'a:4000', field: 'exists', actual: 'deleted' }),
            ]),
          },
        },
      });
    } finally {
      await s.stop();
    }
  });
});
