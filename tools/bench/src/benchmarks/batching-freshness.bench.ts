import { BatchRunner, DelaySizeQuietPolicy, toStagedJson, twinProduct, twinStock } from '@pcknop/batching-engine';
import { defaultProfile } from '@pcknop/field-mapping';
import { NopApplier } from '@pcknop/nop-applier';
import { NopWebApiClient, WebApiBackendAdapter } from '@pcknop/nopcommerce-client';
import { startNopSim } from '@pcknop/nop-sim';
import { createStore, repositories } from '@pcknop/staging-store';
import { randomBytes } from 'node:crypto';
import { TwinRecordKind, recordKey, type TwinRecord } from '@pcknop/twinxml';
import { defineBenchmark, percentile, type Figure } from '../harness';
import { freshDatabase } from './batching-support';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export default defineBenchmark({
  name: 'batching-freshness',
  description:
    'Freshness (PCK answered → visible through the shop API) under steady load with the default flush policy, and shop calls per 1,000 staged changes vs the minimum.',
  async run({ quick, progress }) {
    process.env.SECRETS_KEY ??= randomBytes(32).toString('base64');
    const db = await freshDatabase();
    const store = createStore({ url: db.url });
    const repos = repositories(store);
    const sim = await startNopSim({ port: 0, seed: 3 });
    const credentials = { email: 'admin@nop-sim.local', password: 'admin' };
    const adapter = new WebApiBackendAdapter({ baseUrl: sim.url, credentials, maxConcurrency: 8 });
    const reader = new NopWebApiClient({ baseUrl: sim.url, credentials });
    const profile = defaultProfile(1);
    const applier = new NopApplier({ adapter });
    const tenant = await repos.tenants.create({ name: 'bench', pckLogin: 1, pckPassword: 'pw' });
    let ts = 1n;
    const stage = async (kind: TwinRecordKind, records: TwinRecord[]) =>
      repos.entities.stage(
        tenant.id,
        records.map((r) => ({
          kind,
          key: recordKey(kind, r as never),
          record: toStagedJson(kind, r),
          pckTimestamp: ts++,
        })),
      );
    const runner = new BatchRunner({
      repos,
      tenant: async () => ({ profile, options: {}, applier }),
      policy: new DelaySizeQuietPolicy(),
    });
    const figures: Figure[] = [];
    const tick = setInterval(() => void runner.flush(), 1000);
    try {
      // --- shop calls per 1,000 staged changes: 100 new products, then 900 stock changes (9 per product).
      const products = Array.from({ length: 100 }, (_, i) => twinProduct(1 + i, { stock: 1 }));
      const before = sim.state.totalCalls();
      await stage(TwinRecordKind.Product, products);
      for (let round = 0; round < 9; round++)
        await stage(
          TwinRecordKind.Stock,
          products.map((p, i) => twinStock(1 + i, round * 10 + i)),
        );
      const drain = async () => {
        for (let i = 0; i < 600 && ((await repos.entities.backlog(tenant.id))[0]?.pending ?? 0) > 0; i++)
          await sleep(100);
      };
      await drain();
      const calls = sim.state.totalCalls() - before;
      // The minimum possible for these 1,000 changes: after perfect coalescing they are 100 new products, each with
      // its final stock count, which fits in the create itself. So: one create per product, one token, and the
      // no-duplicate rule's SKU lookup before creating (batched: one call per 100 SKUs).
      const minimum = products.length + Math.ceil(products.length / 100) + 1;
      figures.push({
        name: 'shop calls per 1,000 staged changes',
        value: calls,
        unit: 'calls',
        better: 'lower',
        baseline: { name: 'minimum possible', value: minimum },
        goal: '≤ 1.2× minimum',
        goalMet: calls <= 1.2 * minimum,
      });
      progress(`calls: ${calls} (minimum ${minimum})`);

      // --- freshness under steady load: single stock edits at a steady rate, each polled through the shop API.
      const seconds = quick ? 12 : 60;
      const rate = quick ? 10 : 20;
      const pendingSince = new Map<string, { at: number; qty: number }>();
      const samples: number[] = [];
      let n = 0;
      const watcher = (async () => {
        while (n >= 0) {
          const open = [...pendingSince.entries()];
          if (open.length > 0) {
            const rows = await reader.products.getBySkus(open.map(([sku]) => sku));
            const now = Date.now();
            for (const row of rows) {
              const want = pendingSince.get(row.sku ?? '');
              if (want && row.stock_quantity === want.qty) {
                samples.push(now - want.at);
                pendingSince.delete(row.sku ?? '');
              }
            }
          }
          await sleep(100);
        }
      })();
      const end = Date.now() + seconds * 1000;
      while (Date.now() < end) {
        const i = n++ % products.length;
        const qty = 1000 + n;
        await stage(TwinRecordKind.Stock, [twinStock(1 + i, qty)]);
        pendingSince.set(products[i].sku, { at: Date.now(), qty });
        await sleep(1000 / rate);
      }
      for (let i = 0; i < 300 && pendingSince.size > 0; i++) await sleep(100);
      n = -1;
      await watcher;
      // Baseline: one unbatched write of the same kind straight to the shop (what a 1:1 relay would take).
      const t0 = Date.now();
      await applier.apply(
        {
          tenantId: tenant.id,
          profile,
          options: {},
          now: new Date(),
          bindings: {
            get: (k, keys) => repos.bindings.get(tenant.id, k, keys),
            save: (b) => repos.bindings.save(tenant.id, b),
          },
        },
        [
          {
            kind: 'stock',
            key: 'a:1||total',
            version: 1n,
            pckTimestamp: ts++,
            deleted: false,
            record: twinStock(1, 5),
          },
        ],
      );
      const direct = Date.now() - t0;
      const p50 = percentile(samples, 50);
      const p95 = percentile(samples, 95);
      figures.push({
        name: 'freshness p50',
        value: p50,
        unit: 'ms',
        better: 'lower',
        baseline: { name: 'one direct shop write', value: direct },
      });
      figures.push({
        name: 'freshness p95',
        value: p95,
        unit: 'ms',
        better: 'lower',
        baseline: { name: 'one direct shop write', value: direct },
        goal: '≤ 10000 ms',
        goalMet: p95 <= 10_000,
      });
      progress(`freshness p50 ${p50} ms, p95 ${p95} ms over ${samples.length} edits`);
    } finally {
      clearInterval(tick);
      await runner.stop(1000);
      await applier.close();
      await reader.close();
      await sim.close();
      await store.close();
      await db.drop();
    }
    return figures;
  },
});
