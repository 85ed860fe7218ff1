import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Decimal } from 'decimal.js';
import type { Article } from '@pcknop/pck-contract';
import { call, PckClient, startOrderTriggerEndpoint } from '@pcknop/pck-sim';
import { startNopSim } from '@pcknop/nop-sim';
import { createStore, repositories } from '@pcknop/staging-store';
import { defineBenchmark, percentile, type Figure } from '../harness';
import { freshDatabase } from './batching-support';

const ROOT = resolve(__dirname, '../../../..');
const LOGIN = 4242;
const PASSWORD = 'bench-pck-password';
const LICENCE = '77001';
const POLL_SECONDS = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A child running TypeScript sources through tsx; resolves once its output matches `ready`. */
function startChild(
  entry: string,
  env: NodeJS.ProcessEnv,
  ready?: RegExp,
): Promise<{ child: ChildProcess; match?: RegExpExecArray }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, entry)], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let matched = !ready;
    const timer = setTimeout(() => fail(new Error(`${entry} did not start in 90 s: ${out.slice(-500)}`)), 90_000);
    const onData = (d: Buffer) => {
      if (matched) return; // keep draining the pipe, stop keeping the text
      out += d.toString();
      const m = ready?.exec(out);
      if (m) {
        matched = true;
        clearTimeout(timer);
        done({ child, match: m });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${entry} exited (${code}): ${out.slice(-500)}`));
    });
    if (!ready) {
      clearTimeout(timer);
      done({ child });
    }
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(15_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

const article = (articleId: number): Article =>
  ({
    articleId,
    articleNo: `ORD-${articleId}`,
    name: `Bestillingsvare ${articleId}`,
    salesPrice: new Decimal('249.00'),
    vat: new Decimal(25),
    visibleOnWeb: true,
    timestamp: Date.now(),
    eans: [],
    alternatives: [],
    sizeColors: [],
    stockDetails: [],
    stockCount: 1000,
  }) as Article;

export default defineBenchmark({
  name: 'order-trigger',
  description: `Paid in the shop → fetched by PCK (getOrders) with the order trigger (QueueGetOrders) and the order poll every ${POLL_SECONDS} s, against the order poll's own paid → staged latency in the same run.`,
  async run({ quick, progress }) {
    const orders = quick ? 8 : 40;
    const db = await freshDatabase();
    const store = createStore({ url: db.url });
    const repos = repositories(store);
    const sim = await startNopSim({ port: 0, seed: 21 });
    const children: ChildProcess[] = [];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: db.url,
      SECRETS_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'info',
    };
    let endpoint: Awaited<ReturnType<typeof startOrderTriggerEndpoint>> | undefined;
    let client: PckClient | undefined;
    try {
      progress('starting the gateway and the scheduler (child processes, TypeScript sources)');
      const gateway = await startChild(
        'apps/gateway/src/main.ts',
        {
          ...env,
          GATEWAY_PORT: '0',
          GATEWAY_HOST: '127.0.0.1',
          PCK_LOGIN: String(LOGIN),
          PCK_PASSWORD: PASSWORD,
          NOP_BASE_URL: sim.url,
          NOP_EMAIL: 'admin@nop-sim.local',
          NOP_PASSWORD: 'admin',
        },
        /"port":(\d+)/,
      );
      children.push(gateway.child);
      const soapUrl = `http://127.0.0.1:${gateway.match?.[1] ?? 0}/WebshopWS`;
      client = new PckClient({ url: soapUrl, login: LOGIN, password: PASSWORD });
      const fetchedAt = new Map<number, number>();
      endpoint = await startOrderTriggerEndpoint({
        client,
        licenceNo: LICENCE,
        onOrder: (o, at) => fetchedAt.set(o.deltaOrderId, at),
      });
      const tenant = (await repos.tenants.list()).find((t) => t.pckLogin === LOGIN);
      if (!tenant) throw new Error('the gateway did not create its default tenant');
      await repos.tenants.update(tenant.id, {
        options: { ...tenant.options, orderTrigger: { enabled: true, baseUrl: endpoint.url, licenceNo: LICENCE } },
      });
      const scheduler = await startChild(
        'apps/scheduler/src/main.ts',
        { ...env, ORDER_POLL_CRON: `*/${POLL_SECONDS} * * * * *`, ORDER_POLL_LOOKBACK_MS: '3600000' },
        /scheduler ready/,
      );
      children.push(scheduler.child);

      // A product in the shop, the way PCK puts it there, so the orders have lines the till knows.
      const sent = await client.send(call('sendArticle', { article: article(1) }, 'article 1'));
      if (sent.kind !== 'answer' || sent.operationResult !== 0)
        throw new Error(`sendArticle failed: ${JSON.stringify(sent).slice(0, 300)}`);
      for (let i = 0; i < 300 && sim.state.productsBySku('ORD-1').length === 0; i++) await sleep(100);
      if (sim.state.productsBySku('ORD-1').length === 0) throw new Error('the product did not reach the shop');

      progress(`${orders} paid orders, 2–5 s apart`);
      const placedAt = new Map<number, number>();
      for (let i = 0; i < orders; i++) {
        const seeded = sim.state.seedOrder({ items: [{ sku: 'ORD-1', quantity: 1 + (i % 3), unitPrice: 249 }] });
        placedAt.set(Number(seeded.order.id), Date.now());
        await sleep(2000 + ((i * 1237) % 3000));
      }
      const end = Date.now() + 30_000;
      while (Date.now() < end && [...placedAt.keys()].some((id) => !fetchedAt.has(id))) await sleep(200);
      await endpoint.idle();

      const inPck = [...placedAt]
        .filter(([id]) => fetchedAt.has(id))
        .map(([id, at]) => (fetchedAt.get(id) as number) - at);
      const staged = await store.pool.query<{ shop_order_id: number; created_at: Date }>(
        'SELECT shop_order_id, created_at FROM web_order WHERE tenant_id = $1',
        [tenant.id],
      );
      const toStaged = staged.rows
        .filter((r) => placedAt.has(r.shop_order_id))
        .map((r) => r.created_at.getTime() - (placedAt.get(r.shop_order_id) as number));
      const trigger = await repos.orderTriggers.status(tenant.id);
      const missing = orders - inPck.length;
      const p95 = percentile(inPck, 95);
      const goalMs = (POLL_SECONDS + 5) * 1000;
      progress(
        `in PCK p50 ${percentile(inPck, 50)} ms, p95 ${p95} ms; staged p95 ${percentile(toStaged, 95)} ms; trigger calls ok ${trigger?.callsOk ?? 0}, failed ${trigger?.callsFailed ?? 0}; fetches ${endpoint.fetches.length}; missing ${missing}`,
      );
      const figures: Figure[] = [
        {
          name: `paid in shop → in PCK p95 (trigger, poll ${POLL_SECONDS} s)`,
          value: missing > 0 ? Number.POSITIVE_INFINITY : p95,
          unit: 'ms',
          better: 'lower',
          baseline: { name: 'paid in shop → staged by the order poll p95', value: percentile(toStaged, 95) },
          goal: `≤ ${goalMs} ms (poll interval + 5 s), every order in PCK`,
          goalMet: missing === 0 && p95 <= goalMs,
        },
        {
          name: `paid in shop → in PCK p50 (trigger, poll ${POLL_SECONDS} s)`,
          value: percentile(inPck, 50),
          unit: 'ms',
          better: 'lower',
          baseline: { name: 'paid in shop → staged by the order poll p50', value: percentile(toStaged, 50) },
        },
        {
          name: 'trigger calls per paid order',
          value: (trigger?.callsOk ?? 0) / orders,
          unit: 'calls',
          better: 'lower',
          baseline: { name: 'one call per order (no rate limit)', value: 1 },
        },
      ];
      return figures;
    } finally {
      for (const c of children.reverse()) await stop(c);
      await endpoint?.close();
      await client?.close();
      await sim.close();
      await store.close();
      await db.drop();
    }
  },
});
