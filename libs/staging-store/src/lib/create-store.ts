import { PrismaPg } from '@prisma/adapter-pg';
import { Client, Pool, types } from 'pg';
import { PrismaClient } from '../generated/prisma/client';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, pendingMigrations } from './apply-migrations';
import { startEmbeddedPostgres, type EmbeddedDb } from './embedded-postgres';
import { StoreError, StoreErrorCode } from './store.exception';

// The repositories read int8 (versions, PCK timestamps) as bigint. Prisma's adapter expects pg's default
// (text) for int8, so the parser is set on the repositories' pool only, never globally, and Prisma gets
// a pool of its own.
const repositoryTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === types.builtins.INT8
      ? (v: string) => BigInt(v)
      : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
};

export interface Store {
  /** Prisma client on the pg driver adapter, for plain CRUD (on a small pool of its own, see createStore). */
  readonly prisma: PrismaClient;
  /** The repositories' pool, for the statements that need exact SQL (guards, leases); int8 read as bigint. */
  readonly pool: Pool;
  readonly url: string;
  close(): Promise<void>;
}

export interface StoreOptions {
  url: string;
  /** Size of the repositories' pool per process (default 10; Prisma's own pool adds at most 4). */
  maxConnections?: number;
  /** Fail a query that waits on the database longer than this (default 5000 ms). */
  statementTimeoutMs?: number;
  /** Fail a connection attempt after this (default 3000 ms). */
  connectTimeoutMs?: number;
}

/** Opens two pools: the repositories' (int8 as bigint) and a small one for the Prisma client (int8 as text). */
export function createStore(options: StoreOptions): Store {
  const poolConfig = {
    connectionString: options.url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 3000,
    statement_timeout: options.statementTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
  };
  const pool = new Pool({ ...poolConfig, max: options.maxConnections ?? 10, types: repositoryTypes });
  // Prisma serves the few CRUD calls (tenants); a small pool is enough.
  const prismaPool = new Pool({ ...poolConfig, max: 4 });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  prismaPool.on('error', () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(prismaPool) });
  let closed = false;
  return {
    prisma,
    pool,
    url: options.url,
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect().catch(() => undefined);
      await prismaPool.end().catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}

export interface OpenedDatabase {
  url: string;
  /** True when an embedded server was started because DATABASE_URL was unset. */
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * `url` (the apps pass DATABASE_URL) when given, never starting anything; else a real PostgreSQL from the
 * `embedded-postgres` package with its data under `dataDir`.
 */
export async function openDatabase(options: { url?: string; dataDir?: string } = {}): Promise<OpenedDatabase> {
  const url = options.url;
  if (url) return { url, embedded: false, stop: async () => undefined };
  const db: EmbeddedDb = await startEmbeddedPostgres({ dataDir: options.dataDir ?? '.data/pg' });
  return { url: db.url, embedded: true, stop: db.stop };
}

/** Fails when the database lacks migrations that `dir` holds (an app started with MIGRATE_ON_START=false). */
async function requireMigrated(url: string, dir: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const pending = await pendingMigrations(client, dir);
    if (pending.length > 0) throw new StoreError(StoreErrorCode.MigrationsPending, `Pending: ${pending.join(', ')}.`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Opens the database (embedded when `url` is unset), applies pending migrations (or, with `migrate: false`,
 * refuses a database that lacks any), returns a store.
 */
export async function connectStore(
  options: { url?: string; dataDir?: string; migrationsDir?: string; maxConnections?: number; migrate?: boolean } = {},
): Promise<Store & { embedded: boolean; appliedMigrations: string[] }> {
  const db = await openDatabase(options);
  try {
    const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
    let applied: string[] = [];
    if (options.migrate === false) await requireMigrated(db.url, migrationsDir);
    else ({ applied } = await applyMigrations(db.url, migrationsDir));
    const store = createStore({ url: db.url, maxConnections: options.maxConnections });
    return {
      ...store,
      embedded: db.embedded,
      appliedMigrations: applied,
      async close() {
        await store.close();
        await db.stop();
      },
    };
  } catch (error) {
    await db.stop();
    if (error instanceof StoreError) throw error;
    throw new StoreError(StoreErrorCode.DatabaseUnavailable, String(error), { cause: error });
  }
}
