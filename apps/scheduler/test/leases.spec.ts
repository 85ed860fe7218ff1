import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { toStagedJson, twinImage, twinProduct } from '@pcknop/batching-engine';
import { startNopSim, type NopSim } from '@pcknop/nop-sim';
import { findFreePort } from '@pcknop/staging-store';
import { createTestStore } from '@pcknop/staging-store/testing';
import { TwinRecordKind, recordKey, type TwinRecord } from '@pcknop/twinxml';

jest.setTimeout(420_000);

type TestStore = Awaited<ReturnType<typeof createTestStore>>;
const root = resolve(__dirname, '../../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Issue 14 point 2: real scheduler processes against PostgreSQL and the simulator, leases shorter than a batch.
describe('scheduler leases with real processes', () => {
  let t: TestStore;
  let sim: NopSim;
  let ts = 1n;
  let login = 2400;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    t = await createTestStore();
    sim = await startNopSim({ port: 0, seed: 24 });
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await sim.close();
    await t.close();
  });
  beforeEach(() => sim.faults.reset(3));

  async function tenant(): Promise<string> {
    login++;
    return (await t.repos.tenants.create({ name: `L${login}`, pckLogin: login, pckPassword: 'pw', shopUrl: sim.url, shop: { email: 'admin@nop-sim.local', password: 'admin' } })).id;
  }
  async function stage(tenantId: string, kind: TwinRecordKind, records: TwinRecord[]): Promise<void> {
    await t.repos.entities.stage(tenantId, records.map((r) => ({ kind, key: recordKey(kind, r as never), record: toStagedJson(kind, r), pckTimestamp: ts++ })));
  }
  const pending = async (tenantId: string) => (await t.repos.entities.backlog(tenantId))[0]?.pending ?? 0;
  async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await check()) return true;
      await sleep(200);
    }
    return check();
  }
  const live = (sku: string) => sim.state.productsBySku(sku).filter((p) => !p.deleted);
  const picturesOf = (productId: unknown) => sim.state.list('productPictures').filter((m) => m.product_id === productId).length;
  function start(port: number, extra: Record<string, string> = {}): ChildProcess {
    const env = {
      ...process.env,
      DATABASE_URL: t.db.url,
      LEASE_MS: '2000',
      BATCH_MAX_DELAY_MS: '0',
      BATCH_QUIET_MS: '0',
      LOG_LEVEL: 'warn',
      ORDER_POLL_CRON: '0 0 0 1 1 *',
      SCHEDULER_PORT: String(port),
      SCHEDULER_HOST: '127.0.0.1',
      ...extra,
    };
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'apps/scheduler/src/main.ts')], { cwd: root, env, stdio: 'ignore' });
    children.push(child);
    return child;
  }
  async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }
  const answers = (port: number, path: string) => fetch(`http://127.0.0.1:${port}${path}`).then((r) => r.status, () => 0);

  it('two schedulers, LEASE_MS=2000, 2.5 s shop latency: no duplicate product or picture; each serves its own /healthz and /metrics', async () => {
    const id = await tenant();
    const products = Array.from({ length: 6 }, (_, i) => twinProduct(2400 + i));
    await stage(id, TwinRecordKind.Product, products);
    await stage(id, TwinRecordKind.Image, products.map((_, i) => twinImage(2400 + i, 1)));
    sim.faults.set({ latencyMs: 2500 });
    const [portA, portB] = [await findFreePort(), await findFreePort()];
    const a = start(portA);
    const b = start(portB);
    try {
      expect(await until(async () => (await answers(portA, '/healthz')) === 200 && (await answers(portB, '/healthz')) === 200, 60_000)).toBe(true);
      expect(await until(async () => (await pending(id)) === 0, 300_000)).toBe(true);
      const metrics = await (await fetch(`http://127.0.0.1:${portA}/metrics`)).text();
      expect(metrics).toContain('scheduler_oldest_pending_age_seconds');
      expect(await answers(portB, '/readyz')).toBe(200);
    } finally {
      await Promise.all([stop(a), stop(b)]);
    }
    for (const p of products) {
      expect(live(p.sku)).toHaveLength(1);
      expect(picturesOf(live(p.sku)[0].id)).toBe(1);
    }
    expect(sim.state.pictures()).toHaveLength(products.length);
    // Each record went to the shop in exactly one batch: no lease ran out under the other scheduler.
    const twice = await t.store.pool.query(
      "SELECT r.key, count(*)::int AS n FROM batch_receipt r JOIN batch b ON b.id = r.batch_id WHERE b.tenant_id = $1 AND r.status = 'ok' GROUP BY r.key HAVING count(*) > 1",
      [id],
    );
    expect(twice.rows).toEqual([]);
  });

  it('a scheduler killed with SIGKILL mid-batch (products and pictures): another converges with no duplicates', async () => {
    const id = await tenant();
    const products = Array.from({ length: 30 }, (_, i) => twinProduct(2500 + i, { variants: i % 6 === 0 ? 2 : 0 }));
    await stage(id, TwinRecordKind.Product, products);
    await stage(id, TwinRecordKind.Image, products.map((_, i) => twinImage(2500 + i, 2)));
    sim.faults.set({ latencyMs: 40 });
    const port = await findFreePort();
    const first = start(port, { BATCH_MAX_SIZE: '20' });
    // Killed once a batch is under way: leases held and some of its products already in the shop.
    expect(await until(async () => {
      const r = await t.store.pool.query('SELECT count(*)::int AS n FROM entity_state WHERE tenant_id = $1 AND lease_owner IS NOT NULL', [id]);
      return r.rows[0].n > 0 && products.some((p) => live(p.sku).length > 0);
    }, 120_000)).toBe(true);
    await stop(first, 'SIGKILL');
    expect(await pending(id)).toBeGreaterThan(0);
    // The second one also takes the first one's port: it is free again.
    const second = start(port, { BATCH_MAX_SIZE: '20' });
    try {
      expect(await until(async () => (await pending(id)) === 0, 240_000)).toBe(true);
      expect(await answers(port, '/healthz')).toBe(200);
    } finally {
      await stop(second);
    }
    for (const p of products) {
      expect(live(p.sku)).toHaveLength(1);
      for (const v of p.variants) expect(live(v.sku)).toHaveLength(1);
      expect(picturesOf(live(p.sku)[0].id)).toBe(1);
    }
    const dead = await t.store.pool.query('SELECT key, last_error FROM entity_state WHERE tenant_id = $1 AND dead_lettered_at IS NOT NULL', [id]);
    expect(dead.rows).toEqual([]);
  });

  it('a scheduler whose SCHEDULER_PORT is taken keeps working without health and metrics', async () => {
    const id = await tenant();
    await stage(id, TwinRecordKind.Product, [twinProduct(2600)]);
    const port = await findFreePort();
    const holder = start(port, { BATCH_MAX_DELAY_MS: '3600000', BATCH_QUIET_MS: '3600000', BATCH_MAX_SIZE: '100000', BATCH_EDIT_LANE_MAX: '0' });
    expect(await until(async () => (await answers(port, '/healthz')) === 200, 60_000)).toBe(true);
    const second = start(port);
    try {
      expect(await until(async () => (await pending(id)) === 0, 90_000)).toBe(true);
      expect(second.exitCode).toBeNull();
    } finally {
      await Promise.all([stop(holder), stop(second)]);
    }
    expect(live('SKU-2600')).toHaveLength(1);
  });
});
