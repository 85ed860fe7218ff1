import { startApp, type AppProcess } from '@pcknop/launcher/testing';
import { DEFAULT_ADMIN_EMAIL, DEFAULT_ADMIN_PASSWORD, startNopSim, type NopSim } from '@pcknop/nop-sim';
import { PckClient, startOrderTriggerEndpoint, type OrderTriggerEndpoint } from '@pcknop/pck-sim';
import { ADMIN_TOKEN, article, creds, LOGIN, PASSWORD, startGateway, type RunningGateway } from './support';

jest.setTimeout(240_000);

const SHOP = { email: DEFAULT_ADMIN_EMAIL, password: DEFAULT_ADMIN_PASSWORD };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await sleep(100);
  }
  return check();
}

/**
 * The whole path without a click on «Oppfrisk»: paid in the shop → the scheduler's order poll stages it → the order
 * trigger → pck-sim's till fetches it with getOrders and acknowledges it with status 4 — each order exactly once.
 */
describe('paid web orders reach the till through the order trigger', () => {
  let sim: NopSim;
  let gw: RunningGateway;
  let client: PckClient;
  let endpoint: OrderTriggerEndpoint;
  let scheduler: AppProcess | undefined;
  beforeAll(async () => {
    sim = await startNopSim({ port: 0, seed: 31 });
    gw = await startGateway({ shopUrl: sim.url, shop: SHOP });
    client = new PckClient({ url: gw.soapUrl, login: LOGIN, password: PASSWORD });
  });
  afterAll(async () => {
    await scheduler?.stop();
    await endpoint?.close();
    await client.close();
    await gw.close();
    await sim.close();
  });

  it('hands each paid order to PCK once, without «Oppfrisk»', async () => {
    const fetched: number[] = [];
    endpoint = await startOrderTriggerEndpoint({
      client,
      licenceNo: '55001',
      onOrder: (o) => fetched.push(o.deltaOrderId),
    });
    // Switched on as a technician does: a tenant option through the admin API (schema-checked TenantOptions).
    const patch = (orderTrigger: unknown) =>
      fetch(`${gw.url}/admin/tenants/${gw.tenantId}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify({ options: { orderTrigger } }),
      });
    expect((await patch({ enabled: true, baseUrl: endpoint.url })).status).toBe(400);
    expect((await patch({ enabled: true, baseUrl: endpoint.url, licenceNo: '55001' })).status).toBe(200);
    // The test process and the scheduler share SECRETS_KEY (createTestStore set it) and the test database.
    scheduler = startApp('scheduler', 'apps/scheduler/src/main.ts', {
      ...process.env,
      DATABASE_URL: gw.db.db.url,
      ORDER_POLL_CRON: '*/2 * * * * *',
      ORDER_POLL_LOOKBACK_MS: '3600000',
      ORDER_TRIGGER_MIN_INTERVAL_MS: '1000',
      LOG_LEVEL: 'warn',
    });

    // PCK puts an article in the shop (through the scheduler), so the orders have lines the till knows.
    expect((await gw.call('sendArticle', { ...creds, article: article(900, Date.now()) })).result.operationResult).toBe(
      0,
    );
    expect(await until(() => sim.state.productsBySku('ART-900').length > 0, 120_000)).toBe(true);

    const placed: number[] = [];
    for (let i = 0; i < 4; i++) {
      placed.push(
        Number(sim.state.seedOrder({ items: [{ sku: 'ART-900', quantity: 1 + i, unitPrice: 199 }] }).order.id),
      );
      await sleep(i === 1 ? 100 : 1500); // two orders close together: one trigger may bring both
    }
    expect(await until(() => placed.every((id) => fetched.includes(id)), 60_000)).toBe(true);
    await endpoint.idle();
    // A few more poll/trigger rounds: nothing is handed over a second time.
    await sleep(5000);
    await endpoint.idle();
    expect([...fetched].sort((a, b) => a - b)).toEqual(placed);
    for (const id of placed)
      expect(await gw.db.repos.webOrders.get(gw.tenantId, id)).toMatchObject({
        state: 'transferred',
        returnedCount: 1,
        pckStatus: 4,
      });
    const status = await gw.db.repos.orderTriggers.status(gw.tenantId);
    expect(status).toMatchObject({ lastOutcome: 'ok', callsFailed: 0 });
    expect(status!.callsOk).toBeGreaterThanOrEqual(1);
    expect(status!.callsOk).toBeLessThanOrEqual(placed.length);
    expect(endpoint.fetches.every((f) => f.error === undefined)).toBe(true);
  });
});
