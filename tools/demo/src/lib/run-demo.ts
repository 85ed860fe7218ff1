import type { ReconcileReport } from '@pcknop/nop-applier';
import {
  dailyEdits,
  initialTransfer,
  orderCycle,
  runScenario,
  sequence,
  switchGroupSource,
  type Catalogue,
  type RunReport,
  type Scenario,
} from '@pcknop/pck-sim';
import { DemoError, DemoErrorCode } from './demo.exception';

export interface DemoOptions {
  /** The gateway's WebshopWS endpoint, e.g. http://127.0.0.1:8080/WebshopWS. */
  gatewayUrl: string;
  /** The gateway's admin API base, e.g. http://127.0.0.1:8080/admin. */
  adminUrl: string;
  adminToken: string;
  /** The nopCommerce simulator (its `/__sim` control API seeds the paid orders). */
  shopUrl: string;
  pckLogin: number;
  pckPassword: string;
  articles?: number;
  seed?: number;
  /** Paid web orders placed in the simulated shop before «Oppfrisk» (default 4). */
  orders?: number;
  /** Multiplies PCK's retry delays (default 0.002: 5 min → 0.6 s). */
  timeScale?: number;
  /** How long to wait for the scheduler to bring the shop in step, per phase (default 180 s). */
  drainTimeoutMs?: number;
  /** How long to wait for the gateway's /readyz (default 60 s). */
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface DemoResult {
  catalogue: RunReport;
  orders: RunReport;
  seededOrderIds: number[];
  reconciliation: ReconcileReport;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class AdminApi {
  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  async get<T>(path: string): Promise<T> {
    const res = await fetch(`${this.base}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
    if (!res.ok) throw new DemoError(DemoErrorCode.AdminApi, `GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
}

async function waitForGateway(gatewayUrl: string, timeoutMs: number): Promise<void> {
  const ready = new URL('/readyz', gatewayUrl).toString();
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (
      await fetch(ready).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await sleep(500);
  }
  throw new DemoError(DemoErrorCode.NotRunning, ready);
}

/**
 * Polls `until` every second until it holds or the time is up; returns the last value read. A failed read (the
 * reconciliation answers 502 while the shop has a bad moment) is retried, not fatal: only when no read succeeded
 * in the whole time is the last error thrown.
 */
async function poll<T>(read: () => Promise<T>, until: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: { value: T } | undefined;
  let error: unknown;
  for (;;) {
    try {
      last = { value: await read() };
      if (until(last.value)) return last.value;
    } catch (e) {
      error = e;
    }
    if (Date.now() >= end) break;
    await sleep(1000);
  }
  if (!last) throw error;
  return last.value;
}

/**
 * The demo's catalogue: the initial transfer (webgrupper), a day of edits, a switch to varegrupper and back to
 * webgrupper (whose groups of level 2–3 come without a parent: PCK names a web group's level, not its parent).
 */
export function demoCatalogue(seed: number, articles: number): Scenario {
  const catalogueOf = (s: Scenario): Catalogue => {
    if (!s.catalogue) throw new DemoError(DemoErrorCode.BadOption, `scenario ${s.name} has no catalogue`);
    return s.catalogue;
  };
  const init = initialTransfer(seed, articles, { groupSource: 'webGroups' });
  const day = dailyEdits(catalogueOf(init), { seed: seed + 1 });
  const toArticleGroups = switchGroupSource(catalogueOf(day), 'articleGroups');
  const backToWebGroups = switchGroupSource(catalogueOf(toArticleGroups), 'webGroups');
  return sequence('demo catalogue', init, day, toArticleGroups, backToWebGroups);
}

/**
 * The full scenario against a running system: PCK's catalogue calls (pck-sim), paid web orders placed in the
 * simulated shop, «Oppfrisk» with deliveries, package info and credits, then the reconciliation, polled until the
 * scheduler has brought everything in step (or the time is up).
 */
export async function runDemo(o: DemoOptions): Promise<DemoResult> {
  const log = o.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const admin = new AdminApi(o.adminUrl, o.adminToken);
  const drain = o.drainTimeoutMs ?? 180_000;
  const timeScale = o.timeScale ?? 0.002;
  // PCK never gives up on a call; the demo keeps retrying for as long as it waits for the scheduler. (A fixed 20
  // attempts at 0.6 s each gave up on deliveries while the shop client's circuit breaker was open for 10 s.)
  const maxAttempts = Math.max(20, Math.ceil(drain / (300_000 * timeScale)));
  const run = { url: o.gatewayUrl, login: o.pckLogin, password: o.pckPassword, timeScale, maxAttempts };
  await waitForGateway(o.gatewayUrl, o.readyTimeoutMs ?? 60_000);
  const tenant = (await admin.get<Array<{ id: string; pckLogin: number }>>('/tenants')).find(
    (t) => t.pckLogin === o.pckLogin,
  );
  if (!tenant) throw new DemoError(DemoErrorCode.NoTenant, String(o.pckLogin));
  const reconcile = () => admin.get<ReconcileReport>(`/tenants/${tenant.id}/reconciliation`);

  const articles = o.articles ?? 40;
  log(`1/4 PCK sends the catalogue: ${articles} articles, a day of edits, a switch of group source and back …`);
  const catalogue = await runScenario(demoCatalogue(o.seed ?? 42, articles), run);
  log(
    `    ${catalogue.calls} calls (${catalogue.retries} retried), ${catalogue.abandoned.length} abandoned, ${catalogue.permanentErrors.length} permanent errors, ${Math.round(catalogue.durationMs / 1000)} s`,
  );

  log('2/4 waiting for the scheduler to bring the shop in step …');
  const caughtUp = await poll(reconcile, (r) => r.entities.differences.length === 0, drain);
  log(
    `    catalogue ${caughtUp.entities.differences.length === 0 ? 'in step' : `still ${caughtUp.entities.differences.length} differences`}`,
  );

  const count = o.orders ?? 4;
  log(`3/4 ${count} paid web orders in the shop; waiting for the scheduler's order poll …`);
  const seededOrderIds = await seedOrders(o.shopUrl, count);
  await poll(
    () => admin.get<Array<{ shopOrderId: number }>>(`/tenants/${tenant.id}/orders`),
    (staged) => seededOrderIds.every((id) => staged.some((s) => s.shopOrderId === id)),
    drain,
  );
  log('    «Oppfrisk»: getOrders, status 4, deliveries 5 and 3, package info, credit …');
  const orders = await runScenario(orderCycle({ seed: o.seed ?? 42 }), run);
  log(
    `    ${orders.orders.fetched} orders fetched, ${orders.orders.acknowledged} acknowledged, ${orders.orders.deliveries} deliveries (captured ${orders.orders.captured.toFixed(2)}), ${orders.orders.credited} credited`,
  );

  log('4/4 reconciliation …');
  const reconciliation = await poll(reconcile, (r) => r.ok, drain);
  return { catalogue, orders, seededOrderIds, reconciliation };
}

/**
 * Places web orders for shop products (simple, published, with a SKU) through nop-sim's `/__sim` API: every other one
 * paid at checkout, the others card payments only authorised, which the gateway captures when PCK delivers.
 */
async function seedOrders(shopUrl: string, count: number): Promise<number[]> {
  const res = await fetch(`${shopUrl}/__sim/state/products`);
  if (!res.ok) throw new DemoError(DemoErrorCode.Simulator, `GET /__sim/state/products: ${res.status}`);
  const products = ((await res.json()) as Array<Record<string, unknown>>).filter(
    (p) => !p.deleted && p.published && p.product_type_id === 5 && typeof p.sku === 'string' && Number(p.price) > 0,
  );
  const ids: number[] = [];
  for (let i = 0; i < count && products.length > 0; i++) {
    const a = products[(i * 7) % products.length];
    const b = products[(i * 7 + 3) % products.length];
    const items = [{ sku: String(a.sku), quantity: 1 + (i % 2), unitPrice: Number(a.price) }];
    if (b !== a) items.push({ sku: String(b.sku), quantity: 1, unitPrice: Number(b.price) });
    const r = await fetch(`${shopUrl}/__sim/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        items,
        shippingCost: 99,
        adjustStock: false,
        customerEmail: `kunde${i + 1}@example.no`,
        authorized: i % 2 === 1,
      }),
    });
    if (!r.ok) throw new DemoError(DemoErrorCode.Simulator, `POST /__sim/orders: ${r.status} ${await r.text()}`);
    ids.push(Number(((await r.json()) as { order: { id: number } }).order.id));
  }
  return ids;
}
