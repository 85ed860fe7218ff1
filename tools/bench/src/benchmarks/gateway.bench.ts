import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
 * endpoint doing one INSERT per request. Both servers run as child processes (the gateway exactly as
 * tools/launcher starts it), so the load generator never shares their event loop.
 */

const ROOT = resolve(__dirname, '../../../..');
const LOGIN = 4711;
const PASSWORD = 'bench-password';

const BASELINE_SOURCE = `
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
const server = app.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
process.on('SIGTERM', () => { server.close(); pool.end().then(() => process.exit(0)); });
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

function startChild(args: string[], env: NodeJS.ProcessEnv, portPattern: RegExp): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolvePort, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`child did not start in 60 s: ${out.slice(-500)} ${err.slice(-500)}`)), 60_000);
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
  const res = await client.request({ path: '/WebshopWS', method: 'POST', body, headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' } });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${text.slice(0, 300)}`);
  return text;
}

/** One call at a time over one keep-alive connection, as PCK sends its queue; latencies in ms. */
async function sequential(port: number, bodies: () => string, warmup: number, calls: number, check: (s: string) => void): Promise<number[]> {
  const client = new HttpClient(`http://127.0.0.1:${port}`, { keepAliveTimeout: 60_000 });
  try {
    for (let i = 0; i < warmup; i++) check(await post(client, bodies()));
    const samples: number[] = [];
    for (let i = 0; i < calls; i++) {
      const body = bodies();
      const t = process.hrtime.bigint();
      check(await post(client, body));
      samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return samples;
  } finally {
    await client.close();
  }
}

/** `clients` concurrent callers for `seconds`; calls per second. */
async function concurrent(port: number, bodies: () => string, clients: number, seconds: number, check: (s: string) => void): Promise<number> {
  const pool = new HttpPool(`http://127.0.0.1:${port}`, { connections: clients, keepAliveTimeout: 60_000 });
  try {
    const until = Date.now() + seconds * 1000;
    let done = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() < until) {
          check(await post(pool, bodies()));
          done += 1;
        }
      }),
    );
    return done / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    await pool.close();
  }
}

export default defineBenchmark({
  name: 'gateway',
  description: 'sendArticle (4 variants) through the gateway: sequential p50/p99 and 32-client throughput vs a bare Express + one INSERT',
  async run({ quick, progress }): Promise<Figure[]> {
    const warmup = quick ? 100 : 300;
    const calls = quick ? 500 : 3000;
    const seconds = quick ? 4 : 15;

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
      progress('starting the gateway (child process, as the launcher runs it)');
      const gateway = await startChild(['--import', 'tsx', 'apps/gateway/src/main.ts'], env, /"port":(\d+)/);
      children.push(gateway.child);
      const db = new PgClient({ connectionString: dbUrl });
      await db.connect();
      await db.query('CREATE TABLE bench_baseline (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), body_bytes int NOT NULL)');
      await db.end();
      const baseline = await startChild(['-e', BASELINE_SOURCE], { ...process.env, DATABASE_URL: dbUrl }, /"port":(\d+)/);
      children.push(baseline.child);

      // Each call updates one of 500 articles with a newer timestamp: real staging work, never an exact repeat.
      let seq = 0;
      const ts0 = Date.now();
      const body = () => {
        seq += 1;
        return serializeRequest('sendArticle', { login: LOGIN, password: PASSWORD, article: variantArticle(1 + (seq % 500), ts0 + seq) });
      };
      const gatewayOk = (s: string) => {
        if (!s.includes('<operationResult>0</operationResult>')) throw new Error(`gateway answered: ${s.slice(0, 400)}`);
      };
      const baselineOk = (s: string) => {
        if (s !== '<ok/>') throw new Error(`baseline answered: ${s.slice(0, 200)}`);
      };

      progress(`sequential: ${calls} calls each (after ${warmup} warm-up)`);
      const base = await sequential(baseline.port, body, warmup, calls, baselineOk);
      const gw = await sequential(gateway.port, body, warmup, calls, gatewayOk);
      progress(`32 concurrent clients: ${seconds} s each`);
      const baseRate = await concurrent(baseline.port, body, 32, seconds, baselineOk);
      const gwRate = await concurrent(gateway.port, body, 32, seconds, gatewayOk);

      const p50 = percentile(gw, 50);
      const p99 = percentile(gw, 99);
      return [
        { name: 'sendArticle p50 latency (sequential)', value: p50, unit: 'ms', better: 'lower', baseline: { name: 'express + INSERT', value: percentile(base, 50) }, goal: '≤ 3 ms', goalMet: p50 <= 3 },
        { name: 'sendArticle p99 latency (sequential)', value: p99, unit: 'ms', better: 'lower', baseline: { name: 'express + INSERT', value: percentile(base, 99) }, goal: '≤ 15 ms', goalMet: p99 <= 15 },
        {
          name: 'sendArticle throughput (32 clients)',
          value: gwRate,
          unit: 'calls/s',
          better: 'higher',
          baseline: { name: 'express + INSERT', value: baseRate },
          goal: '≥ 0.6 of baseline',
          goalMet: gwRate >= 0.6 * baseRate,
        },
      ];
    } finally {
      for (const c of children) await stop(c);
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
      await admin.end();
      if (embedded) await embedded.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  },
});
