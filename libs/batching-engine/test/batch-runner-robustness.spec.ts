import { randomBytes } from 'node:crypto';
import { createTestStore } from '@pcknop/staging-store/testing';
import { defaultProfile } from '@pcknop/field-mapping';
import { TwinRecordKind, recordKey, type TwinRecord } from '@pcknop/twinxml';
import {
  BatchRunner,
  ImmediatePolicy,
  InMemoryApplier,
  InMemoryShop,
  ShopFaultCode,
  toStagedJson,
  twinProduct,
  type ApplyContext,
  type BatchSummary,
  type RecordOutcome,
  type StagedChange,
} from '../src';

type TestStore = Awaited<ReturnType<typeof createTestStore>>;

jest.setTimeout(90_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('BatchRunner under shop outages, slow shops, stops and poison records', () => {
  let t: TestStore;
  let ts = 1n;
  let login = 500;
  const profile = defaultProfile(1);

  beforeAll(async () => {
    t = await createTestStore();
  });
  afterAll(async () => {
    await t.close();
  });

  const tenant = async () =>
    (await t.repos.tenants.create({ name: `R${++login}`, pckLogin: login, pckPassword: 'pw' })).id;
  async function stage(tenantId: string, records: TwinRecord[]): Promise<void> {
    await t.repos.entities.stage(
      tenantId,
      records.map((r) => ({
        kind: TwinRecordKind.Product,
        key: recordKey(TwinRecordKind.Product, r as never),
        record: toStagedJson(TwinRecordKind.Product, r),
        pckTimestamp: ts++,
      })),
    );
  }
  const rows = async (tenantId: string) =>
    (
      await t.store.pool.query<{
        key: string;
        attempts: number;
        dead: boolean;
        applied: boolean;
        owner: string | null;
      }>(
        'SELECT key, attempts, dead_lettered_at IS NOT NULL AS dead, applied_version >= dirty_version AS applied, lease_owner AS owner FROM entity_state WHERE tenant_id = $1 ORDER BY key',
        [tenantId],
      )
    ).rows;
  const pending = async (tenantId: string) => (await t.repos.entities.backlog(tenantId))[0]?.pending ?? 0;
  async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await check()) return true;
      await sleep(20);
    }
    return check();
  }
  const runner = (
    applier: InMemoryApplier | { apply: InMemoryApplier['apply']; probe?: InMemoryApplier['probe'] },
    extra: Partial<ConstructorParameters<typeof BatchRunner>[0]> = {},
  ) =>
    new BatchRunner({
      repos: t.repos,
      tenant: async () => ({ profile, options: {}, applier }),
      policy: new ImmediatePolicy(50),
      backoffBaseMs: 1,
      backoffCapMs: 5,
      maxAttempts: 3,
      editLane: false,
      ...extra,
    });

  it('a shop outage (401, then 503) pauses the tenant, consumes no attempts, tells why in Norwegian, and everything goes once the shop is back', async () => {
    const id = await tenant();
    const shop = new InMemoryShop();
    const products = Array.from({ length: 30 }, (_, i) => twinProduct(100 + i));
    await stage(id, products);
    const r = runner(new InMemoryApplier(shop), { shopPause: { baseMs: 20, capMs: 200, probeMs: 50 } });

    shop.faults = { outage: { code: ShopFaultCode.Auth, message: 'INVALID_CREDENTIALS (HTTP 401)' } };
    const end401 = Date.now() + 1500;
    while (Date.now() < end401) {
      await r.flush();
      await sleep(10);
    }
    const during401 = await t.repos.flushPauses.get(id);
    expect(during401).toMatchObject({
      code: 'auth',
      reason: expect.stringContaining('avviser innloggingen'),
      detail: 'INVALID_CREDENTIALS (HTTP 401)',
    });
    expect(during401?.failures).toBeGreaterThan(1);

    shop.faults = { outage: { code: ShopFaultCode.Server, message: 'RATE_LIMITED (HTTP 503)' } };
    // The pause outlives the probe interval; the next try after it sees the 503.
    expect(
      await until(async () => (await r.flush(), (await t.repos.flushPauses.get(id))?.code === 'server'), 5000),
    ).toBe(true);
    expect((await t.repos.flushPauses.get(id))?.reason).toMatch(/serverfeil/);
    const stillDown = Date.now() + 800;
    while (Date.now() < stillDown) {
      await r.flush();
      await sleep(10);
    }

    const during = await rows(id);
    expect(during.filter((x) => x.attempts > 0 || x.dead)).toEqual([]);
    expect(shop.productsBySku('SKU-100')).toHaveLength(0);

    shop.faults = {};
    const recovered = Date.now();
    expect(await until(async () => (await r.flush(), (await pending(id)) === 0), 5000)).toBe(true);
    expect(Date.now() - recovered).toBeLessThan(2000); // scaled: the pause cap is 200 ms, probes every 50 ms
    expect(await t.repos.flushPauses.get(id)).toBeUndefined();
    for (const p of products) expect(shop.productsBySku(p.sku)).toHaveLength(1);
    expect((await rows(id)).filter((x) => x.dead)).toEqual([]);
    await r.stop();
  });

  it('a 5xx the probe shows to be about one record counts attempts and dead-letters it; the tenant is not paused', async () => {
    const id = await tenant();
    const shop = new InMemoryShop();
    await stage(id, [twinProduct(200), twinProduct(201)]);
    const inner = new InMemoryApplier(shop);
    const applier = {
      probe: () => inner.probe(),
      apply: async (ctx: ApplyContext, changes: readonly StagedChange[]): Promise<RecordOutcome[]> => {
        const out = await inner.apply(
          ctx,
          changes.filter((c) => c.key !== 'a:200'),
        );
        return changes.some((c) => c.key === 'a:200')
          ? [
              ...out,
              {
                kind: TwinRecordKind.Product,
                key: 'a:200',
                status: 'failed',
                message: 'SERVER_ERROR (HTTP 500)',
                shopFault: { code: ShopFaultCode.Server, message: 'HTTP 500' },
              },
            ]
          : out;
      },
    };
    const r = runner(applier);
    for (let i = 0; i < 30 && !(await rows(id)).find((x) => x.key === 'a:200')?.dead; i++) {
      await r.flush();
      await sleep(15);
    }
    expect((await rows(id)).find((x) => x.key === 'a:200')).toMatchObject({ attempts: 3, dead: true });
    expect(shop.productsBySku('SKU-201')).toHaveLength(1);
    expect(await t.repos.flushPauses.get(id)).toBeUndefined();
    // PCK sends it again (a newer timestamp): tried again.
    await stage(id, [twinProduct(200)]);
    expect((await rows(id)).find((x) => x.key === 'a:200')).toMatchObject({ attempts: 0, dead: false });
    await r.stop();
  });

  it('a record that breaks its batch (an exception) is isolated: it alone counts attempts, the others are applied', async () => {
    const id = await tenant();
    const shop = new InMemoryShop();
    const products = Array.from({ length: 16 }, (_, i) => twinProduct(300 + i));
    await stage(id, products);
    const inner = new InMemoryApplier(shop);
    const applier = {
      apply: async (ctx: ApplyContext, changes: readonly StagedChange[]) => {
        if (changes.some((c) => c.key === 'a:307')) throw new RangeError('Invalid string length');
        return inner.apply(ctx, changes);
      },
    };
    const summaries: BatchSummary[] = [];
    const r = runner(applier, { onBatch: (s) => s.tenantId === id && summaries.push(s) });
    await r.flush();
    const after = await rows(id);
    expect(after.filter((x) => x.key !== 'a:307').every((x) => x.applied)).toBe(true);
    expect(after.find((x) => x.key === 'a:307')?.applied).toBe(false);
    expect(after.find((x) => x.key === 'a:307')?.attempts).toBeGreaterThanOrEqual(1);
    expect(summaries[0]).toMatchObject({ claimed: 16, applied: 15, failed: 1 });
    for (let i = 0; i < 20 && (await pending(id)) > 0; i++) {
      await r.flush();
      await sleep(15);
    }
    expect(after.length).toBe(16);
    expect((await rows(id)).find((x) => x.key === 'a:307')).toMatchObject({ attempts: 3, dead: true });
    await r.stop();
  });

  it('renews its lease while a slow batch runs, so a second runner never takes the same records', async () => {
    const id = await tenant();
    const shop = new InMemoryShop();
    shop.faults = { latencyMs: 60 };
    await stage(
      id,
      Array.from({ length: 12 }, (_, i) => twinProduct(400 + i)),
    );
    const summaries: BatchSummary[] = [];
    const a = runner(new InMemoryApplier(shop), {
      leaseMs: 300,
      onBatch: (s) => s.tenantId === id && summaries.push(s),
      policy: new ImmediatePolicy(12),
    });
    const b = runner(new InMemoryApplier(shop), {
      leaseMs: 300,
      onBatch: (s) => s.tenantId === id && summaries.push(s),
      policy: new ImmediatePolicy(12),
    });
    const first = a.flush();
    // The first batch takes about 12 × 2 × 60 ms, far beyond the 300 ms lease.
    for (let i = 0; i < 15; i++) {
      await sleep(80);
      await b.flush();
    }
    await first;
    expect(summaries.filter((s) => s.claimed > 0).map((s) => s.claimed)).toEqual([12]);
    for (let i = 0; i < 12; i++) expect(shop.productsBySku(`SKU-${400 + i}`)).toHaveLength(1);
    expect(await pending(id)).toBe(0);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('fencing: a batch whose lease was taken writes nothing more and completes nothing', async () => {
    const id = await tenant();
    const shop = new InMemoryShop();
    shop.faults = { latencyMs: 40 };
    await stage(
      id,
      Array.from({ length: 10 }, (_, i) => twinProduct(500 + i)),
    );
    const r = runner(new InMemoryApplier(shop), { leaseMs: 300 });
    const flushing = r.flush();
    expect(await until(async () => shop.productsBySku('SKU-500').length > 0, 5000)).toBe(true);
    // Another worker got the leases (as after a long stall): the runner must notice at its next renewal.
    await t.store.pool.query(
      "UPDATE entity_state SET lease_owner = 'thief', lease_expires_at = now() + interval '1 minute' WHERE tenant_id = $1",
      [id],
    );
    await flushing;
    const after = await rows(id);
    expect(after.every((x) => x.owner === 'thief' && !x.applied)).toBe(true);
    const written = Array.from({ length: 10 }, (_, i) => shop.productsBySku(`SKU-${500 + i}`).length).reduce(
      (x, y) => x + y,
      0,
    );
    expect(written).toBeLessThan(10);
    await r.stop();
  });

  it('on stop, never gives a lease back while a shop call for it runs', async () => {
    const id = await tenant();
    const shop = new InMemoryShop();
    await stage(
      id,
      Array.from({ length: 8 }, (_, i) => twinProduct(600 + i)),
    );
    const inner = new InMemoryApplier(shop);
    const violations: string[] = [];
    const applier = {
      apply: async (ctx: ApplyContext, changes: readonly StagedChange[]) => {
        const out: RecordOutcome[] = [];
        for (const c of changes) {
          if (ctx.signal?.aborted) {
            out.push({ kind: c.kind, key: c.key, status: 'failed', deferred: true });
            continue;
          }
          await sleep(100); // the shop call
          const held = await t.store.pool.query(
            'SELECT 1 FROM entity_state WHERE tenant_id = $1 AND key = $2 AND lease_owner = $3',
            [id, c.key, 'stopper'],
          );
          if (held.rowCount === 0) violations.push(c.key);
          out.push(...(await inner.apply(ctx, [c])));
        }
        return out;
      },
    };
    const r = runner(applier, { leaseMs: 5000, owner: 'stopper' });
    const flushing = r.flush();
    expect(await until(async () => shop.productsBySku('SKU-600').length > 0, 5000)).toBe(true);
    await r.stop(0);
    await flushing;
    expect(violations).toEqual([]);
    const after = await rows(id);
    expect(after.filter((x) => x.owner !== null)).toEqual([]);
    const applied = after.filter((x) => x.applied).length;
    expect(applied).toBeGreaterThan(0);
    expect(applied).toBeLessThan(8); // stopped early: the rest was given back untried
    expect(after.every((x) => x.attempts === 0)).toBe(true);
  });

  it('bounds a batch by bytes: whole images in a few batches, never one big one', async () => {
    const id = await tenant();
    const shop = new InMemoryShop();
    const data = randomBytes(300_000).toString('base64'); // like an image: hardly compresses
    await t.repos.entities.stage(
      id,
      Array.from({ length: 6 }, (_, i) => ({
        kind: 'pck-blob',
        key: `b:${i}`,
        record: { data: `${i}${data}` },
        pckTimestamp: ts++,
      })),
    );
    const summaries: BatchSummary[] = [];
    const r = runner(new InMemoryApplier(shop), {
      maxBatchBytes: 900_000,
      onBatch: (s) => s.tenantId === id && summaries.push(s),
    });
    await r.flush();
    expect(await pending(id)).toBe(0);
    expect(summaries.map((s) => s.claimed)).toEqual([2, 2, 2]);
  });
});
