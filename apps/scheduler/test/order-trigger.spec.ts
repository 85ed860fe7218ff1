import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toStagedJson, twinProduct } from '@pcknop/batching-engine';
import { startNopSim, type NopSim } from '@pcknop/nop-sim';
import { createTestStore } from '@pcknop/staging-store/testing';
import { TwinRecordKind, recordKey } from '@pcknop/twinxml';
import pino from 'pino';
import { loadConfig, OrderTriggerErrorCode, orderTriggerUrl, readOrderTriggerOptions, Scheduler } from '../src';
import { sleep, until as untilEvery, type TestStore } from './support/shop-testbed';

jest.setTimeout(120_000);

/** Checks every 50 ms: the trigger's calls are spaced by a second or two. */
const until = (check: () => Promise<boolean> | boolean, ms: number) => untilEvery(check, ms, 50);

/** A stand-in for PCK's QueueGetOrders.aspx: records each call, answers with the next scripted status. */
class TriggerServer {
  readonly calls: { at: number; licenceno: string | null; path: string }[] = [];
  statuses: number[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      this.calls.push({ at: Date.now(), licenceno: u.searchParams.get('licenceno'), path: u.pathname });
      const status = this.statuses.shift() ?? 200;
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ OkCount: status === 200 ? 1 : 0, FailedCount: 0, DbResults: [] }));
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/QueueGetOrders.aspx`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

describe('order trigger options', () => {
  it("reads the opt-in, defaults the base URL to PCK's and adds the licence number", () => {
    expect(readOrderTriggerOptions({})).toBeUndefined();
    expect(readOrderTriggerOptions({ orderTrigger: { enabled: false, licenceNo: '1' } })).toBeUndefined();
    const o = readOrderTriggerOptions({ orderTrigger: { enabled: true, licenceNo: 12345 } });
    expect(o).toEqual({ enabled: true, baseUrl: 'https://min.pckasse.no/QueueGetOrders.aspx', licenceNo: '12345' });
    expect(orderTriggerUrl(o!).toString()).toBe('https://min.pckasse.no/QueueGetOrders.aspx?licenceno=12345');
    expect(
      orderTriggerUrl({ enabled: true, baseUrl: 'http://h/Q.aspx?x=1&licenceno=9', licenceNo: '7' }).toString(),
    ).toBe('http://h/Q.aspx?x=1&licenceno=7');
  });

  it('refuses malformed options with a clear error', () => {
    for (const bad of [
      { orderTrigger: 'yes' },
      { orderTrigger: { enabled: true } },
      { orderTrigger: { enabled: true, licenceNo: '1 2' } },
      { orderTrigger: { enabled: true, licenceNo: '1', baseUrl: 'ftp://x' } },
    ]) {
      expect(() => readOrderTriggerOptions(bad)).toThrow(
        expect.objectContaining({ code: OrderTriggerErrorCode.InvalidOptions }),
      );
    }
  });
});

describe('order trigger against PostgreSQL, the nopCommerce simulator and a trigger endpoint', () => {
  let t: TestStore;
  let sim: NopSim | undefined;
  let trigger: TriggerServer;
  let login = 300;
  let ts = 1n;
  const logger = pino({ level: process.env.TEST_LOG ?? 'silent' });
  const config = (extra: Record<string, string> = {}) =>
    loadConfig({
      BATCH_MAX_DELAY_MS: '0',
      BATCH_QUIET_MS: '0',
      TENANT_REFRESH_MS: '0',
      ORDER_POLL_LOOKBACK_MS: '3600000',
      ORDER_TRIGGER_MIN_INTERVAL_MS: '1500',
      ORDER_TRIGGER_RETRY_BASE_MS: '200',
      ORDER_TRIGGER_RETRY_CAP_MS: '400',
      ORDER_TRIGGER_MAX_ATTEMPTS: '3',
      ORDER_TRIGGER_TIMEOUT_MS: '2000',
      ...extra,
    });

  beforeAll(async () => {
    t = await createTestStore();
    trigger = new TriggerServer();
    await trigger.start();
  });
  afterAll(async () => {
    await trigger.close();
    await sim?.close();
    await t.close();
  });
  beforeEach(() => {
    trigger.calls.length = 0;
    trigger.statuses = [];
  });

  /** A tenant with a shop of its own (orders of one shop are polled by every tenant on it) holding product `n`. */
  async function tenant(n: number, options: Record<string, unknown>): Promise<{ id: string; s: Scheduler }> {
    login++;
    // Earlier tests' tenants are switched off, so each test sees only its own tenant's trigger.
    for (const earlier of await t.repos.tenants.list()) await t.repos.tenants.update(earlier.id, { active: false });
    await sim?.close();
    sim = await startNopSim({ port: 0, seed: n });
    const id = (
      await t.repos.tenants.create({
        name: `T${login}`,
        pckLogin: login,
        pckPassword: 'pw',
        shopUrl: sim.url,
        shop: { email: 'admin@nop-sim.local', password: 'admin' },
        options,
      })
    ).id;
    const p = twinProduct(n);
    await t.repos.entities.stage(id, [
      {
        kind: TwinRecordKind.Product,
        key: recordKey(TwinRecordKind.Product, p),
        record: toStagedJson(TwinRecordKind.Product, p),
        pckTimestamp: ts++,
      },
    ]);
    const s = new Scheduler({ repos: t.repos, config: config(), logger });
    expect(
      await until(async () => (await s.flush(), ((await t.repos.entities.backlog(id))[0]?.pending ?? 0) === 0), 30_000),
    ).toBe(true);
    return { id, s };
  }
  const order = (n: number) => sim!.state.seedOrder({ items: [{ sku: `SKU-${n}`, quantity: 1, unitPrice: 100 }] });

  it("calls the tenant's trigger once when a paid order is staged, and records the outcome", async () => {
    const { id, s } = await tenant(7000, { orderTrigger: { enabled: true, baseUrl: trigger.url, licenceNo: '40001' } });
    order(7000);
    await s.pollOrders();
    expect(await until(() => trigger.calls.length === 1, 10_000)).toBe(true);
    expect(trigger.calls[0]).toMatchObject({ licenceno: '40001', path: '/QueueGetOrders.aspx' });
    expect(await until(async () => (await t.repos.orderTriggers.status(id))?.lastOutcome === 'ok', 5000)).toBe(true);
    expect(await t.repos.orderTriggers.status(id)).toMatchObject({
      pending: false,
      lastStatus: 200,
      callsOk: 1,
      callsFailed: 0,
    });
    // A poll with nothing new owes no call.
    await s.pollOrders();
    await s.callOrderTriggers();
    await sleep(300);
    expect(trigger.calls).toHaveLength(1);
    await s.stop();
  });

  it('never calls the trigger of a tenant that has not opted in', async () => {
    const { id, s } = await tenant(7100, {});
    order(7100);
    await s.pollOrders();
    await s.callOrderTriggers();
    await sleep(300);
    expect(trigger.calls).toHaveLength(0);
    expect(await t.repos.orderTriggers.status(id)).toBeNull();
    // A call owed when the tenant switches the trigger off is dropped, not made and not kept pending.
    await t.repos.orderTriggers.request(id);
    await s.callOrderTriggers();
    expect(trigger.calls).toHaveLength(0);
    expect(await t.repos.orderTriggers.status(id)).toMatchObject({ pending: false, callsOk: 0 });
    await s.stop();
  });

  it('keeps to the minimum interval per tenant across two schedulers, and still calls for the later order', async () => {
    const { id, s } = await tenant(7200, { orderTrigger: { enabled: true, baseUrl: trigger.url, licenceNo: '40002' } });
    const other = new Scheduler({ repos: t.repos, config: config(), logger });
    order(7200);
    await s.pollOrders();
    expect(await until(() => trigger.calls.length === 1, 10_000)).toBe(true);
    // More orders right after: both schedulers poll and try to call at once.
    order(7200);
    await Promise.all([s.pollOrders(), other.pollOrders()]);
    order(7200);
    await Promise.all([s.pollOrders(), other.pollOrders()]);
    const end = Date.now() + 4000;
    while (Date.now() < end) {
      await Promise.all([s.callOrderTriggers(), other.callOrderTriggers()]);
      await sleep(50);
    }
    // The later orders owe one more call, made no sooner than 1.5 s after the first; not one per order or scheduler.
    expect(trigger.calls).toHaveLength(2);
    expect(trigger.calls[1].at - trigger.calls[0].at).toBeGreaterThanOrEqual(1400);
    expect(await t.repos.orderTriggers.status(id)).toMatchObject({ pending: false, callsOk: 2 });
    await Promise.all([s.stop(), other.stop()]);
  });

  it('retries a failing trigger with back-off, records each failure, and gives up after the last attempt', async () => {
    const { id, s } = await tenant(7300, { orderTrigger: { enabled: true, baseUrl: trigger.url, licenceNo: '40003' } });
    trigger.statuses = [503, 500];
    order(7300);
    await s.pollOrders();
    expect(
      await until(
        async () => (await s.callOrderTriggers(), (await t.repos.orderTriggers.status(id))?.lastOutcome === 'failed'),
        10_000,
      ),
    ).toBe(true);
    const failing = await t.repos.orderTriggers.status(id);
    expect(failing).toMatchObject({ pending: true, failures: 1, lastOutcome: 'failed', lastStatus: 503 });
    // The second failure is recorded, then the third attempt succeeds (the endpoint answers 200 again).
    expect(
      await until(
        async () => (await s.callOrderTriggers(), (await t.repos.orderTriggers.status(id))?.lastOutcome === 'ok'),
        15_000,
      ),
    ).toBe(true);
    expect(trigger.calls).toHaveLength(3);
    expect(await t.repos.orderTriggers.status(id)).toMatchObject({
      pending: false,
      callsOk: 1,
      callsFailed: 2,
      lastStatus: 200,
      lastError: null,
    });
    // An endpoint that keeps failing: three attempts, then given up (the order still waits for «Oppfrisk»).
    trigger.statuses = [502, 502, 502, 502];
    order(7300);
    await s.pollOrders();
    expect(
      await until(
        async () => (await s.callOrderTriggers(), (await t.repos.orderTriggers.status(id))?.lastOutcome === 'gave-up'),
        20_000,
      ),
    ).toBe(true);
    expect(trigger.calls).toHaveLength(6);
    expect(await t.repos.orderTriggers.status(id)).toMatchObject({ pending: false, lastStatus: 502, callsFailed: 5 });
    await s.stop();
  });

  it('records a time-out when the endpoint does not answer', async () => {
    const hang = createServer(() => undefined);
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(hang.address() as AddressInfo).port}/QueueGetOrders.aspx`;
    const { id, s } = await tenant(7400, { orderTrigger: { enabled: true, baseUrl: url, licenceNo: '40004' } });
    const quick = new Scheduler({
      repos: t.repos,
      config: config({ ORDER_TRIGGER_TIMEOUT_MS: '300', ORDER_TRIGGER_MAX_ATTEMPTS: '5' }),
      logger,
    });
    order(7400);
    await quick.pollOrders();
    expect(
      await until(
        async () => (
          await quick.callOrderTriggers(),
          (await t.repos.orderTriggers.status(id))?.lastOutcome === 'failed'
        ),
        10_000,
      ),
    ).toBe(true);
    expect((await t.repos.orderTriggers.status(id))?.lastError).toMatch(/did not answer in time/);
    await Promise.all([s.stop(), quick.stop()]);
    hang.closeAllConnections();
    await new Promise((r) => hang.close(r));
  });
});
