import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Decimal } from 'decimal.js';
import { defaultProfile, pckToTwin, type TwinRecords } from '@pcknop/field-mapping';
import { NopWebApiClient } from '@pcknop/nopcommerce-client';
import { startNopSim, type NopSim } from '@pcknop/nop-sim';
import type { Article, SizeColor } from '@pcknop/pck-contract';
import { createStore, repositories, type EntityChange } from '@pcknop/staging-store';
import { TwinRecordKind, recordKey, recordToJson } from '@pcknop/twinxml';
import { defineBenchmark, type Figure } from '../harness';
import { freshDatabase } from './batching-support';

/**
 * Full resend of N articles × 4 variants (2 colours × 2 sizes): PCK's calls are mapped and staged exactly as the
 * gateway does it (field-mapping `pckToTwin` with the default profile, twinxml `recordToJson`, one staging statement
 * per article, groups and manufacturers only when they change); the scheduler runs as a CHILD PROCESS
 * (`apps/scheduler/src/main.ts`, default flush policy, against the simulator started here) and its peak RSS is
 * read from `/proc/<pid>/status` (VmHWM, the kernel's high-water mark of its resident set).
 *
 * Figures:
 * - time until the shop matches: from the first staged article until the staging store has nothing pending and
 *   the simulator holds every product row (N parents + 4N variant products, separateProducts mode), checked by SKU;
 *   baseline: the simulator's raw create throughput for the same number of product rows — plain
 *   `Product/Create` HTTP calls, 8 in flight, on a fresh simulator after the run (no lookups, slugs, bindings or
 *   batching). The ratio is what batching, idempotency and the staging store cost over bare creates.
 * - the scheduler's peak RSS; goal ≤ 256 MB. Baseline: the same scheduler child idle (started, no work) — what
 *   Node + tsx + the libraries take before the first batch.
 * Quick mode: 1,000 articles (5,000 product rows).
 */
const root = resolve(__dirname, '../../../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MB = 1024 * 1024;

/** Peak resident set of a process in bytes (VmHWM), undefined when /proc is not there. */
// The scheduler runs as `npm start` runs it: with a heap cap (SCHEDULER_HEAP_MB, default 128).
const SCHEDULER_HEAP_MB = process.env.SCHEDULER_HEAP_MB ?? '128';

function peakRss(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function article(i: number): Article {
  const articleId = 100_000 + i;
  const colours = [
    { colorId: 1, name: 'Rød' },
    { colorId: 2, name: 'Blå' },
  ];
  const sizes = [
    { sizeId: 11, name: 'M' },
    { sizeId: 12, name: 'L' },
  ];
  const sizeColors: SizeColor[] = [];
  for (const color of colours) {
    for (const size of sizes) {
      sizeColors.push({
        sizeColorId: articleId * 10 + sizeColors.length + 1,
        size,
        color,
        eans: [],
        stockCount: (i + sizeColors.length) % 7,
        stockDetails: [],
        sizeColorInUse: true,
      });
    }
  }
  const group = 1 + (i % 20);
  return {
    alternatives: [],
    articleId,
    articleNo: `RS-${articleId}`,
    articleStatus: 0,
    name: `Genser ${articleId}`,
    subtitle: 'Ull',
    description: 'Strikket i Norge.',
    eans: [],
    salesPrice: new Decimal(499 + (i % 50)),
    costPrice: new Decimal('200.00'),
    vat: new Decimal('25'),
    visibleOnWeb: true,
    hideWhenOutOfStock: false,
    sizeColorInUse: true,
    sizeColors,
    stockCount: 0,
    stockDetails: [],
    webstockLimit: 0,
    manufacturer: { manufacturerId: 1 + (i % 5), name: `Produsent ${1 + (i % 5)}` },
    articleGroup: { arcileGroupId: 1, groupNumber: 1, name: 'Klær' },
    articleGroup2: { arcileGroupId: 100 + group, groupNumber: 2, name: `Gruppe ${group}` },
  };
}

/** The gateway's staging of one call's records (see the gateway's `changesOf`). */
function changesOf(records: TwinRecords, pckTimestamp: bigint): EntityChange[] {
  const out: EntityChange[] = [];
  const add = (kind: string, key: string, record: unknown) =>
    out.push({ kind, key, record, pckTimestamp, deleted: false });
  for (const c of records.categories) add(TwinRecordKind.Category, c.key, recordToJson('category', c));
  for (const m of records.manufacturers) add(TwinRecordKind.Manufacturer, m.key, recordToJson('manufacturer', m));
  for (const p of records.products) add(TwinRecordKind.Product, p.key, recordToJson('product', p));
  for (const s of records.stockLevels)
    add(TwinRecordKind.Stock, recordKey(TwinRecordKind.Stock, s), recordToJson('stock', s));
  for (const i of records.images)
    add(TwinRecordKind.Image, recordKey(TwinRecordKind.Image, i), recordToJson('image', i));
  return out;
}

function startScheduler(env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${SCHEDULER_HEAP_MB}`, '--import', 'tsx', resolve(root, 'apps/scheduler/src/main.ts')],
    { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`  [scheduler] ${d.toString().slice(0, 500)}`));
  return child;
}

async function stopScheduler(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(15_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Plain creates of `count` product rows, `inFlight` at a time: the simulator's raw throughput. */
async function rawCreates(count: number, inFlight = 8): Promise<number> {
  const sim = await startNopSim({ port: 0, seed: 9 });
  const client = new NopWebApiClient({
    baseUrl: sim.url,
    credentials: { email: 'admin@nop-sim.local', password: 'admin' },
    maxConcurrency: inFlight,
  });
  try {
    await client.products.getByIds([1]); // token, outside the timing
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < count) {
          const i = next++;
          await client.products.create({
            sku: `RAW-${i}`,
            name: `Raw ${i}`,
            price: 499,
            published: true,
            product_type_id: 5,
            visible_individually: true,
          });
        }
      }),
    );
    return performance.now() - t0;
  } finally {
    await client.close();
    await sim.close();
  }
}

export default defineBenchmark({
  name: 'batching-resend',
  description:
    'Full resend of 20,000 articles × 4 variants staged as the gateway does; scheduler child process against the simulator: time until the shop holds every product, and the scheduler’s peak RSS.',
  async run({ quick, progress }) {
    const articles = quick ? 1000 : 20_000;
    const rows = articles * 5;
    const secretsKey = process.env.SECRETS_KEY ?? randomBytes(32).toString('base64');
    process.env.SECRETS_KEY = secretsKey;
    const db = await freshDatabase();
    const store = createStore({ url: db.url });
    const repos = repositories(store);
    let sim: NopSim | undefined = await startNopSim({ port: 0, seed: 3 });
    const figures: Figure[] = [];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: db.url,
      SECRETS_KEY: secretsKey,
      LOG_LEVEL: 'warn',
      TENANT_REFRESH_MS: '1000',
      ORDER_POLL_CRON: '0 0 0 1 1 *',
      RECONCILE_CRON: '0 0 0 1 1 *',
      RETENTION_CRON: '0 0 0 1 1 *',
    };
    let child: ChildProcess | undefined;
    try {
      const tenant = await repos.tenants.create({
        name: 'resend',
        pckLogin: 1,
        pckPassword: 'pw',
        shopUrl: sim.url,
        shop: { email: 'admin@nop-sim.local', password: 'admin' },
        options: { webshopCustomerId: 1 },
      });
      const profile = defaultProfile(1);

      // Idle baseline of the same child: started, tenants loaded, nothing to do.
      child = startScheduler(env);
      await sleep(quick ? 4000 : 6000);
      const idleRss = peakRss(child.pid) ?? Number.NaN;
      progress(`scheduler idle: ${(idleRss / MB).toFixed(0)} MB`);

      // The resend, one article per staging statement, as PCK sends it (one call at a time).
      const side = new Map<string, string>();
      const t0 = performance.now();
      let ts = 1_700_000_000_000n;
      for (let i = 0; i < articles; i++) {
        const records = await pckToTwin(
          profile,
          { operation: 'sendArticle', article: article(i) },
          { receivedAt: new Date() },
        );
        const changes = changesOf(records, ts++).filter((c) => {
          if (c.kind !== TwinRecordKind.Category && c.kind !== TwinRecordKind.Manufacturer) return true;
          const fp = JSON.stringify(c.record);
          if (side.get(`${c.kind}|${c.key}`) === fp) return false;
          side.set(`${c.kind}|${c.key}`, fp);
          return true;
        });
        await repos.entities.stage(tenant.id, changes);
        if ((i + 1) % (quick ? 250 : 2500) === 0)
          progress(`staged ${i + 1}/${articles} articles (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
      }
      const stagedMs = performance.now() - t0;

      // Until nothing is pending, then the shop is checked by SKU.
      let lastReport = 0;
      for (;;) {
        const [b] = await repos.entities.backlog(tenant.id);
        if (!b || b.pending === 0) break;
        if (b.deadLettered > 0) throw new Error(`${b.deadLettered} records dead-lettered`);
        if (performance.now() - lastReport > 10_000) {
          lastReport = performance.now();
          progress(
            `pending ${b.pending} at ${((performance.now() - t0) / 1000).toFixed(0)} s, scheduler peak ${((peakRss(child.pid) ?? 0) / MB).toFixed(0)} MB`,
          );
        }
        await sleep(250);
      }
      const skus = new Set<string>();
      for (const p of sim.state.products()) if (!p.deleted && typeof p.sku === 'string') skus.add(p.sku);
      const missing: string[] = [];
      for (let i = 0; i < articles; i++) {
        const a = article(i);
        for (const sku of [a.articleNo ?? '', ...a.sizeColors.map((sc) => `${a.articleNo}-${sc.sizeColorId}`)])
          if (!skus.has(sku)) missing.push(sku);
      }
      const doneMs = performance.now() - t0;
      const peak = peakRss(child.pid) ?? Number.NaN;
      if (missing.length > 0)
        throw new Error(`the shop lacks ${missing.length} products, e.g. ${missing.slice(0, 3).join(', ')}`);
      if (skus.size !== rows)
        throw new Error(`the shop holds ${skus.size} products, expected ${rows} (duplicates or strays)`);
      const shopCalls = sim.state.totalCalls();
      await stopScheduler(child);
      child = undefined;
      await sim.close();
      sim = undefined;
      progress(
        `resend: staged in ${(stagedMs / 1000).toFixed(1)} s, shop complete after ${(doneMs / 1000).toFixed(1)} s, ${shopCalls} shop calls, scheduler peak ${(peak / MB).toFixed(0)} MB`,
      );

      progress(`baseline: ${rows} raw creates`);
      const rawMs = await rawCreates(rows);
      figures.push({
        name: `full resend ${articles} × 4 variants: time until the shop holds all ${rows} products`,
        value: doneMs / 1000,
        unit: 's',
        better: 'lower',
        baseline: { name: `raw Product/Create of ${rows} rows, 8 in flight`, value: rawMs / 1000 },
      });
      figures.push({
        name: 'full resend: staging (gateway path, one article per statement)',
        value: stagedMs / 1000,
        unit: 's',
        better: 'lower',
      });
      figures.push({
        name: 'full resend: shop calls per product row',
        value: shopCalls / rows,
        unit: 'calls',
        better: 'lower',
        baseline: { name: 'one create per row', value: 1 },
      });
      figures.push({
        name: `scheduler peak RSS during the resend (heap cap ${SCHEDULER_HEAP_MB} MB)`,
        value: peak / MB,
        unit: 'MB',
        better: 'lower',
        baseline: { name: 'the same scheduler idle', value: idleRss / MB },
        goal: '≤ 256 MB',
        goalMet: peak <= 256 * MB,
      });
    } finally {
      if (child) await stopScheduler(child);
      await sim?.close();
      await store.close();
      await db.drop();
    }
    return figures;
  },
});
