import { Client } from 'pg';
import { createTestStore } from '../testing';
import type { EntityStager } from './coalesce-stage-calls';
import type { EntityChange, StagedEntity } from './entity-repository';
import type { Repositories } from './repositories';

/**
 * What every EntityStager must do, as a jest suite on a fresh database of its own. Call it from a spec file with
 * a factory that builds the stager on that database's repositories; `repos.entities` is the reference reader.
 */
export function entityStagerContract(name: string, make: (repos: Repositories) => EntityStager): void {
  describe(`EntityStager contract: ${name}`, () => {
    let ctx: Awaited<ReturnType<typeof createTestStore>>;
    let repos: Repositories;
    let stager: EntityStager;
    let tenantA: string;
    let tenantB: string;
    let serial = 0;
    /** A key no other test uses, so tests share the database without seeing each other's rows. */
    const fresh = (label: string) => `${label}:${++serial}`;
    const product = (key: string, name: string, ts: number): EntityChange => ({
      kind: 'product',
      key,
      record: { name },
      pckTimestamp: BigInt(ts),
    });
    const removal = (key: string, ts: number): EntityChange => ({
      kind: 'product',
      key,
      record: { key },
      pckTimestamp: BigInt(ts),
      deleted: true,
    });
    const staged = (key: string, outcome: StagedEntity['outcome']): StagedEntity => ({ kind: 'product', key, outcome });
    const stored = async (tenantId: string, key: string) => {
      const rows = await repos.entities.get(tenantId, 'product', [key]);
      expect(rows).toHaveLength(1);
      return rows[0];
    };

    beforeAll(async () => {
      ctx = await createTestStore();
      repos = ctx.repos;
      tenantA = (await repos.tenants.create({ name: 'Stager A', pckLogin: 5001, pckPassword: 'a' })).id;
      tenantB = (await repos.tenants.create({ name: 'Stager B', pckLogin: 5002, pckPassword: 'b' })).id;
      stager = make(repos);
    });
    afterAll(() => ctx.close());

    it('answers created, updated, stale and unchanged, and stores only the newest state', async () => {
      const key = fresh('guard');
      expect(await stager.stage(tenantA, [product(key, 'Genser', 100)])).toEqual([staged(key, 'created')]);
      expect(await stager.stage(tenantA, [product(key, 'Genser blå', 200)])).toEqual([staged(key, 'updated')]);
      expect(await stager.stage(tenantA, [product(key, 'Genser', 150)])).toEqual([staged(key, 'stale')]);
      expect(await stager.stage(tenantA, [product(key, 'Genser blå', 200)])).toEqual([staged(key, 'stale')]);
      expect(await stager.stage(tenantA, [product(key, 'Genser blå', 300)])).toEqual([staged(key, 'unchanged')]);
      const row = await stored(tenantA, key);
      expect(row).toMatchObject({
        record: { name: 'Genser blå' },
        deleted: false,
        pckTimestamp: 300n,
        appliedVersion: 0n,
      });
      expect(row.dirtyVersion).toBe(2n); // the stale calls and the exact repeat made no new work
    });

    it('lets a later call with an equal timestamp and other content replace the stored state', async () => {
      const key = fresh('tie');
      await stager.stage(tenantA, [product(key, 'first', 100)]);
      expect(await stager.stage(tenantA, [product(key, 'second', 100)])).toEqual([staged(key, 'updated')]);
      expect((await stored(tenantA, key)).record).toEqual({ name: 'second' });
    });

    it.each([
      ['newest first', [2, 1]],
      ['newest last', [1, 2]],
    ])('keeps the newest change of one call (%s) and answers once per entity', async (_label, order) => {
      const key = fresh('within');
      const other = fresh('within-other');
      const out = await stager.stage(tenantA, [
        product(key, `v${order[0]}`, order[0]),
        product(other, 'x', 1),
        product(key, `v${order[1]}`, order[1]),
      ]);
      expect(out).toEqual([staged(key, 'created'), staged(other, 'created')]);
      const row = await stored(tenantA, key);
      expect(row.record).toEqual({ name: 'v2' });
      expect(row.pckTimestamp).toBe(2n);
      expect(row.dirtyVersion).toBe(1n);
    });

    it('lets a tombstone supersede a pending upsert, and ignores an older upsert after it', async () => {
      // A tenant of its own, so a claim sees only this entity.
      const tenant = (await repos.tenants.create({ name: 'Stager tombstones', pckLogin: 5003, pckPassword: 't' })).id;
      const key = fresh('gone');
      expect(await stager.stage(tenant, [product(key, 'Genser', 10)])).toEqual([staged(key, 'created')]);
      expect(await stager.stage(tenant, [removal(key, 20)])).toEqual([staged(key, 'updated')]);
      expect(await stager.stage(tenant, [product(key, 'Genser igjen', 15)])).toEqual([staged(key, 'stale')]);
      const row = await stored(tenant, key);
      expect(row).toMatchObject({
        deleted: true,
        record: { key },
        pckTimestamp: 20n,
        dirtyVersion: 2n,
        appliedVersion: 0n,
      });
      // The worker is handed the removal only, never the superseded upsert.
      const claimed = await repos.entities.claim(tenant, 'contract', { limit: 10, leaseMs: 60_000 });
      expect(claimed).toEqual([expect.objectContaining({ key, deleted: true, version: 2n, pckTimestamp: 20n })]);

      const inOneCall = fresh('gone-at-once');
      expect(await stager.stage(tenant, [product(inOneCall, 'kort liv', 5), removal(inOneCall, 6)])).toEqual([
        staged(inOneCall, 'created'),
      ]);
      expect(await stored(tenant, inOneCall)).toMatchObject({ deleted: true, pckTimestamp: 6n });
    });

    it("orders a change without PCK timestamp by arrival, never against PCK's clock, and keeps PCK's guard", async () => {
      const key = fresh('arrival');
      const unstampedRemoval: EntityChange = { kind: 'product', key, record: { key }, deleted: true };
      // PCK's timestamps are far from any clock of the gateway or the database, in either direction.
      for (const pck of [9_000_000_000_000, 1_000]) {
        expect(await stager.stage(tenantA, [product(key, `vare ${pck}`, pck)])).toEqual([
          staged(key, pck === 9_000_000_000_000 ? 'created' : 'stale'),
        ]);
      }
      expect(await stager.stage(tenantA, [unstampedRemoval])).toEqual([staged(key, 'updated')]);
      const removed = await stored(tenantA, key);
      expect(removed).toMatchObject({ deleted: true, pckStamped: false, pckTimestamp: 9_000_000_000_000n });
      expect(await stager.stage(tenantA, [unstampedRemoval])).toEqual([staged(key, 'unchanged')]);
      expect(await stager.stage(tenantA, [product(key, 'for gammel', 8_999_999_999_999)])).toEqual([
        staged(key, 'stale'),
      ]);
      expect(await stager.stage(tenantA, [product(key, 'tilbake', 9_000_000_000_001)])).toEqual([
        staged(key, 'updated'),
      ]);
      const back = await stored(tenantA, key);
      expect(back).toMatchObject({
        deleted: false,
        pckStamped: true,
        pckTimestamp: 9_000_000_000_001n,
        record: { name: 'tilbake' },
      });
      expect(back.arrival).toBeGreaterThan(removed.arrival);

      const image = fresh('arrival-image');
      const img = (n: number): EntityChange => ({ kind: 'image', key: image, record: { n } });
      for (const n of [1, 2, 3])
        expect(await stager.stage(tenantA, [img(n)])).toEqual([
          { kind: 'image', key: image, outcome: n === 1 ? 'created' : 'updated' },
        ]);
      expect((await repos.entities.get(tenantA, 'image', [image]))[0]).toMatchObject({
        record: { n: 3 },
        pckTimestamp: null,
        pckStamped: false,
      });
    });

    it('has committed the changes when the promise resolves (seen by another connection)', async () => {
      const key = fresh('durable');
      await stager.stage(tenantB, [product(key, 'lagret', 42), removal(`${key}:gone`, 43)]);
      const reader = new Client({ connectionString: ctx.db.url });
      await reader.connect();
      try {
        const r = await reader.query<{ key: string; record: unknown; deleted: boolean; ts: string }>(
          `SELECT key, record, deleted, pck_timestamp::text AS ts FROM entity_state WHERE tenant_id = $1 AND kind = 'product' AND key = ANY($2) ORDER BY key`,
          [tenantB, [key, `${key}:gone`]],
        );
        expect(r.rows).toEqual([
          { key, record: { name: 'lagret' }, deleted: false, ts: '42' },
          { key: `${key}:gone`, record: { key: `${key}:gone` }, deleted: true, ts: '43' },
        ]);
      } finally {
        await reader.end();
      }
    });

    it('resolves an empty change list to [] and writes nothing', async () => {
      const count = async () =>
        (await ctx.store.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM entity_state')).rows[0].n;
      const before = await count();
      expect(await stager.stage(tenantA, [])).toEqual([]);
      expect(await count()).toBe(before);
    });

    it('answers 24 concurrent calls for distinct entities of two tenants, each with its own outcomes', async () => {
      const base = fresh('distinct');
      // Both tenants use the same keys: the same (kind, key) of two tenants are two entities.
      const calls = Array.from({ length: 24 }, (_, i) => {
        const tenantId = i % 2 === 0 ? tenantA : tenantB;
        const n = Math.floor(i / 2);
        return { tenantId, changes: [product(`${base}:${n}:x`, `x${i}`, 1), product(`${base}:${n}:y`, `y${i}`, 1)] };
      });
      const results = await Promise.all(calls.map((c) => stager.stage(c.tenantId, c.changes)));
      results.forEach((out, i) => expect(out).toEqual(calls[i].changes.map((c) => staged(c.key, 'created'))));
      for (const [i, c] of calls.entries()) {
        const rows = await repos.entities.get(
          c.tenantId,
          'product',
          c.changes.map((x) => x.key),
        );
        expect(rows.map((r) => r.record).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
          { name: `x${i}` },
          { name: `y${i}` },
        ]);
      }
    });

    /**
     * 24 concurrent calls, each for two of three entities, alternating between two tenants; timestamps in scrambled
     * arrival order (7 is coprime with 24) and unique per call, so no content repeats. Per entity: the answers of
     * the calls that named it, and the stored row.
     */
    const stageConcurrentlyToSharedEntities = async () => {
      const base = fresh('same');
      const entities = [0, 1, 2].map((n) => `${base}:${n}`);
      const count = 24;
      const calls = Array.from({ length: count }, (_, i) => {
        const tenantId = i % 2 === 0 ? tenantA : tenantB;
        const ts = ((i * 7) % count) + 1;
        return {
          tenantId,
          ts,
          changes: [product(entities[i % 3], `v${ts}`, ts), product(entities[(i + 1) % 3], `v${ts}`, ts)],
        };
      });
      const results = await Promise.all(calls.map((c) => stager.stage(c.tenantId, c.changes)));
      results.forEach((out, i) => expect(out.map((o) => o.key)).toEqual(calls[i].changes.map((c) => c.key)));
      const perEntity: Array<{
        touching: Array<{ ts: number; outcome?: StagedEntity['outcome'] }>;
        newest: number;
        row: Awaited<ReturnType<typeof stored>>;
      }> = [];
      for (const tenantId of [tenantA, tenantB]) {
        for (const key of entities) {
          const touching = calls.flatMap((c, i) =>
            c.tenantId === tenantId && c.changes.some((x) => x.key === key)
              ? [{ ts: c.ts, outcome: results[i].find((o) => o.key === key)?.outcome }]
              : [],
          );
          perEntity.push({
            touching,
            newest: Math.max(...touching.map((t) => t.ts)),
            row: await stored(tenantId, key),
          });
        }
      }
      return perEntity;
    };

    it('answers 24 concurrent calls for the same entities of two tenants, and the newest wins per entity', async () => {
      for (const { touching, newest, row } of await stageConcurrentlyToSharedEntities()) {
        expect(row.record).toEqual({ name: `v${newest}` });
        expect(row.pckTimestamp).toBe(BigInt(newest));
        const outcomes = touching.map((t) => t.outcome);
        expect(outcomes).toContain('created');
        expect(outcomes.every((o) => o === 'created' || o === 'updated' || o === 'stale')).toBe(true);
        expect(touching.find((t) => t.ts === newest)?.outcome).not.toBe('stale');
        // Each answer other than stale is one version of new work, no more and no less.
        expect(row.dirtyVersion).toBe(BigInt(outcomes.filter((o) => o !== 'stale').length));
      }
    });

    it('answers 24 concurrent calls for the same entities as some serial order would: one created per entity', async () => {
      for (const { touching } of await stageConcurrentlyToSharedEntities()) {
        expect(touching.map((t) => t.outcome).filter((o) => o === 'created')).toHaveLength(1);
      }
    });
  });
}
