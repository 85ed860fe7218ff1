import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { startNopSim, type NopSim } from '@pcknop/nop-sim';
import { findFreePort } from '@pcknop/staging-store';
import { createTestDatabase, type TestDatabase } from '@pcknop/staging-store/testing';

const root = resolve(__dirname, '../../../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Proc {
  name: string;
  child: ChildProcess;
  /** Last lines of its output, shown when something fails. */
  tail: string[];
}

function startChild(name: string, entry: string, env: NodeJS.ProcessEnv): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, entry)], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) tail.push(line.slice(0, 500));
    tail.splice(0, Math.max(0, tail.length - 80));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { name, child, tail };
}

async function stopChild(p: Proc): Promise<void> {
  const { child } = p;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const hard = setTimeout(() => child.kill('SIGKILL'), 15_000);
  try {
    await exited;
  } finally {
    clearTimeout(hard);
  }
}

async function waitReady(url: string, p: Proc, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (p.child.exitCode !== null) throw new Error(`${p.name} exited (${p.child.exitCode}):\n${p.tail.join('\n')}`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await sleep(250);
  }
  throw new Error(`${p.name} not ready at ${url}:\n${p.tail.join('\n')}`);
}

/** Polls `check` until it returns a value other than undefined/false (bounded), for conditions outside the browser. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

export interface Stack {
  url: string;
  adminToken: string;
  sim: NopSim;
  db: TestDatabase;
  /** Starts the scheduler (flushing to the shop) if not running yet. */
  startScheduler(): Promise<void>;
  /** The last lines each child process wrote (for a failing test's message). */
  logs(): string;
  /** The admin API as the integrator (for setting up what the console is then checked against). */
  admin<T>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

/**
 * The system as `npm start` runs it: the gateway (and, on demand, the scheduler) as child processes over a fresh
 * database, and the nopCommerce simulator in-process so tests can inject faults.
 */
export async function startStack(options: { schedulerEnv?: NodeJS.ProcessEnv } = {}): Promise<Stack> {
  const db = await createTestDatabase('console_e2e');
  const sim = await startNopSim({ port: 0, seed: 7, logLevel: 'silent' });
  const port = await findFreePort();
  const adminToken = randomBytes(16).toString('hex');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    SECRETS_KEY: randomBytes(32).toString('base64'),
    GATEWAY_HOST: '127.0.0.1',
    GATEWAY_PORT: String(port),
    // A default tenant with a fixed login, so the first start prints nothing the tests do not expect.
    PCK_LOGIN: '1001',
    PCK_PASSWORD: 'standard-passord',
    ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'warn',
    BATCH_MAX_DELAY_MS: '300',
    BATCH_QUIET_MS: '150',
    RETRY_BASE_MS: '100',
    RETRY_CAP_MS: '500',
    RETRY_SWEEP_CRON: '* * * * * *',
    TENANT_REFRESH_MS: '500',
  };
  const procs: Proc[] = [];
  const gateway = startChild('gateway', 'apps/gateway/src/main.ts', env);
  procs.push(gateway);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(`${url}/readyz`, gateway, 120_000);
  } catch (error) {
    await stopChild(gateway);
    await sim.close();
    await db.drop();
    throw error;
  }
  let scheduler: Proc | undefined;
  return {
    url,
    adminToken,
    sim,
    db,
    async startScheduler() {
      if (scheduler) return;
      scheduler = startChild('scheduler', 'apps/scheduler/src/main.ts', { ...env, ...options.schedulerEnv });
      procs.push(scheduler);
    },
    logs() {
      return procs.map((p) => `--- ${p.name}\n${p.tail.join('\n')}`).join('\n');
    },
    async admin<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${url}/admin${path}`, {
        method,
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async close() {
      for (const p of procs.reverse()) await stopChild(p);
      await sim.close();
      await db.drop();
    },
  };
}
