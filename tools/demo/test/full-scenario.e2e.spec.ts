import { Decimal } from 'decimal.js';
import { Client } from 'pg';
import { startStack, type Stack } from '@pcknop/launcher/testing';
import { runDemo, type DemoResult } from '../src';
import { expectOrdersHandedOverOnce } from './support/orders-handed-over';
import { shopDuplicates } from './support/shop-duplicates';

// The whole system for real: the gateway and the scheduler as child processes (as `npm start` runs them), the
// nopCommerce simulator in-process with faults injected, PCK's full scenario (pck-sim) and paid orders.
jest.setTimeout(420_000);

const ARTICLES = 30;
const ORDERS = 4;

describe('full scenario: gateway + scheduler (child processes) + nop-sim with faults', () => {
  let stack: Stack;
  let sim: Stack['sim'];
  let pg: Client;
  let result: DemoResult;
  const log: string[] = [];
  const pckLogin = 4711;
  const pckPassword = 'hemmelig-e2e';
  let tenantId: string;
  let faultsSeen: { error: number; reset: number; rate503: number; phases: number };

  beforeAll(async () => {
    stack = await startStack({
      database: 'demo_e2e',
      simSeed: 11,
      pck: { login: pckLogin, password: pckPassword },
      simIsDefaultShop: true,
      scheduler: true,
      env: {
        BATCH_MAX_DELAY_MS: '300',
        BATCH_QUIET_MS: '150',
        // Faults must be retried, never dead-lettered, within the test's time.
        MAX_ATTEMPTS: '60',
        RETRY_BASE_MS: '100',
        RETRY_CAP_MS: '1500',
        RETRY_SWEEP_CRON: '* * * * * *',
        ORDER_POLL_CRON: '*/2 * * * * *',
        TENANT_REFRESH_MS: '1000',
      },
    });
    sim = stack.sim;
    pg = new Client({ connectionString: stack.db.url });
    await pg.connect();

    // A bad day at the shop: 10 % 5xx (first after the action was applied, later before), latency with jitter,
    // connection resets and a 503 burst. The error phase alternates every 3 s. (Only one burst: a burst re-armed
    // faster than calls consume it meets every half-open probe of the client's circuit breaker, which then never
    // closes — a shop that is down, not a bad day.)
    sim.faults.set({
      errorRate: 0.1,
      errorPhase: 'after',
      latencyMs: 3,
      latencyJitterMs: 12,
      resetRate: 0.02,
      burst503: 6,
    });
    const phases: Array<'before' | 'after'> = [];
    const rearm = setInterval(() => {
      const errorPhase = sim.faults.get().errorPhase === 'after' ? 'before' : 'after';
      phases.push(errorPhase);
      sim.faults.set({ errorPhase });
    }, 3_000);
    try {
      result = await runDemo({
        gatewayUrl: stack.soapUrl,
        adminUrl: stack.adminUrl,
        adminToken: stack.adminToken,
        shopUrl: sim.url,
        pckLogin,
        pckPassword,
        articles: ARTICLES,
        orders: ORDERS,
        seed: 42,
        timeScale: 0.002,
        drainTimeoutMs: Number(process.env.E2E_DRAIN_MS ?? 150_000),
        log: (l) => log.push(l),
      });
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${log.join('\n')}\n${stack.logs()}`, { cause: error });
    } finally {
      clearInterval(rearm);
      faultsSeen = { ...sim.faults.injected(), phases: new Set(phases).size };
      if (process.env.E2E_DEBUG) console.log(log.join('\n'), faultsSeen, stack.logs());
    }
    const tenants = await stack.admin<Array<{ id: string; pckLogin: number }>>('GET', '/tenants');
    tenantId = tenants.find((t) => t.pckLogin === pckLogin)?.id ?? '';
  });

  afterAll(async () => {
    // Our connection first: the database is dropped with the stack (children first, even when the run failed).
    await pg?.end();
    await stack?.close();
  });

  it('injected faults really happened, and PCK saw every call accepted in the end', () => {
    expect(faultsSeen.error).toBeGreaterThan(0);
    expect(faultsSeen.reset).toBeGreaterThan(0);
    expect(faultsSeen.rate503).toBeGreaterThan(0);
    expect(faultsSeen.phases).toBe(2);
    expect(result.catalogue.permanentErrors).toEqual([]);
    expect(result.catalogue.abandoned).toEqual([]);
    expect(result.orders.permanentErrors).toEqual([]);
    expect(result.orders.abandoned).toEqual([]);
  });

  it('ends with a reconciliation without differences: catalogue, orders, deliveries, duplicates', () => {
    const r = result.reconciliation;
    const summary = {
      entities: r.entities.differences.slice(0, 10),
      orders: r.orders.differences.slice(0, 10),
      duplicates: r.duplicates,
    };
    expect(summary).toEqual({ entities: [], orders: [], duplicates: { products: [], pictures: [] } });
    expect(r.ok).toBe(true);
    expect(r.entities.checked).toBeGreaterThan(ARTICLES);
    expect(r.orders.checked).toBe(ORDERS);
    expect(r.orders.handedOverOnce).toBe(ORDERS);
  });

  it('the shop holds no duplicate product (by SKU), picture or tier price, and no orphan picture', () => {
    sim.faults.reset();
    const d = shopDuplicates(sim);
    expect({ skus: d.skus, pictures: d.pictures, tierPrices: d.tierPrices, orphanPictures: d.orphanPictures }).toEqual({
      skus: [],
      pictures: [],
      tierPrices: [],
      orphanPictures: [],
    });
    expect(d.liveSkus).toBeGreaterThanOrEqual(ARTICLES);
    expect(d.pictureMappings).toBeGreaterThan(0);
  });

  it('hands every paid order to PCK exactly once', async () => {
    const paid = sim.state
      .orders()
      .filter((o) => o.payment_status_id === 30 || o.payment_status_id === 35 || o.payment_status_id === 40);
    expect(paid.map((o) => Number(o.id)).sort()).toEqual([...result.seededOrderIds].sort());
    await expectOrdersHandedOverOnce(pg, tenantId, result, ORDERS);
  });

  it('finishes each delivery exactly once: one row, one shipment, authorised orders captured once, amounts adding up', async () => {
    const sent = result.orders.orders.details.flatMap((o) => o.deliveries);
    expect(sent.filter((d) => !d.ok)).toEqual([]);
    expect(sent.length).toBeGreaterThan(0);
    const rows = await pg.query<{
      ref: string;
      shop_order_id: number;
      state: string;
      shipment_id: number | null;
      amount: string | null;
    }>(
      "SELECT ref, shop_order_id, state, shipment_id, amount::text FROM delivery WHERE tenant_id = $1 AND ref LIKE 'delivery:%'",
      [tenantId],
    );
    expect(rows.rows.map((r) => r.ref).sort()).toEqual(sent.map((d) => `delivery:${d.sendId}`).sort());
    for (const r of rows.rows) {
      expect(r.state).toBe('done');
      const d = sent.find((x) => `delivery:${x.sendId}` === r.ref);
      expect(new Decimal(r.amount ?? 0).toFixed(2)).toBe(new Decimal(d?.amount ?? 0).toFixed(2));
    }
    const orderIds = new Set(rows.rows.map((r) => r.shop_order_id));
    let capturedOrders = 0;
    for (const id of orderIds) {
      const mine = rows.rows.filter((r) => r.shop_order_id === id);
      const shipments = sim.state.list('shipments').filter((s) => Number(s.order_id) === id);
      expect({ id, shipments: shipments.length }).toEqual({
        id,
        shipments: new Set(mine.map((r) => r.shipment_id)).size,
      });
      const captures = sim.state.orderNotes(id).filter((n) => /has been captured/i.test(String(n.note)));
      expect({ id, captures: captures.length }).toEqual({ id, captures: Math.min(captures.length, 1) });
      capturedOrders += captures.length;
      const order = sim.state.orders().find((o) => Number(o.id) === id);
      // Captured or paid, never left authorised after a delivery.
      expect([30, 35, 40]).toContain(order?.payment_status_id);
    }
    // The demo pays every other order at checkout and only authorises the others: the gateway captured exactly those.
    expect(capturedOrders).toBe(Math.floor(orderIds.size / 2));
    const captured = rows.rows.reduce((sum, r) => sum.plus(r.amount ?? 0), new Decimal(0));
    expect(captured.toFixed(2)).toBe(result.orders.orders.captured.toFixed(2));
  });
});
