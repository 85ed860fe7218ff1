import { randomBytes } from 'node:crypto';
import { DEFAULT_ADMIN_EMAIL, DEFAULT_ADMIN_PASSWORD, startNopSim, type NopSim } from '@pcknop/nop-sim';
import { findFreePort } from '@pcknop/staging-store';
import { createTestDatabase, type TestDatabase } from '@pcknop/staging-store/testing';
import { startApp, waitReady, type AppProcess } from './app-process';

export interface StackOptions {
  /** Prefix of the fresh database's name. */
  database: string;
  /** Seed of the nopCommerce simulator. */
  simSeed: number;
  /** The default tenant's PCK login, made on the gateway's first start. */
  pck: { login: number; password: string };
  /** The integrator's admin token; random when left out. */
  adminToken?: string;
  /** Make the simulator the default tenant's shop (NOP_BASE_URL); otherwise shops are set up through the admin API. */
  simIsDefaultShop?: boolean;
  /** More settings for both apps. */
  env?: NodeJS.ProcessEnv;
  /** Settings for the scheduler only. */
  schedulerEnv?: NodeJS.ProcessEnv;
  /** Start the scheduler as soon as the gateway is ready (else on `startScheduler()`). */
  scheduler?: boolean;
}

export interface Stack {
  /** The gateway's base address; `soapUrl` is where PCK posts, `adminUrl` the admin API. */
  url: string;
  soapUrl: string;
  adminUrl: string;
  adminToken: string;
  sim: NopSim;
  db: TestDatabase;
  /** The environment both apps run with. */
  env: NodeJS.ProcessEnv;
  /** Starts the scheduler (flushing to the shop) if not running yet. */
  startScheduler(): Promise<void>;
  /** The last lines each child process wrote (for a failing test's message). */
  logs(): string;
  /** The admin API as the integrator; fails on any answer other than 2xx. */
  admin<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** Stops the apps, then the simulator, and drops the database. */
  close(): Promise<void>;
}

/**
 * The system as `npm start` runs it: the gateway (and the scheduler) as child processes over a fresh database, and
 * the nopCommerce simulator in-process so tests can inject faults and look into the shop.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const db = await createTestDatabase(options.database);
  const sim = await startNopSim({ port: 0, seed: options.simSeed, logLevel: 'silent' });
  const port = await findFreePort();
  const adminToken = options.adminToken ?? randomBytes(16).toString('hex');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    SECRETS_KEY: randomBytes(32).toString('base64'),
    GATEWAY_HOST: '127.0.0.1',
    GATEWAY_PORT: String(port),
    ...(options.simIsDefaultShop
      ? { NOP_BASE_URL: sim.url, NOP_EMAIL: DEFAULT_ADMIN_EMAIL, NOP_PASSWORD: DEFAULT_ADMIN_PASSWORD }
      : {}),
    PCK_LOGIN: String(options.pck.login),
    PCK_PASSWORD: options.pck.password,
    ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const procs: AppProcess[] = [];
  const gateway = startApp('gateway', 'apps/gateway/src/main.ts', env);
  procs.push(gateway);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(`${url}/readyz`, gateway, 120_000);
  } catch (error) {
    await gateway.stop();
    await sim.close();
    await db.drop();
    throw error;
  }
  let scheduler: AppProcess | undefined;
  const stack: Stack = {
    url,
    soapUrl: `${url}/WebshopWS`,
    adminUrl: `${url}/admin`,
    adminToken,
    sim,
    db,
    env,
    async startScheduler() {
      if (scheduler) return;
      scheduler = startApp('scheduler', 'apps/scheduler/src/main.ts', { ...env, ...options.schedulerEnv });
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
      await Promise.all(procs.map((p) => p.stop()));
      await sim.close();
      await db.drop();
    },
  };
  if (options.scheduler) await stack.startScheduler();
  return stack;
}
