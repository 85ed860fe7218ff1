import { Client } from 'pg';
import { createTestStore } from '../testing';
import { listenTenantChanges, notifyTenantChanged, type TenantChange } from './tenant-change-channel';

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

describe('tenant change channel (LISTEN/NOTIFY)', () => {
  let ctx: Awaited<ReturnType<typeof createTestStore>>;
  beforeAll(async () => {
    ctx = await createTestStore();
  });
  afterAll(() => ctx.close());

  it('every listener hears each change; a dropped connection reconnects and asks for a resync', async () => {
    const heard: TenantChange[][] = [[], []];
    const resyncs = [0, 0];
    const listeners = await Promise.all(
      [0, 1].map((i) =>
        listenTenantChanges(ctx.db.url, { changed: (c) => heard[i].push(c), resync: () => (resyncs[i] += 1) }),
      ),
    );
    try {
      expect(resyncs).toEqual([1, 1]);
      await notifyTenantChanged(ctx.store.pool, { tenantId: 't-1', pckLogin: 42 });
      await until(() => heard[0].length > 0 && heard[1].length > 0);
      expect(heard).toEqual([[{ tenantId: 't-1', pckLogin: 42 }], [{ tenantId: 't-1', pckLogin: 42 }]]);

      // The server ends the listening sessions: each reconnects and resyncs (changes in between were missed).
      const admin = new Client({ connectionString: ctx.db.url });
      await admin.connect();
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
      );
      await admin.end();
      await until(() => resyncs[0] >= 2 && resyncs[1] >= 2);
      expect(resyncs.every((n) => n >= 2)).toBe(true);
      await notifyTenantChanged(ctx.store.pool, { tenantId: 't-2', pckLogin: 43 });
      await until(() => heard[0].length > 1 && heard[1].length > 1);
      expect(heard[0][1]).toEqual({ tenantId: 't-2', pckLogin: 43 });
    } finally {
      await Promise.all(listeners.map((l) => l.close()));
    }
  }, 30_000);
});
