import { toStagedJson, twinProduct } from '@pcknop/batching-engine';
import { startNopSim, type NopSim } from '@pcknop/nop-sim';
import { WebApiBackendAdapter } from '@pcknop/nopcommerce-client';
import { createTestStore } from '@pcknop/staging-store/testing';
import { TwinRecordKind, recordKey } from '@pcknop/twinxml';
import pino from 'pino';
import { loadConfig, Scheduler } from '../src';

jest.setTimeout(120_000);

// The nightly reconciliation stores its result per tenant in reconciliation_job (trigger nightly), where the admin
// API reads the latest.
describe('nightly reconciliation result', () => {
  let t: Awaited<ReturnType<typeof createTestStore>>;
  let sim: NopSim;
  beforeAll(async () => {
    t = await createTestStore();
    sim = await startNopSim({ port: 0, seed: 8, logLevel: 'silent' });
  });
  afterAll(async () => {
    await sim.close();
    await t.close();
  });

  it('is stored for each served tenant, with the differences it found', async () => {
    const id = (await t.repos.tenants.create({ name: 'N', pckLogin: 77, pckPassword: 'pw-nightly', shopUrl: sim.url, shop: { email: 'admin@nop-sim.local', password: 'admin' } })).id;
    const p = twinProduct(4000);
    await t.repos.entities.stage(id, [{ kind: TwinRecordKind.Product, key: recordKey(TwinRecordKind.Product, p as never), record: toStagedJson(TwinRecordKind.Product, p), pckTimestamp: 1n }]);
    const s = new Scheduler({ repos: t.repos, config: loadConfig({ BATCH_MAX_DELAY_MS: '0', BATCH_QUIET_MS: '0', TENANT_REFRESH_MS: '0' }), logger: pino({ level: 'silent' }) });
    try {
      const end = Date.now() + 60_000;
      while ((await t.repos.entities.backlog(id)).length > 0 && Date.now() < end) await s.flush();
      await s.reconcile();
      const [clean] = await t.repos.reconciliationJobs.list(id, { trigger: 'nightly' });
      // nop-applier's reconciliation, as the admin API's jobs store it (the console shows `result.report`).
      expect(clean).toMatchObject({ state: 'done', trigger: 'nightly', result: { report: { ok: true, entities: { differences: [] } }, missedOrdersStaged: [] } });
      // The product disappears from the shop: the next nightly run stores the drift.
      const shop = new WebApiBackendAdapter({ baseUrl: sim.url, credentials: { email: 'admin@nop-sim.local', password: 'admin' } });
      await shop.client.products.delete(Number(sim.state.productsBySku('SKU-4000')[0].id));
      await shop.close();
      await s.reconcile();
      const [latest] = await t.repos.reconciliationJobs.list(id, { trigger: 'nightly', limit: 1 });
      expect(latest.id).not.toBe(clean.id);
      expect(latest.result).toMatchObject({ report: { ok: false, entities: { differences: expect.arrayContaining([expect.objectContaining({ key: 'a:4000', field: 'exists', actual: 'deleted' })]) } } });
    } finally {
      await s.stop();
    }
  });
});
