import { Client } from 'pg';
import { createTestStore } from '../testing';
import type { Repositories } from './repositories';

describe('EntityRepository', () => {
  let ctx: Awaited<ReturnType<typeof createTestStore>>;
  let repos: Repositories;
  let tenantId: string;

  beforeAll(async () => {
    ctx = await createTestStore();
    repos = ctx.repos;
    tenantId = (await repos.tenants.create({ name: 'Butikk', pckLogin: 1001, pckPassword: 'hemmelig' })).id;
  });
  afterAll(() => ctx.close());

  const product = (key: string, name: string, ts: number) => ({ kind: 'product', key, record: { name }, pckTimestamp: BigInt(ts) });

  describe('timestamp guard', () => {
    it('creates, updates, ignores exact repeats and stale timestamps', async () => {
      expect(await repos.entities.stage(tenantId, [product('a:1', 'Genser', 100)])).toEqual([{ kind: 'product', key: 'a:1', outcome: 'created' }]);
      expect((await repos.entities.stage(tenantId, [product('a:1', 'Genser blå', 200)]))[0].outcome).toBe('updated');
      expect((await repos.entities.stage(tenantId, [product('a:1', 'Genser', 150)]))[0].outcome).toBe('stale');
      expect((await repos.entities.stage(tenantId, [product('a:1', 'Genser blå', 200)]))[0].outcome).toBe('stale');
      expect((await repos.entities.stage(tenantId, [product('a:1', 'Genser blå', 300)]))[0].outcome).toBe('unchanged');
      const [row] = await repos.entities.get(tenantId, 'product', ['a:1']);
      expect(row.record).toEqual({ name: 'Genser blå' });
      expect(row.pckTimestamp).toBe(300n);
      expect(row.dirtyVersion).toBe(2n); // the exact repeat did not make new work
    });

    it('keeps the newest change within one call', async () => {
      const out = await repos.entities.stage(tenantId, [product('a:2', 'ny', 20), product('a:2', 'gammel', 10)]);
      expect(out).toEqual([{ kind: 'product', key: 'a:2', outcome: 'created' }]);
      expect((await repos.entities.get(tenantId, 'product', ['a:2']))[0].record).toEqual({ name: 'ny' });
    });

    it.each([
      ['newer first', [2, 1]],
      ['older first', [1, 2]],
    ])('lets the newest timestamp win under concurrent writers (%s)', async (_label, order) => {
      const key = `a:race:${order.join('')}`;
      // Two connections, each in an open transaction, so the second writer really waits on the first.
      const clients = [new Client({ connectionString: ctx.db.url }), new Client({ connectionString: ctx.db.url })];
      await Promise.all(clients.map((c) => c.connect()));
      try {
        await Promise.all(clients.map((c) => c.query('BEGIN')));
        const [first, second] = order;
        await repos.entities.stage(tenantId, [product(key, `v${first}`, first * 1000)], clients[0] as never);
        const blocked = repos.entities.stage(tenantId, [product(key, `v${second}`, second * 1000)], clients[1] as never);
        await new Promise((r) => setTimeout(r, 50));
        await clients[0].query('COMMIT');
        await blocked;
        await clients[1].query('COMMIT');
      } finally {
        await Promise.all(clients.map((c) => c.end()));
      }
      const [row] = await repos.entities.get(tenantId, 'product', [key]);
      expect(row.record).toEqual({ name: 'v2' });
      expect(row.pckTimestamp).toBe(2000n);
    });

    it('converges to the newest of many racing writers', async () => {
      const stamps = Array.from({ length: 40 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
      await Promise.all(stamps.map((ts) => repos.entities.stage(tenantId, [product('a:many', `v${ts}`, ts)])));
      const [row] = await repos.entities.get(tenantId, 'product', ['a:many']);
      expect(row.record).toEqual({ name: 'v40' });
    });
  });

  describe('claims and leases', () => {
    let tenant2: string;
    beforeAll(async () => {
      tenant2 = (await repos.tenants.create({ name: 'Claims', pckLogin: 2002, pckPassword: 'x' })).id;
      await repos.entities.stage(
        tenant2,
        Array.from({ length: 50 }, (_, i) => product(`a:${i}`, `p${i}`, 1)),
      );
    });

    it('never gives the same entity to two workers claiming at once', async () => {
      const [a, b] = await Promise.all([
        repos.entities.claim(tenant2, 'worker-a', { limit: 30, leaseMs: 60_000 }),
        repos.entities.claim(tenant2, 'worker-b', { limit: 30, leaseMs: 60_000 }),
      ]);
      const keysA = new Set(a.map((x) => x.key));
      expect(b.filter((x) => keysA.has(x.key))).toEqual([]);
      expect(a.length + b.length).toBe(50);
      expect(await repos.entities.claim(tenant2, 'worker-c', { limit: 10, leaseMs: 60_000 })).toEqual([]);
      await repos.entities.release(tenant2, 'worker-a');
      await repos.entities.release(tenant2, 'worker-b');
    });

    it('makes an expired lease claimable again (a worker died)', async () => {
      const first = await repos.entities.claim(tenant2, 'dies', { limit: 5, leaseMs: 1 });
      expect(first).toHaveLength(5);
      await new Promise((r) => setTimeout(r, 20));
      const again = await repos.entities.claim(tenant2, 'survivor', { limit: 50, leaseMs: 60_000 });
      expect(again.map((x) => x.key)).toEqual(expect.arrayContaining(first.map((x) => x.key)));
      // the dead worker's late completion no longer counts
      expect(await repos.entities.complete(tenant2, 'dies', first.map((x) => ({ ...x, ok: true })))).toBe(0);
      await repos.entities.release(tenant2, 'survivor');
    });

    it('marks the claimed version applied and keeps a newer change pending', async () => {
      const [claimed] = await repos.entities.claim(tenant2, 'w', { limit: 1, leaseMs: 60_000 });
      await repos.entities.stage(tenant2, [product(claimed.key, 'changed meanwhile', 2)]);
      expect(await repos.entities.complete(tenant2, 'w', [{ kind: 'product', key: claimed.key, version: claimed.version, ok: true }])).toBe(1);
      const [row] = await repos.entities.get(tenant2, 'product', [claimed.key]);
      expect(row.appliedVersion).toBe(claimed.version);
      expect(row.dirtyVersion).toBe(claimed.version + 1n);
      const next = await repos.entities.claim(tenant2, 'w', { limit: 100, leaseMs: 60_000 });
      expect(next.find((x) => x.key === claimed.key)?.record).toEqual({ name: 'changed meanwhile' });
      await repos.entities.complete(tenant2, 'w', next.map((x) => ({ kind: x.kind, key: x.key, version: x.version, ok: true })));
      expect(await repos.entities.backlog(tenant2)).toEqual([]);
    });

    it('retries failures with back-off and dead-letters after the limit, then requeues', async () => {
      await repos.entities.stage(tenant2, [product('a:bad', 'fails', 5)]);
      for (let attempt = 1; attempt <= 3; attempt++) {
        const [c] = await repos.entities.claim(tenant2, 'w', { limit: 1, leaseMs: 60_000 });
        expect(c.key).toBe('a:bad');
        expect(c.attempts).toBe(attempt - 1);
        await repos.entities.complete(tenant2, 'w', [{ kind: c.kind, key: c.key, version: c.version, ok: false, error: 'shop said 500' }], {
          maxAttempts: 3,
          backoffBaseMs: 1,
          backoffCapMs: 1,
        });
        await new Promise((r) => setTimeout(r, 10));
      }
      const [row] = await repos.entities.get(tenant2, 'product', ['a:bad']);
      expect(row.deadLetteredAt).not.toBeNull();
      expect(row.lastError).toBe('shop said 500');
      expect(await repos.entities.claim(tenant2, 'w', { limit: 10, leaseMs: 60_000 })).toEqual([]);
      expect((await repos.entities.backlog(tenant2))[0]).toMatchObject({ deadLettered: 1, pending: 0 });
      expect(await repos.entities.requeueDeadLetters(tenant2)).toBe(1);
      expect((await repos.entities.claim(tenant2, 'w', { limit: 10, leaseMs: 60_000 })).map((x) => x.key)).toEqual(['a:bad']);
    });

    it('schedules the next attempt in the future with the default back-off', async () => {
      await repos.entities.stage(tenant2, [product('a:later', 'x', 1)]);
      const [c] = await repos.entities.claim(tenant2, 'w2', { limit: 1, leaseMs: 60_000 });
      await repos.entities.complete(tenant2, 'w2', [{ kind: c.kind, key: c.key, version: c.version, ok: false }]);
      expect(await repos.entities.claim(tenant2, 'w2', { limit: 10, leaseMs: 60_000 })).toEqual([]);
    });
  });
});
