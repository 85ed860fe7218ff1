import { randomBytes } from 'node:crypto';
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

  const product = (key: string, name: string, ts: number) => ({
    kind: 'product',
    key,
    record: { name },
    pckTimestamp: BigInt(ts),
  });

  describe('unchanged', () => {
    it('names the changes equal to the staged content, by hash (jsonb rewrites key order), never a tombstone', async () => {
      // jsonb stores { "id", "name" } whatever order the record was built in: a text comparison would always differ.
      const group = (key: string, name: string) => ({
        kind: 'category',
        key,
        record: { name, id: 7 },
        pckTimestamp: 1n,
      });
      await repos.entities.stage(tenantId, [
        group('g:1', 'Sykler'),
        group('g:2', 'Ski'),
        { ...group('g:3', 'Båt'), deleted: true },
      ]);
      const same = group('g:1', 'Sykler');
      const changed = group('g:2', 'Langrenn');
      const overTombstone = group('g:3', 'Båt');
      const fresh = group('g:4', 'Ny');
      expect(await repos.entities.unchanged(tenantId, [same, changed, overTombstone, fresh])).toEqual([same]);
      expect(await repos.entities.unchanged(tenantId, [])).toEqual([]);
    });
  });

  describe('timestamp guard', () => {
    it('creates, updates, ignores exact repeats and stale timestamps', async () => {
      expect(await repos.entities.stage(tenantId, [product('a:1', 'Genser', 100)])).toEqual([
        { kind: 'product', key: 'a:1', outcome: 'created' },
      ]);
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
        const blocked = repos.entities.stage(
          tenantId,
          [product(key, `v${second}`, second * 1000)],
          clients[1] as never,
        );
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
      expect(
        await repos.entities.complete(
          tenant2,
          'dies',
          first.map((x) => ({ ...x, ok: true })),
        ),
      ).toBe(0);
      await repos.entities.release(tenant2, 'survivor');
    });

    it('marks the claimed version applied and keeps a newer change pending', async () => {
      const [claimed] = await repos.entities.claim(tenant2, 'w', { limit: 1, leaseMs: 60_000 });
      await repos.entities.stage(tenant2, [product(claimed.key, 'changed meanwhile', 2)]);
      expect(
        await repos.entities.complete(tenant2, 'w', [
          { kind: 'product', key: claimed.key, version: claimed.version, ok: true },
        ]),
      ).toBe(1);
      const [row] = await repos.entities.get(tenant2, 'product', [claimed.key]);
      expect(row.appliedVersion).toBe(claimed.version);
      expect(row.dirtyVersion).toBe(claimed.version + 1n);
      const next = await repos.entities.claim(tenant2, 'w', { limit: 100, leaseMs: 60_000 });
      expect(next.find((x) => x.key === claimed.key)?.record).toEqual({ name: 'changed meanwhile' });
      await repos.entities.complete(
        tenant2,
        'w',
        next.map((x) => ({ kind: x.kind, key: x.key, version: x.version, ok: true })),
      );
      expect(await repos.entities.backlog(tenant2)).toEqual([]);
    });

    it('retries failures with back-off and dead-letters after the limit, then requeues', async () => {
      await repos.entities.stage(tenant2, [product('a:bad', 'fails', 5)]);
      for (let attempt = 1; attempt <= 3; attempt++) {
        const [c] = await repos.entities.claim(tenant2, 'w', { limit: 1, leaseMs: 60_000 });
        expect(c.key).toBe('a:bad');
        expect(c.attempts).toBe(attempt - 1);
        await repos.entities.complete(
          tenant2,
          'w',
          [{ kind: c.kind, key: c.key, version: c.version, ok: false, error: 'shop said 500' }],
          {
            maxAttempts: 3,
            backoffBaseMs: 1,
            backoffCapMs: 1,
          },
        );
        await new Promise((r) => setTimeout(r, 10));
      }
      const [row] = await repos.entities.get(tenant2, 'product', ['a:bad']);
      expect(row.deadLetteredAt).not.toBeNull();
      expect(row.lastError).toBe('shop said 500');
      expect(await repos.entities.claim(tenant2, 'w', { limit: 10, leaseMs: 60_000 })).toEqual([]);
      expect((await repos.entities.backlog(tenant2))[0]).toMatchObject({ deadLettered: 1, pending: 0 });
      expect(await repos.entities.requeueDeadLetters(tenant2)).toBe(1);
      expect((await repos.entities.claim(tenant2, 'w', { limit: 10, leaseMs: 60_000 })).map((x) => x.key)).toEqual([
        'a:bad',
      ]);
    });

    it('brings a dead letter back when PCK sends it again, even with the same content, with fresh attempts', async () => {
      await repos.entities.stage(tenant2, [product('a:revive', 'same', 10)]);
      const [c] = await repos.entities.claim(tenant2, 'w', { limit: 1, leaseMs: 60_000 });
      expect(c.key).toBe('a:revive');
      await repos.entities.complete(
        tenant2,
        'w',
        [{ kind: c.kind, key: c.key, version: c.version, ok: false, error: 'bad record' }],
        { maxAttempts: 1 },
      );
      expect((await repos.entities.get(tenant2, 'product', ['a:revive']))[0].deadLetteredAt).not.toBeNull();
      // An older timestamp is still ignored and changes nothing.
      expect((await repos.entities.stage(tenant2, [product('a:revive', 'same', 9)]))[0].outcome).toBe('stale');
      expect((await repos.entities.get(tenant2, 'product', ['a:revive']))[0].deadLetteredAt).not.toBeNull();
      expect((await repos.entities.stage(tenant2, [product('a:revive', 'same', 11)]))[0].outcome).toBe('unchanged');
      const [row] = await repos.entities.get(tenant2, 'product', ['a:revive']);
      expect(row).toMatchObject({ deadLetteredAt: null, attempts: 0, lastError: null });
      const again = await repos.entities.claim(tenant2, 'w', { limit: 10, leaseMs: 60_000 });
      expect(again.map((x) => x.key)).toEqual(['a:revive']);
      await repos.entities.complete(
        tenant2,
        'w',
        again.map((x) => ({ kind: x.kind, key: x.key, version: x.version, ok: true })),
      );
    });

    it('renews only leases still held, and completes only while the lease holds (fencing)', async () => {
      await repos.entities.stage(tenant2, [product('a:fence1', 'x', 20), product('a:fence2', 'x', 20)]);
      const mine = await repos.entities.claim(tenant2, 'slow', { limit: 10, leaseMs: 300 });
      expect(mine.map((x) => x.key).sort()).toEqual(['a:fence1', 'a:fence2']);
      // Renewed in time: still held after the first lease length.
      expect(await repos.entities.renew(tenant2, 'slow', mine, 60_000)).toBe(2);
      expect(await repos.entities.renew(tenant2, 'other', mine, 60_000)).toBe(0);
      await new Promise((r) => setTimeout(r, 400));
      expect(await repos.entities.claim(tenant2, 'thief', { limit: 10, leaseMs: 60_000 })).toEqual([]);
      // Cut short (a stalled worker): an expired lease is neither renewed nor completed.
      await repos.entities.renew(tenant2, 'slow', mine, 1);
      await new Promise((r) => setTimeout(r, 20));
      expect(await repos.entities.renew(tenant2, 'slow', mine, 60_000)).toBe(0);
      expect(
        await repos.entities.complete(
          tenant2,
          'slow',
          mine.map((x) => ({ kind: x.kind, key: x.key, version: x.version, ok: true })),
        ),
      ).toBe(0);
      const taken = await repos.entities.claim(tenant2, 'thief', { limit: 10, leaseMs: 60_000 });
      expect(taken.map((x) => x.key).sort()).toEqual(['a:fence1', 'a:fence2']);
      // Release of some entities only.
      expect(await repos.entities.release(tenant2, 'thief', [taken[0]])).toBe(1);
      expect(
        await repos.entities.complete(
          tenant2,
          'thief',
          [taken[1]].map((x) => ({ kind: x.kind, key: x.key, version: x.version, ok: true })),
        ),
      ).toBe(1);
      const rest = await repos.entities.claim(tenant2, 'w', { limit: 10, leaseMs: 60_000 });
      expect(rest.map((x) => x.key)).toEqual([taken[0].key]);
      await repos.entities.complete(
        tenant2,
        'w',
        rest.map((x) => ({ kind: x.kind, key: x.key, version: x.version, ok: true })),
      );
    });

    it('bounds a claim by the bytes of the records, taking at least one', async () => {
      // Like images: base64 of random bytes (about 40 kB stored each; it hardly compresses).
      await repos.entities.stage(
        tenant2,
        Array.from({ length: 6 }, (_, i) => product(`a:big${i}`, randomBytes(30_000).toString('base64'), 30)),
      );
      const first = await repos.entities.claim(tenant2, 'w', { limit: 500, leaseMs: 60_000, maxBytes: 100_000 });
      expect(first).toHaveLength(2);
      const one = await repos.entities.claim(tenant2, 'w', { limit: 500, leaseMs: 60_000, maxBytes: 10 });
      expect(one).toHaveLength(1);
      const rest = await repos.entities.claim(tenant2, 'w', { limit: 500, leaseMs: 60_000 });
      expect(rest).toHaveLength(3);
      expect(new Set([...first, ...one, ...rest].map((x) => x.key)).size).toBe(6);
      await repos.entities.complete(
        tenant2,
        'w',
        [...first, ...one, ...rest].map((x) => ({ kind: x.kind, key: x.key, version: x.version, ok: true })),
      );
    });

    it('schedules the next attempt in the future with the default back-off', async () => {
      await repos.entities.stage(tenant2, [product('a:later', 'x', 1)]);
      const [c] = await repos.entities.claim(tenant2, 'w2', { limit: 1, leaseMs: 60_000 });
      await repos.entities.complete(tenant2, 'w2', [{ kind: c.kind, key: c.key, version: c.version, ok: false }]);
      expect(await repos.entities.claim(tenant2, 'w2', { limit: 10, leaseMs: 60_000 })).toEqual([]);
    });
  });

  describe('stageMany, lock order and scheduling', () => {
    let shopA: string;
    let shopB: string;
    beforeAll(async () => {
      shopA = (await repos.tenants.create({ name: 'Many A', pckLogin: 3003, pckPassword: 'a' })).id;
      shopB = (await repos.tenants.create({ name: 'Many B', pckLogin: 3004, pckPassword: 'b' })).id;
    });

    /** Forwards to the pool and counts the statements sent. */
    const countingClient = () => {
      const sent: string[] = [];
      const client = {
        query: (config: { text: string }, values?: unknown[]) => {
          sent.push(config.text);
          return ctx.store.pool.query(config as never, values as never);
        },
      };
      return { sent, client: client as never };
    };

    /** Resolves once the backend `pid` waits on a lock (polls the server's own view; no timed assertion). */
    const blockedOnLock = async (pid: number) => {
      for (;;) {
        const r = await ctx.store.pool.query<{ w: string | null }>(
          'SELECT wait_event_type AS w FROM pg_stat_activity WHERE pid = $1',
          [pid],
        );
        if (r.rows[0]?.w === 'Lock') return;
        await new Promise((resolve) => setImmediate(resolve));
      }
    };

    it('stages requests of several tenants in one statement and answers each request in order', async () => {
      await repos.entities.stage(shopA, [product('m:1', 'gammel', 10), product('m:8', 'lik', 1)]);
      await repos.entities.stage(shopB, [product('m:9', 'nyest', 100)]);
      const { sent, client } = countingClient();
      const out = await repos.entities.stageMany(
        [
          { tenantId: shopA, changes: [product('m:2', 'ny', 1), product('m:1', 'endret', 20)] },
          { tenantId: shopB, changes: [product('m:1', 'annen butikk', 5), product('m:9', 'eldre', 50)] },
          { tenantId: shopA, changes: [product('m:3', 'x', 1), product('m:3', 'y', 2)] },
          { tenantId: shopB, changes: [] },
          { tenantId: shopA.toUpperCase(), changes: [product('m:8', 'lik', 2)] },
        ],
        client,
      );
      expect(sent).toHaveLength(1);
      expect(out).toEqual([
        [
          { kind: 'product', key: 'm:2', outcome: 'created' },
          { kind: 'product', key: 'm:1', outcome: 'updated' },
        ],
        [
          { kind: 'product', key: 'm:1', outcome: 'created' },
          { kind: 'product', key: 'm:9', outcome: 'stale' },
        ],
        [{ kind: 'product', key: 'm:3', outcome: 'created' }],
        [],
        [{ kind: 'product', key: 'm:8', outcome: 'unchanged' }],
      ]);
      const recordsOf = async (tenant: string, keys: string[]) =>
        Object.fromEntries((await repos.entities.get(tenant, 'product', keys)).map((r) => [r.key, r.record]));
      expect(await recordsOf(shopA, ['m:1', 'm:2', 'm:3', 'm:8'])).toEqual({
        'm:1': { name: 'endret' },
        'm:2': { name: 'ny' },
        'm:3': { name: 'y' },
        'm:8': { name: 'lik' },
      });
      expect(await recordsOf(shopB, ['m:1', 'm:9'])).toEqual({
        'm:1': { name: 'annen butikk' },
        'm:9': { name: 'nyest' },
      });
    });

    it('sends nothing when every request is empty', async () => {
      const { sent, client } = countingClient();
      expect(
        await repos.entities.stageMany(
          [
            { tenantId: shopA, changes: [] },
            { tenantId: shopB, changes: [] },
          ],
          client,
        ),
      ).toEqual([[], []]);
      expect(await repos.entities.stageMany([], client)).toEqual([]);
      expect(sent).toEqual([]);
    });

    it('locks rows in (tenant, kind, key) order: a statement queued on one row holds none that sort after it', async () => {
      await repos.entities.stage(shopA, [product('lock:a', 'a0', 1), product('lock:b', 'b0', 1)]);
      const [first, second] = [
        new Client({ connectionString: ctx.db.url }),
        new Client({ connectionString: ctx.db.url }),
      ];
      await Promise.all([first.connect(), second.connect()]);
      try {
        await first.query('BEGIN');
        await repos.entities.stage(shopA, [product('lock:a', 'a1', 2)], first as never); // first holds a
        const pid = (await second.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        // Given b before a, but sent in key order: it queues on a before touching b.
        const queued = repos.entities.stage(
          shopA,
          [product('lock:b', 'b2', 3), product('lock:a', 'a2', 3)],
          second as never,
        );
        await blockedOnLock(pid);
        // Had the second statement locked b first, this would wait on it while it waits on us: a deadlock.
        expect(await repos.entities.stage(shopA, [product('lock:b', 'b1', 2)], first as never)).toEqual([
          { kind: 'product', key: 'lock:b', outcome: 'updated' },
        ]);
        await first.query('COMMIT');
        expect(await queued).toEqual([
          { kind: 'product', key: 'lock:b', outcome: 'updated' },
          { kind: 'product', key: 'lock:a', outcome: 'updated' },
        ]);
      } finally {
        await Promise.all([first.end(), second.end()]);
      }
      const rows = await repos.entities.get(shopA, 'product', ['lock:a', 'lock:b']);
      expect(Object.fromEntries(rows.map((r) => [r.key, r.record]))).toEqual({
        'lock:a': { name: 'a2' },
        'lock:b': { name: 'b2' },
      });
    });

    // A change that queued behind a concurrent writer must be answered against the row version it waited for (what
    // the upsert really wrote), not against the statement's starting snapshot, as if that writer had not run.
    describe('outcome of a change that waited on a concurrent writer', () => {
      const afterConcurrentWriter = async (
        key: string,
        firstChange: ReturnType<typeof product>,
        secondChange: ReturnType<typeof product>,
      ) => {
        const [first, second] = [
          new Client({ connectionString: ctx.db.url }),
          new Client({ connectionString: ctx.db.url }),
        ];
        await Promise.all([first.connect(), second.connect()]);
        try {
          await first.query('BEGIN');
          const firstOut = await repos.entities.stage(shopA, [firstChange], first as never);
          const pid = (await second.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
          const queued = repos.entities.stage(shopA, [secondChange], second as never);
          await blockedOnLock(pid);
          await first.query('COMMIT');
          return {
            first: firstOut[0].outcome,
            second: (await queued)[0].outcome,
            row: (await repos.entities.get(shopA, 'product', [key]))[0],
          };
        } finally {
          await Promise.all([first.end(), second.end()]);
        }
      };

      it('is updated, not a second created, when the entity was created meanwhile', async () => {
        const r = await afterConcurrentWriter('snap:1', product('snap:1', 'v1', 1), product('snap:1', 'v2', 2));
        expect(r.row).toMatchObject({ record: { name: 'v2' }, dirtyVersion: 2n });
        expect([r.first, r.second]).toEqual(['created', 'updated']);
      });

      it('is updated, not unchanged, when it puts back the content a concurrent change replaced', async () => {
        await repos.entities.stage(shopA, [product('snap:2', 'c0', 1)]);
        const r = await afterConcurrentWriter('snap:2', product('snap:2', 'c1', 2), product('snap:2', 'c0', 3));
        expect(r.row).toMatchObject({ record: { name: 'c0' }, dirtyVersion: 3n }); // the second change did make new work
        expect([r.first, r.second]).toEqual(['updated', 'updated']);
      });
    });

    it('leaves half of each entity_state page free (fillfactor 50)', async () => {
      const r = await ctx.store.pool.query<{ reloptions: string[] | null }>(
        `SELECT reloptions FROM pg_class WHERE relname = 'entity_state'`,
      );
      expect(r.rows).toEqual([{ reloptions: ['fillfactor=50'] }]);
    });

    const schedule = async (tenant: string, key: string) =>
      (
        await ctx.store.pool.query<{
          next: Date;
          pending: Date | null;
          attempts: number;
          error: string | null;
          due: boolean;
        }>(
          `SELECT next_attempt_at AS next, pending_since AS pending, attempts, last_error AS error, next_attempt_at <= now() AS due
             FROM entity_state WHERE tenant_id = $1 AND kind = 'product' AND key = $2`,
          [tenant, key],
        )
      ).rows[0];

    it('keeps next_attempt_at of a due entity when a change arrives, so the row is rewritten as a HOT update', async () => {
      await repos.entities.stage(shopB, [product('due:1', 'v1', 1)]);
      await ctx.store.pool.query(
        `UPDATE entity_state SET next_attempt_at = '2020-01-01T00:00:00Z' WHERE tenant_id = $1 AND key = 'due:1'`,
        [shopB],
      );
      const before = await schedule(shopB, 'due:1');
      expect((await repos.entities.stage(shopB, [product('due:1', 'v2', 2)]))[0].outcome).toBe('updated');
      const after = await schedule(shopB, 'due:1');
      expect(after.next).toEqual(new Date('2020-01-01T00:00:00Z'));
      expect(after.pending).toEqual(before.pending);

      // No indexed column moves, and the page has room: PostgreSQL writes the new version as a HOT update.
      const client = new Client({ connectionString: ctx.db.url });
      await client.connect();
      try {
        await client.query('BEGIN');
        expect((await repos.entities.stage(shopB, [product('due:1', 'v3', 3)], client as never))[0].outcome).toBe(
          'updated',
        );
        const stats = await client.query<{ updated: string; hot: string }>(
          `SELECT pg_stat_get_xact_tuples_updated('entity_state'::regclass)::text AS updated,
                  pg_stat_get_xact_tuples_hot_updated('entity_state'::regclass)::text AS hot`,
        );
        expect(stats.rows[0]).toEqual({ updated: '1', hot: '1' });
        await client.query('COMMIT');
      } finally {
        await client.end();
      }
      expect((await schedule(shopB, 'due:1')).next).toEqual(new Date('2020-01-01T00:00:00Z'));
    });

    it('brings an entity in back-off forward to now when a changed record arrives (an exact repeat keeps the back-off)', async () => {
      const tenant = (await repos.tenants.create({ name: 'Back-off', pckLogin: 3005, pckPassword: 'c' })).id;
      await repos.entities.stage(tenant, [product('late:1', 'v1', 1)]);
      const [c] = await repos.entities.claim(tenant, 'w', { limit: 1, leaseMs: 60_000 });
      await repos.entities.complete(
        tenant,
        'w',
        [{ kind: c.kind, key: c.key, version: c.version, ok: false, error: 'shop said 503' }],
        {
          backoffBaseMs: 600_000,
          backoffCapMs: 600_000,
        },
      );
      const backedOff = await schedule(tenant, 'late:1');
      expect(backedOff).toMatchObject({ due: false, attempts: 1, error: 'shop said 503' });

      expect((await repos.entities.stage(tenant, [product('late:1', 'v1', 2)]))[0].outcome).toBe('unchanged');
      expect(await schedule(tenant, 'late:1')).toEqual(backedOff);

      const { rows } = await ctx.store.pool.query<{ now: Date }>('SELECT now() AS now');
      expect((await repos.entities.stage(tenant, [product('late:1', 'v2', 3)]))[0].outcome).toBe('updated');
      // Set to the staging statement's now(): after `before` and not after the present (to the column's millisecond).
      const r = await ctx.store.pool.query<{
        after_before: boolean;
        not_future: boolean;
        attempts: number;
        error: string | null;
      }>(
        `SELECT next_attempt_at >= date_trunc('milliseconds', $3::timestamptz) AS after_before,
                next_attempt_at <= now() + interval '1 millisecond' AS not_future, attempts, last_error AS error
           FROM entity_state WHERE tenant_id = $1 AND kind = 'product' AND key = $2`,
        [tenant, 'late:1', rows[0].now],
      );
      expect(r.rows[0]).toEqual({ after_before: true, not_future: true, attempts: 0, error: null });
    });
  });
});
