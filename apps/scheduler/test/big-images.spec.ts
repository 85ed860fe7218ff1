import { randomBytes } from 'node:crypto';
import { twinProduct } from '@pcknop/batching-engine';
import { findFreePort } from '@pcknop/staging-store';
import { TwinImageOwner, TwinRecordKind, type TwinImage } from '@pcknop/twinxml';
import { createHash } from 'node:crypto';
import { startSchedulerProcess } from './support/scheduler-process';
import { sleep, useShopTestbed } from './support/shop-testbed';

jest.setTimeout(600_000);

// Issue 14 point 5: whole images used to go 500 to a batch into one TwinXML string; under a 128 MB heap the
// scheduler crashed in a loop. With batches bounded by bytes (BATCH_MAX_BYTES, default 16 MB) it drains them.
describe('big images under a 128 MB heap', () => {
  const bed = useShopTestbed({ seed: 55 });
  const { stage } = bed;
  const image = (articleId: number): TwinImage => {
    // Random bytes: base64 of them does not compress, like real JPEGs.
    const data = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(3 * 1024 * 1024)]);
    return {
      ownerKind: TwinImageOwner.Product,
      ownerKey: `a:${articleId}`,
      position: 1,
      contentHash: `sha256:${createHash('sha256').update(data).digest('hex')}`,
      mimeType: 'image/jpeg',
      data,
    };
  };

  it('drains 40 images of 3 MB (160 MB of staged JSON) in byte-bounded batches without crashing', async () => {
    const tenantId = await bed.tenant(5500);
    const ids = Array.from({ length: 40 }, (_, i) => 5500 + i);
    await stage(
      tenantId,
      TwinRecordKind.Product,
      ids.map((id) => twinProduct(id)),
    );
    for (const id of ids) await stage(tenantId, TwinRecordKind.Image, [image(id)]);
    const child = startSchedulerProcess(
      bed.t.db.url,
      { SCHEDULER_PORT: String(await findFreePort()), SCHEDULER_HOST: '127.0.0.1' },
      ['--max-old-space-size=128'],
    );
    let exit: string | undefined;
    child.child.once('exit', (code, signal) => (exit = `${signal ?? code}`));
    try {
      const end = Date.now() + 420_000;
      while (Date.now() < end && exit === undefined) {
        const left = await bed.pending(tenantId);
        if (left === 0) break;
        await sleep(500);
      }
      expect(exit).toBeUndefined(); // never crashed (out of memory)
      expect(await bed.pending(tenantId)).toBe(0);
    } finally {
      if (exit === undefined) await child.stop();
    }
    expect(bed.sim.state.pictures()).toHaveLength(40);
    // 160 MB in batches of at most 16 MB of staged JSON (4 MB per image): at least 10 documents, none much larger.
    const batches = await bed.t.store.pool.query<{ n: number; largest: number }>(
      'SELECT count(*)::int AS n, max(octet_length(document))::int AS largest FROM batch WHERE tenant_id = $1',
      [tenantId],
    );
    expect(batches.rows[0].n).toBeGreaterThanOrEqual(10);
    expect(batches.rows[0].largest).toBeLessThan(18 * 1024 * 1024);
    const dead = await bed.t.store.pool.query(
      'SELECT key FROM entity_state WHERE tenant_id = $1 AND dead_lettered_at IS NOT NULL',
      [tenantId],
    );
    expect(dead.rows).toEqual([]);
  });
});
