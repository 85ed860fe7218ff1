import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { toStagedJson, twinProduct } from '@pcknop/batching-engine';
import { startNopSim, type NopSim } from '@pcknop/nop-sim';
import { findFreePort } from '@pcknop/staging-store';
import { createTestStore } from '@pcknop/staging-store/testing';
import { TwinImageOwner, TwinRecordKind, recordKey, type TwinImage, type TwinRecord } from '@pcknop/twinxml';
import { createHash } from 'node:crypto';

jest.setTimeout(600_000);

type TestStore = Awaited<ReturnType<typeof createTestStore>>;
const root = resolve(__dirname, '../../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Issue 14 point 5: whole images used to go 500 to a batch into one TwinXML string; under a 128 MB heap the
// scheduler crashed in a loop. With batches bounded by bytes (BATCH_MAX_BYTES, default 16 MB) it drains them.
describe('big images under a 128 MB heap', () => {
  let t: TestStore;
  let sim: NopSim;
  let ts = 1n;

  beforeAll(async () => {
    t = await createTestStore();
    sim = await startNopSim({ port: 0, seed: 55 });
  });
  afterAll(async () => {
    await sim.close();
    await t.close();
  });

  async function stage(tenantId: string, kind: TwinRecordKind, records: TwinRecord[]): Promise<void> {
    await t.repos.entities.stage(tenantId, records.map((r) => ({ kind, key: recordKey(kind, r as never), record: toStagedJson(kind, r), pckTimestamp: ts++ })));
  }
  const image = (articleId: number): TwinImage => {
    // Random bytes: base64 of them does not compress, like real JPEGs.
    const data = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(3 * 1024 * 1024)]);
    return { ownerKind: TwinImageOwner.Product, ownerKey: `a:${articleId}`, position: 1, contentHash: `sha256:${createHash('sha256').update(data).digest('hex')}`, mimeType: 'image/jpeg', data };
  };

  it('drains 40 images of 3 MB (160 MB of staged JSON) in byte-bounded batches without crashing', async () => {
    const tenant = await t.repos.tenants.create({ name: 'Images', pckLogin: 5500, pckPassword: 'pw', shopUrl: sim.url, shop: { email: 'admin@nop-sim.local', password: 'admin' } });
    const ids = Array.from({ length: 40 }, (_, i) => 5500 + i);
    await stage(tenant.id, TwinRecordKind.Product, ids.map((id) => twinProduct(id)));
    for (const id of ids) await stage(tenant.id, TwinRecordKind.Image, [image(id)]);
    const env = {
      ...process.env,
      DATABASE_URL: t.db.url,
      BATCH_MAX_DELAY_MS: '0',
      BATCH_QUIET_MS: '0',
      LOG_LEVEL: 'warn',
      ORDER_POLL_CRON: '0 0 0 1 1 *',
      SCHEDULER_PORT: String(await findFreePort()),
      SCHEDULER_HOST: '127.0.0.1',
    };
    const child = spawn(process.execPath, ['--max-old-space-size=128', '--import', 'tsx', resolve(root, 'apps/scheduler/src/main.ts')], { cwd: root, env, stdio: 'ignore' });
    let exit: string | undefined;
    child.once('exit', (code, signal) => (exit = `${signal ?? code}`));
    try {
      const end = Date.now() + 420_000;
      while (Date.now() < end && exit === undefined) {
        const left = (await t.repos.entities.backlog(tenant.id))[0]?.pending ?? 0;
        if (left === 0) break;
        await sleep(500);
      }
      expect(exit).toBeUndefined(); // never crashed (out of memory)
      expect((await t.repos.entities.backlog(tenant.id))[0]?.pending ?? 0).toBe(0);
    } finally {
      if (exit === undefined) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    }
    expect(sim.state.pictures()).toHaveLength(40);
    // 160 MB in batches of at most 16 MB of staged JSON (4 MB per image): at least 10 documents, none much larger.
    const batches = await t.store.pool.query<{ n: number; largest: number }>('SELECT count(*)::int AS n, max(octet_length(document))::int AS largest FROM batch WHERE tenant_id = $1', [tenant.id]);
    expect(batches.rows[0].n).toBeGreaterThanOrEqual(10);
    expect(batches.rows[0].largest).toBeLessThan(18 * 1024 * 1024);
    const dead = await t.store.pool.query('SELECT key FROM entity_state WHERE tenant_id = $1 AND dead_lettered_at IS NOT NULL', [tenant.id]);
    expect(dead.rows).toEqual([]);
  });
});
