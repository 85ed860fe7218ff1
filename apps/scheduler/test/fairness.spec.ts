import { twinProduct } from '@pcknop/batching-engine';
import { TwinRecordKind, type TwinRecord } from '@pcknop/twinxml';
import pino from 'pino';
import { loadConfig, Scheduler } from '../src';
import { sleep, useShopTestbed } from './support/shop-testbed';

jest.setTimeout(240_000);

/**
 * Fairness with the real pieces: the scheduler (cron flush, default flush policy, ONE tenant slot so the tenants
 * must take turns), PostgreSQL and nop-sim. Tenant A stages a full resend of 2,000 articles; tenant B makes single
 * edits while A drains. Each of B's edits must be in the shop within the max delay, while A still has work pending.
 */
describe('fairness: a full resend does not starve another tenant’s single edits', () => {
  const bed = useShopTestbed({ seed: 3 });
  const { tenant } = bed;
  const maxDelayMs = 5000;

  const stage = (tenantId: string, records: TwinRecord[]) => bed.stage(tenantId, TwinRecordKind.Product, records);
  const { pending } = bed;
  const nameOf = (sku: string) => bed.sim.state.productsBySku(sku).find((p) => !p.deleted)?.name;

  it('B’s edits reach the shop within the max delay while A’s 2,000-article resend is still draining', async () => {
    process.env.SECRETS_KEY ??= Buffer.alloc(32, 7).toString('base64');
    const a = await tenant(9001);
    const b = await tenant(9002);
    await stage(b, [twinProduct(1, { name: 'B original' })]);
    const config = loadConfig({
      BATCH_MAX_DELAY_MS: String(maxDelayMs),
      FLUSH_TENANT_CONCURRENCY: '1',
      TENANT_REFRESH_MS: '0',
    });
    const batches: Array<{ tenantId: string; claimed: number }> = [];
    const s = new Scheduler({
      repos: bed.t.repos,
      config,
      logger: pino({ level: 'silent' }),
      onBatch: (x) => batches.push({ tenantId: x.tenantId, claimed: x.claimed }),
    });
    s.start();
    try {
      // B's product exists first (its create is not what is measured).
      while (nameOf('SKU-1') !== 'B original') await sleep(50);
      await stage(
        a,
        Array.from({ length: 2000 }, (_, i) => twinProduct(100_000 + i)),
      );
      const edits: Array<{ latencyMs: number; aPendingWhenSeen: number }> = [];
      for (let n = 1; n <= 4; n++) {
        await sleep(n === 1 ? 1500 : 500);
        const name = `B edit ${n}`;
        const staged = Date.now();
        await stage(b, [twinProduct(1, { name })]);
        while (nameOf('SKU-1') !== name && Date.now() - staged < 3 * maxDelayMs) await sleep(25);
        edits.push({ latencyMs: Date.now() - staged, aPendingWhenSeen: await pending(a) });
      }
      // Every edit arrived within the max delay, and A was still draining each time.
      for (const e of edits) {
        expect(e.latencyMs).toBeLessThanOrEqual(maxDelayMs);
        expect(e.aPendingWhenSeen).toBeGreaterThan(0);
      }
      // A went in large batches (the policy's max size), B's edits between them. Checked once A has
      // drained: on a loaded machine A's first batch may still be in flight after B's last edit.
      while ((await pending(a)) > 0) await sleep(200);
      const aBatches = batches.filter((x) => x.tenantId === a);
      expect(Math.max(...aBatches.map((x) => x.claimed))).toBe(config.batchMaxSize);
      for (const i of [0, 999, 1999]) expect(bed.sim.state.productsBySku(`SKU-${100_000 + i}`)).toHaveLength(1);
    } finally {
      await s.stop();
    }
  });
});
