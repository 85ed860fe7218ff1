import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Decimal } from 'decimal.js';
import { Pool } from 'pg';
import { startProcess } from '@pcknop/deploy';
import { startApp, waitReady, workspaceRoot, type AppProcess } from '@pcknop/launcher/testing';
import { startNopSim, type NopSim } from '@pcknop/nop-sim';
import { applyMigrations, findFreePort } from '@pcknop/staging-store';
import { runDemo, type DemoResult } from '../src';
import { expectOrdersHandedOverOnce } from './support/orders-handed-over';
import { shopDuplicates } from './support/shop-duplicates';

// Issue 14's chaos run: two gateways behind a round-robin balancer and two schedulers on one PostgreSQL of the
// test's own (so it can be restarted), the demo's 30 articles with variants and images and its orders with
// deliveries and credits, while the shop refuses the login (401), then is down (503), a scheduler is SIGKILLed while
// it holds leases, and PostgreSQL restarts, once in the catalogue phase and once during «Oppfrisk». Leases are 2 s and
// every shop call is slow, so batches outlive leases unless they are renewed.
jest.setTimeout(900_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ARTICLES = 30;
const ORDERS = 4;

/** The load balancer in front of the two gateways: round robin per request, 502 when the chosen one is down. */
function startBalancer(ports: number[]): Promise<{ server: Server; port: number }> {
  let next = 0;
  const server = createServer((req, res) => {
    const port = ports[next++ % ports.length];
    const upstream = request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(upstream);
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => ok({ server, port: (server.address() as { port: number }).port })),
  );
}

describe('chaos: two gateways, two schedulers, shop outages, a SIGKILL and PostgreSQL restarts', () => {
  const dataRoot = mkdtempSync(join(tmpdir(), 'pcknop-chaos-pg-'));
  let pgPort = 0;
  let postgres: AppProcess | undefined;
  let dbUrl = '';
  let pool: Pool;
  let sim: NopSim;
  let balancer: Server | undefined;
  const gateways: AppProcess[] = [];
  const schedulers: AppProcess[] = [];
  const retired: AppProcess[] = [];
  const log: string[] = [];
  const pckLogin = 4714;
  const pckPassword = 'hemmelig-kaos';
  const adminToken = randomBytes(24).toString('hex');
  const shopLogin = { email: 'admin@nop-sim.local', password: 'admin' };
  let tenantId = '';
  let result: DemoResult;
  let finalReconciliation: DemoResult['reconciliation'];
  const chaos = {
    unauthorized: 0,
    rate503: 0,
    killedHoldingLeases: 0,
    killedPollingOrders: 0,
    postgresRestarts: 0,
    authPauseSeen: false,
  };

  async function startPostgres(): Promise<void> {
    const harness = resolve(workspaceRoot, 'libs/staging-store/test/embedded-harness.ts');
    postgres = startProcess(
      'postgres',
      process.execPath,
      ['--import', 'tsx', harness, join(dataRoot, 'data'), String(pgPort)],
      { cwd: workspaceRoot, env: process.env },
    );
    const ready = await postgres.waitForLine((l) => l.startsWith('READY '), 120_000);
    dbUrl = ready.slice('READY '.length).trim();
  }
  async function restartPostgres(): Promise<void> {
    const old = postgres as AppProcess;
    await old.stop();
    retired.push(old);
    await sleep(2000);
    await startPostgres();
    chaos.postgresRestarts++;
  }

  beforeAll(async () => {
    chmodSync(dataRoot, 0o755); // as root, the server runs as the postgres user
    pgPort = await findFreePort();
    await startPostgres();
    await applyMigrations(dbUrl);
    pool = new Pool({ connectionString: dbUrl, max: 2 });
    pool.on('error', () => undefined); // the test restarts the server under it
    // Every shop call is slow (80–200 ms): a batch of a few records outlives the 2 s lease unless it is renewed.
    sim = await startNopSim({ port: 0, seed: 14, logLevel: 'silent' });
    sim.faults.set({ latencyMs: 80, latencyJitterMs: 120 });

    const ports = [await findFreePort(), await findFreePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: dbUrl,
      SECRETS_KEY: randomBytes(32).toString('base64'),
      GATEWAY_HOST: '127.0.0.1',
      NOP_BASE_URL: sim.url,
      NOP_EMAIL: shopLogin.email,
      NOP_PASSWORD: shopLogin.password,
      PCK_LOGIN: String(pckLogin),
      PCK_PASSWORD: pckPassword,
      ADMIN_TOKEN: adminToken,
      LOG_LEVEL: 'warn',
      BATCH_MAX_DELAY_MS: '300',
      BATCH_QUIET_MS: '150',
      BATCH_MAX_SIZE: '40',
      LEASE_MS: '2000',
      // The production attempt budget (8): only the outage pause keeps 401/503 from spending it.
      MAX_ATTEMPTS: '8',
      RETRY_BASE_MS: '200',
      RETRY_CAP_MS: '2000',
      SHOP_PAUSE_BASE_MS: '300',
      SHOP_PAUSE_CAP_MS: '2000',
      SHOP_PROBE_MS: '1000',
      RETRY_SWEEP_CRON: '* * * * * *',
      ORDER_POLL_CRON: '*/2 * * * * *',
      TENANT_REFRESH_MS: '1000',
      STOP_GRACE_MS: '3000',
    };
    for (const [i, port] of ports.entries()) {
      const gateway = startApp(`gateway ${i + 1}`, 'apps/gateway/src/main.ts', { ...env, GATEWAY_PORT: String(port) });
      gateways.push(gateway);
      // One after the other: the first creates the PCK tenant, the second finds it.
      await waitReady(`http://127.0.0.1:${port}/readyz`, gateway, 90_000);
    }
    const lb = await startBalancer(ports);
    balancer = lb.server;
    const schedulerEnv = async () => ({
      ...env,
      SCHEDULER_PORT: String(await findFreePort()),
      SCHEDULER_HOST: '127.0.0.1',
    });
    const startScheduler = async (i: number) => {
      const s = startApp(`scheduler ${i}`, 'apps/scheduler/src/main.ts', await schedulerEnv());
      schedulers[i - 1] = s;
      return s;
    };
    await startScheduler(1);
    await startScheduler(2);

    const base = `http://127.0.0.1:${lb.port}`;
    const admin = (path: string, init: RequestInit = {}) =>
      fetch(`${base}/admin${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${adminToken}`,
          'content-type': 'application/merge-patch+json',
          ...(init.headers ?? {}),
        },
      });
    const tenants = (await (await admin('/tenants')).json()) as Array<{ id: string; pckLogin: number }>;
    tenantId = tenants.find((t) => t.pckLogin === pckLogin)?.id ?? '';
    expect(tenantId).not.toBe('');

    const phase = { orders: false };
    let oppfriskRestart: Promise<void> | undefined;
    const pending = async () =>
      Number(
        (
          await pool.query<{ n: string }>(
            'SELECT count(*) AS n FROM entity_state WHERE applied_version < dirty_version AND dead_lettered_at IS NULL',
          )
        ).rows[0].n,
      );
    let aborted = false;
    const until = async (check: () => Promise<boolean> | boolean, ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end && !aborted) {
        if (await Promise.resolve(check()).catch(() => false)) return true;
        await sleep(100);
      }
      return false;
    };
    /** SIGKILLs the scheduler that holds leases right now (mid-batch) and starts a new one in its place. */
    const killHoldingLeases = async () => {
      const killed = await until(async () => {
        const owners = (
          await pool.query<{ owner: string }>(
            'SELECT DISTINCT lease_owner AS owner FROM entity_state WHERE lease_owner IS NOT NULL AND lease_expires_at > now()',
          )
        ).rows;
        const victim = schedulers.findIndex((s) => owners.some((o) => o.owner.split(':')[1] === String(s.child.pid)));
        if (victim < 0) return false;
        const s = schedulers[victim];
        s.child.kill('SIGKILL');
        retired.push(s);
        chaos.killedHoldingLeases++;
        log.push(`chaos: SIGKILL ${s.name} (pid ${s.child.pid}) holding leases`);
        await sleep(1000);
        await startScheduler(victim + 1);
        return true;
      }, 60_000);
      if (!killed) log.push('chaos: no scheduler held a lease to kill');
    };

    // The chaos, alongside the demo: each step waits for work to be in flight, so it hits a batch, not an idle system.
    const chaosRun = (async () => {
      await until(async () => (await pending()) > 20, 120_000);
      // 401: the shop's API password was changed (the tenant's stored one is now wrong) and live tokens die.
      const wrong = await admin(`/tenants/${tenantId}`, {
        method: 'PATCH',
        body: JSON.stringify({ shop: { ...shopLogin, password: 'endret-i-butikken' } }),
      });
      expect(wrong.status).toBe(200);
      sim.faults.expireTokens();
      log.push('chaos: shop 401');
      chaos.authPauseSeen = await until(
        async () => (await pool.query("SELECT 1 FROM flush_pause WHERE code = 'auth'")).rowCount === 1,
        30_000,
      );
      const before401 = sim.state.callCount('POST', '/api-backend/Authenticate/GetToken');
      await sleep(4000);
      chaos.unauthorized = sim.state.callCount('POST', '/api-backend/Authenticate/GetToken') - before401;
      const right = await admin(`/tenants/${tenantId}`, { method: 'PATCH', body: JSON.stringify({ shop: shopLogin }) });
      expect(right.status).toBe(200);
      log.push('chaos: shop login back');
      await killHoldingLeases();
      // 503: the shop is down (every API call) for 5 s.
      const rateBefore = sim.faults.injected().rate503;
      sim.faults.set({ burst503: 1_000_000 });
      log.push('chaos: shop 503');
      await sleep(5000);
      sim.faults.set({ burst503: 0 });
      chaos.rate503 = sim.faults.injected().rate503 - rateBefore;
      log.push('chaos: shop back');
      await until(async () => (await pending()) > 0, 30_000);
      await restartPostgres();
      log.push('chaos: PostgreSQL restarted');
      // Orders: a scheduler dies while the order poll runs (every 2 s, on both); PostgreSQL restarts as «Oppfrisk»
      // begins (started from the demo's log line, so PCK's getOrders and deliveries meet it).
      await until(() => phase.orders, 600_000);
      await sleep(500);
      const s = schedulers[1];
      s.child.kill('SIGKILL');
      retired.push(s);
      chaos.killedPollingOrders++;
      log.push(`chaos: SIGKILL ${s.name} while orders are polled`);
      await sleep(1000);
      await startScheduler(2);
      await until(() => oppfriskRestart !== undefined, 600_000);
      await oppfriskRestart;
      log.push('chaos: PostgreSQL restarted during «Oppfrisk»');
    })();
    chaosRun.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled

    try {
      result = await runDemo({
        gatewayUrl: `${base}/WebshopWS`,
        adminUrl: `${base}/admin`,
        adminToken,
        shopUrl: sim.url,
        pckLogin,
        pckPassword,
        articles: ARTICLES,
        orders: ORDERS,
        seed: 14,
        timeScale: 0.002,
        drainTimeoutMs: Number(process.env.E2E_DRAIN_MS ?? 240_000),
        log: (l) => {
          log.push(l);
          if (l.startsWith('3/4')) phase.orders = true;
          if (l.includes('«Oppfrisk»')) oppfriskRestart ??= restartPostgres();
        },
      });
      await chaosRun;
      // The chaos may end after the demo's last look: the system must be clean after it, too.
      const end = Date.now() + 240_000;
      for (;;) {
        const r = await admin(`/tenants/${tenantId}/reconciliation`).then(
          (x) => (x.ok ? (x.json() as Promise<DemoResult['reconciliation']>) : undefined),
          () => undefined,
        );
        if (r) finalReconciliation = r;
        if ((r?.ok && (await pending()) === 0) || Date.now() > end) break;
        await sleep(1000);
      }
    } catch (error) {
      aborted = true;
      await chaosRun.catch(() => undefined);
      throw new Error(
        `${(error as Error).message}\n${log.join('\n')}\n${[...gateways, ...schedulers, ...retired].map((p) => `--- ${p.name}\n${p.tail.join('\n')}`).join('\n')}`,
        { cause: error },
      );
    } finally {
      if (process.env.E2E_DEBUG) console.log(log.join('\n'), chaos);
    }
  });

  afterAll(async () => {
    await Promise.all([...gateways, ...schedulers].map((p) => p.stop()));
    await new Promise((r) => (balancer ? balancer.close(r) : r(undefined)));
    await sim?.close();
    await pool?.end();
    await postgres?.stop();
    rmSync(dataRoot, { recursive: true, force: true });
  });

  it('the chaos really happened: a refused login, a shop down, schedulers killed, PostgreSQL restarted twice', () => {
    expect({ ...chaos, unauthorized: chaos.unauthorized > 0, rate503: chaos.rate503 > 0 }).toEqual({
      unauthorized: true,
      rate503: true,
      killedHoldingLeases: 1,
      killedPollingOrders: 1,
      postgresRestarts: 2,
      authPauseSeen: true,
    });
    // The restart met «Oppfrisk»: PCK had to repeat calls, as it does when the gateway cannot answer.
    expect(result.orders.retries).toBeGreaterThan(0);
  });

  it('PCK saw every call accepted in the end, and nothing was dead-lettered', async () => {
    expect(result.catalogue.permanentErrors).toEqual([]);
    expect(result.catalogue.abandoned).toEqual([]);
    expect(result.orders.permanentErrors).toEqual([]);
    expect(result.orders.abandoned).toEqual([]);
    const dead = await pool.query(
      'SELECT kind, key, attempts, last_error FROM entity_state WHERE dead_lettered_at IS NOT NULL',
    );
    expect(dead.rows).toEqual([]);
    const behind = await pool.query('SELECT kind, key FROM entity_state WHERE applied_version < dirty_version');
    expect(behind.rows).toEqual([]);
  });

  it('ends with a clean reconciliation: catalogue, orders, deliveries, no duplicates', () => {
    const r = finalReconciliation;
    expect({
      entities: r.entities.differences.slice(0, 10),
      orders: r.orders.differences.slice(0, 10),
      duplicates: r.duplicates,
    }).toEqual({
      entities: [],
      orders: [],
      duplicates: { products: [], pictures: [] },
    });
    expect(r.ok).toBe(true);
    expect(r.entities.checked).toBeGreaterThan(ARTICLES);
    expect(r.orders.checked).toBe(ORDERS);
  });

  it('the shop holds no duplicate product (by SKU), picture or tier price', () => {
    sim.faults.reset();
    const d = shopDuplicates(sim);
    expect({ skus: d.skus, pictures: d.pictures, tierPrices: d.tierPrices }).toEqual({
      skus: [],
      pictures: [],
      tierPrices: [],
    });
    expect(d.liveSkus).toBeGreaterThanOrEqual(ARTICLES);
    expect(d.pictureMappings).toBeGreaterThan(0);
  });

  it('hands every paid order to PCK exactly once', async () => {
    await expectOrdersHandedOverOnce(pool, tenantId, result, ORDERS);
  });

  it('makes one shipment per delivery, captures once and refunds each credit once', async () => {
    const sent = result.orders.orders.details.flatMap((o) => o.deliveries);
    expect(sent.filter((d) => !d.ok)).toEqual([]);
    const rows = await pool.query<{ shop_order_id: number; shipment_id: number | null; state: string }>(
      "SELECT shop_order_id, shipment_id, state FROM delivery WHERE tenant_id = $1 AND ref LIKE 'delivery:%'",
      [tenantId],
    );
    expect(rows.rows.length).toBe(sent.length);
    expect(rows.rows.filter((r) => r.state !== 'done')).toEqual([]);
    for (const id of new Set(rows.rows.map((r) => r.shop_order_id))) {
      const shipments = sim.state.list('shipments').filter((s) => Number(s.order_id) === id).length;
      const captures = sim.state.orderNotes(id).filter((n) => /has been captured/i.test(String(n.note))).length;
      expect({ id, shipments, captures: Math.min(captures, 2) }).toEqual({
        id,
        shipments: new Set(rows.rows.filter((r) => r.shop_order_id === id).map((r) => r.shipment_id)).size,
        captures: Math.min(captures, 1),
      });
    }
    expect(result.orders.orders.credited).toBeGreaterThan(0);
    const refunded = sim.state
      .orders()
      .reduce((sum, o) => sum.plus(new Decimal(String(o.refunded_amount ?? 0))), new Decimal(0));
    expect(refunded.toFixed(2)).toBe(result.orders.orders.creditedAmount.toFixed(2));
  });
});
