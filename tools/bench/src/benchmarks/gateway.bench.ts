import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { Client as PgClient } from 'pg';
import { Client as HttpClient, Pool as HttpPool } from 'undici';
import { serializeRequest, type Article } from '@pcknop/pck-contract';
import { startEmbeddedPostgres, type EmbeddedDb } from '@pcknop/staging-store';
import { defineBenchmark, percentile, type Figure } from '../harness';

/*
 * The gateway's hot path as PCK drives it: sendArticle (an article with four size×colour variants), one call at a
 * time, then 32 concurrent clients. Baseline, measured in the same run against the same database: a bare Express
 * endpoint doing one INSERT per request. Both servers run as child processes, so the load generator never shares
 * their event loop. The gateway runs as it runs in production: the bundle `npm run build` makes (nx gateway:build,
 * esbuild), started with plain node. BENCH_GATEWAY_FROM_SOURCE=1 runs the TypeScript sources through tsx instead,
 * as `npm start` does for a quick start (about 8% more CPU per call: tsx's module getters on every cross-module
 * call, which the bundle links away). The two servers take turns
 * (chunks of sequential calls, alternating slices of concurrent load), so load from elsewhere on a shared machine
 * hits both alike; the servers' own CPU time per call is reported too, as it is less sensitive to that load.
 */

const ROOT = resolve(__dirname, '../../../..');
const LOGIN = 4711;
const PASSWORD = 'bench-password';

// With BENCH_PROCESSES=N the baseline runs as N node:cluster workers, like the gateway with GATEWAY_WORKERS=N.
const BASELINE_SOURCE = `
const cluster = require('node:cluster');
const workers = Number(process.env.BENCH_PROCESSES || 1);
if (workers > 1 && cluster.isPrimary) {
  let listening = 0;
  cluster.on('listening', (_w, a) => { if (++listening === workers) console.log(JSON.stringify({ workers, port: a.port })); });
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on('SIGTERM', () => { for (const w of Object.values(cluster.workers)) w.process.kill('SIGTERM'); setTimeout(() => process.exit(0), 500); });
} else {
  const express = require('express');
  const { Pool } = require('pg');
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const app = express();
  app.post('/WebshopWS', express.raw({ type: () => true, limit: '32mb' }), async (req, res) => {
    try {
      await pool.query('INSERT INTO bench_baseline (body_bytes) VALUES ($1)', [req.body.length]);
      res.type('text/xml; charset=utf-8').send('<ok/>');
    } catch (e) { res.status(500).send(String(e)); }
  });
  const server = app.listen(0, '127.0.0.1', () => { if (workers === 1) console.log(JSON.stringify({ port: server.address().port })); });
  process.on('SIGTERM', () => { server.close(); pool.end().then(() => process.exit(0)); });
}
`;

function variantArticle(articleId: number, timestamp: number): Article {
  const sizes = [
    { sizeId: 1, name: 'S' },
    { sizeId: 2, name: 'M' },
  ];
  const colors = [
    { colorId: 10, name: 'Rød', code: 'R' },
    { colorId: 11, name: 'Blå', code: 'B' },
  ];
  return {
    articleId,
    articleNo: `BENCH-${articleId}`,
    name: `Genser ${articleId}`,
    description: 'Myk ullgenser.\nVaskes på 30 grader.',
    salesPrice: new Decimal('499.00'),
    costPrice: new Decimal('200.00'),
    vat: new Decimal(25),
    visibleOnWeb: true,
    timestamp,
    sizeColorInUse: true,
    articleGroup: { arcileGroupId: 3, groupNumber: 1, name: 'Gensere' },
    manufacturer: { manufacturerId: 2, name: 'Dale' },
    eans: [`70${String(articleId).padStart(11, '0')}`],
    alternatives: [],
    stockDetails: [],
    sizeColors: sizes.flatMap((size, i) =>
      colors.map((color, j) => ({
        sizeColorId: 100 + i * 2 + j,
        size,
        color,
        sizeColorInUse: true,
        stockCount: 3 + i + j,
        eans: [],
        stockDetails: [],
        timestamp,
      })),
    ),
  };
}

function startChild(
  args: string[],
  env: NodeJS.ProcessEnv,
  portPattern: RegExp,
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolvePort, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`child did not start in 60 s: ${out.slice(-500)} ${err.slice(-500)}`)),
      60_000,
    );
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = portPattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePort({ child, port: Number(m[1]) });
      }
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code}): ${out.slice(-500)} ${err.slice(-500)}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.removeAllListeners('exit');
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

async function post(client: HttpClient | HttpPool, body: string): Promise<string> {
  const res = await client.request({
    path: '/WebshopWS',
    method: 'POST',
    body,
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
  });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${text.slice(0, 300)}`);
  return text;
}

/** Fields of /proc/<pid>/stat after the command name (which may contain spaces): [0] = state (field 3). */
function statFields(pid: string): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/**
 * CPU time (user + system, all threads) used so far by a process and its child processes (cluster workers), in ms;
 * undefined where /proc is missing.
 */
let ticksPerSecond: number | undefined;
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    let ticks = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const f = statFields(entry);
        // utime and stime are fields 14 and 15; ppid is field 4.
        if (entry === String(pid) || f[1] === String(pid)) ticks += Number(f[11]) + Number(f[12]);
      } catch {
        // The process ended meanwhile.
      }
    }
    return (ticks * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

/** A server under test: where it listens, its process (for CPU time) and how to check an answer. */
interface Target {
  port: number;
  pid: number | undefined;
  check: (s: string) => void;
}

/**
 * One call at a time over one keep-alive connection per server, as PCK sends its queue; latencies in ms. The servers
 * take turns in chunks, so a burst of load from elsewhere on the machine hits both alike.
 */
async function sequential(
  targets: Target[],
  bodies: () => string,
  warmup: number,
  calls: number,
): Promise<{ samples: number[][]; cpuPerCall: (number | undefined)[] }> {
  const clients = targets.map((t) => new HttpClient(`http://127.0.0.1:${t.port}`, { keepAliveTimeout: 60_000 }));
  try {
    for (const [i, t] of targets.entries()) for (let n = 0; n < warmup; n++) t.check(await post(clients[i], bodies()));
    const samples: number[][] = targets.map(() => []);
    const cpu: (number | undefined)[] = targets.map(() => 0);
    const chunk = 50;
    for (let done = 0; done < calls; done += chunk) {
      for (const [i, t] of targets.entries()) {
        const cpuBefore = cpuMs(t.pid);
        for (let n = done; n < Math.min(calls, done + chunk); n++) {
          const body = bodies();
          const started = process.hrtime.bigint();
          t.check(await post(clients[i], body));
          samples[i].push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        const cpuAfter = cpuMs(t.pid);
        const sum = cpu[i];
        cpu[i] =
          sum === undefined || cpuBefore === undefined || cpuAfter === undefined
            ? undefined
            : sum + cpuAfter - cpuBefore;
      }
    }
    return { samples, cpuPerCall: cpu.map((c) => (c === undefined ? undefined : c / calls)) };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

interface Throughput {
  /** Calls per second. */
  rate: number;
  /** CPU time of the server process per call, in ms (undefined without /proc). */
  cpuPerCall: number | undefined;
}

/**
 * `clients` concurrent callers per server, in alternating slices (`slices` per server, `seconds` in all), so both
 * servers see the same background load; after an unmeasured warm-up of `warmupSeconds` each, long enough for V8 to
 * finish optimising the concurrent paths (before that, compiler threads take a tenth of the gateway's CPU).
 */
async function concurrent(
  targets: Target[],
  bodies: () => string,
  clients: number,
  seconds: number,
  slices: number,
  warmupSeconds: number,
): Promise<Throughput[]> {
  const pools = targets.map(
    (t) => new HttpPool(`http://127.0.0.1:${t.port}`, { connections: clients, keepAliveTimeout: 60_000 }),
  );
  const slice = async (i: number, ms: number): Promise<{ calls: number; seconds: number; cpu: number | undefined }> => {
    const t = targets[i];
    const cpuBefore = cpuMs(t.pid);
    const until = Date.now() + ms;
    let calls = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() < until) {
          t.check(await post(pools[i], bodies()));
          calls += 1;
        }
      }),
    );
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    const cpuAfter = cpuMs(t.pid);
    return {
      calls,
      seconds: elapsed,
      cpu: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
    };
  };
  try {
    for (let i = 0; i < targets.length; i++) await slice(i, warmupSeconds * 1000);
    const totals = targets.map(() => ({ calls: 0, seconds: 0, cpu: 0 as number | undefined }));
    for (let r = 0; r < slices; r++) {
      const order = r % 2 === 0 ? targets.map((_, i) => i) : targets.map((_, i) => targets.length - 1 - i);
      for (const i of order) {
        const s = await slice(i, (seconds * 1000) / slices);
        const tot = totals[i];
        tot.calls += s.calls;
        tot.seconds += s.seconds;
        tot.cpu = tot.cpu === undefined || s.cpu === undefined ? undefined : tot.cpu + s.cpu;
      }
    }
    return totals.map((t) => ({
      rate: t.calls / t.seconds,
      cpuPerCall: t.cpu === undefined ? undefined : t.cpu / t.calls,
    }));
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
}

export default defineBenchmark({
  name: 'gateway',
  description:
    'sendArticle (4 variants) through the gateway: sequential p50/p99 and 32-client throughput vs a bare Express + one INSERT',
  async run({ quick, progress }): Promise<Figure[]> {
    const warmup = quick ? 100 : 300;
    const calls = quick ? 500 : 3000;
    const seconds = quick ? 4 : 15;
    const slices = quick ? 4 : 10;
    const concurrentWarmup = quick ? 3 : 5;
    // BENCH_PROCESSES=N: the gateway with GATEWAY_WORKERS=N beside a baseline of N processes too (names say which).
    const processes = Math.max(1, Number(process.env.BENCH_PROCESSES ?? 1) || 1);
    const procs = processes === 1 ? '1 process' : `${processes} processes`;
    const build = process.env.BENCH_GATEWAY_FROM_SOURCE === '1' ? 'sources via tsx' : 'production bundle';
    const baselineName = `express + INSERT, ${procs}`;

    let embedded: EmbeddedDb | undefined;
    let dataDir: string | undefined;
    let baseUrl = process.env.DATABASE_URL;
    if (!baseUrl) {
      dataDir = mkdtempSync(join(tmpdir(), 'bench-gw-pg-'));
      embedded = await startEmbeddedPostgres({ dataDir, fast: true });
      baseUrl = embedded.url;
    }
    const dbName = `bench_gw_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const admin = new PgClient({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    const url = new URL(baseUrl);
    url.pathname = `/${dbName}`;
    const dbUrl = url.toString();
    const children: ChildProcess[] = [];
    let baselineDir: string | undefined;
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: dbUrl,
        GATEWAY_PORT: '0',
        GATEWAY_HOST: '127.0.0.1',
        PCK_LOGIN: String(LOGIN),
        PCK_PASSWORD: PASSWORD,
        SECRETS_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'info',
        NODE_ENV: 'production',
        NOP_BASE_URL: '',
      };
      const fromSource = process.env.BENCH_GATEWAY_FROM_SOURCE === '1';
      let entry = ['--import', 'tsx', 'apps/gateway/src/main.ts'];
      if (!fromSource) {
        progress('building the gateway bundle (nx run gateway:build, as npm run build does)');
        execFileSync(join(ROOT, 'node_modules/.bin/nx'), ['run', 'gateway:build', '--output-style=static'], {
          cwd: ROOT,
          env: { ...process.env, NX_DAEMON: 'false' },
          stdio: 'ignore',
        });
        entry = [join(ROOT, 'dist/apps/gateway/main.js')];
      }
      progress(
        `starting the gateway (child process, ${fromSource ? 'TypeScript sources through tsx' : 'production bundle'})`,
      );
      // BENCH_GATEWAY_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the gateway child under load.
      const extraArgs = (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
      const ready = processes > 1 ? /"workers":\d+,"port":(\d+)/ : /"port":(\d+)/;
      const gateway = await startChild([...extraArgs, ...entry], { ...env, GATEWAY_WORKERS: String(processes) }, ready);
      children.push(gateway.child);
      const db = new PgClient({ connectionString: dbUrl });
      await db.connect();
      await db.query(
        'CREATE TABLE bench_baseline (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), body_bytes int NOT NULL)',
      );
      await db.end();
      // A file rather than `node -e`: cluster workers re-run the primary's script.
      baselineDir = mkdtempSync(join(tmpdir(), 'bench-gw-baseline-'));
      const baselineFile = join(baselineDir, 'baseline-server.js');
      writeFileSync(baselineFile, BASELINE_SOURCE);
      const baselineEnv = {
        ...process.env,
        DATABASE_URL: dbUrl,
        BENCH_PROCESSES: String(processes),
        NODE_PATH: join(ROOT, 'node_modules'),
      };
      const baseline = await startChild([baselineFile], baselineEnv, ready);
      children.push(baseline.child);

      // Each call updates one of 500 articles with a newer timestamp: real staging work, never an exact repeat.
      let seq = 0;
      const ts0 = Date.now();
      const body = () => {
        seq += 1;
        return serializeRequest('sendArticle', {
          login: LOGIN,
          password: PASSWORD,
          article: variantArticle(1 + (seq % 500), ts0 + seq),
        });
      };
      const gatewayOk = (s: string): void => {
        if (!s.includes('<operationResult>0</operationResult>'))
          throw new Error(`gateway answered: ${s.slice(0, 400)}`);
      };
      const baselineOk = (s: string): void => {
        if (s !== '<ok/>') throw new Error(`baseline answered: ${s.slice(0, 200)}`);
      };

      const targets: Target[] = [
        { port: baseline.port, pid: baseline.child.pid, check: baselineOk },
        { port: gateway.port, pid: gateway.child.pid, check: gatewayOk },
      ];
      progress(`sequential: ${calls} calls each (after ${warmup} warm-up), taking turns`);
      const sequentialRun = await sequential(targets, body, warmup, calls);
      const [base, gw] = sequentialRun.samples;
      progress(
        `32 concurrent clients: ${concurrentWarmup} s warm-up, then ${seconds} s each, in ${slices} alternating slices`,
      );
      const [baseRun, gwRun] = await concurrent(targets, body, 32, seconds, slices, concurrentWarmup);
      const baseRate = baseRun.rate;
      const gwRate = gwRun.rate;
      const p50 = percentile(gw, 50);
      const p99 = percentile(gw, 99);
      const cpuFigure = (name: string, value: number | undefined, baselineValue: number | undefined): Figure[] =>
        value === undefined || baselineValue === undefined
          ? []
          : [{ name, value, unit: 'ms', better: 'lower', baseline: { name: baselineName, value: baselineValue } }];
      const cpuFigures = [
        ...cpuFigure('server CPU per call (sequential)', sequentialRun.cpuPerCall[1], sequentialRun.cpuPerCall[0]),
        ...cpuFigure(`server CPU per call (32 clients, all ${procs})`, gwRun.cpuPerCall, baseRun.cpuPerCall),
      ];

      return [
        {
          name: 'sendArticle p50 latency (sequential)',
          value: p50,
          unit: 'ms',
          better: 'lower',
          baseline: { name: baselineName, value: percentile(base, 50) },
          goal: '≤ 3 ms',
          goalMet: p50 <= 3,
        },
        {
          name: 'sendArticle p99 latency (sequential)',
          value: p99,
          unit: 'ms',
          better: 'lower',
          baseline: { name: baselineName, value: percentile(base, 99) },
          goal: '≤ 15 ms',
          goalMet: p99 <= 15,
        },
        {
          name: `sendArticle throughput (32 clients, gateway ${procs}, ${build})`,
          value: gwRate,
          unit: 'calls/s',
          better: 'higher',
          baseline: { name: baselineName, value: baseRate },
          goal: '≥ 0.6 of baseline',
          goalMet: gwRate >= 0.6 * baseRate,
        },
        ...cpuFigures,
      ];
    } finally {
      for (const c of children) await stop(c);
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
      await admin.end();
      if (embedded) await embedded.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      if (baselineDir) rmSync(baselineDir, { recursive: true, force: true });
    }
  },
});
