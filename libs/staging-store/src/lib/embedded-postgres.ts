import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { Client } from 'pg';
import { loadEmbeddedPostgres } from './embedded-postgres-binaries';
import { firstUnreachableFolder, systemUserExists, unreachableFolderMessage } from './postgres-user-access';

export interface EmbeddedDbOptions {
  /** Data directory; kept between runs so a restart is fast. */
  dataDir?: string;
  database?: string;
  /** Test mode: fsync and synchronous commit off. Never for data you want to keep. */
  fast?: boolean;
  /** Port to listen on; a free one is picked when omitted. */
  port?: number;
}

export interface EmbeddedDb {
  url: string;
  stop: () => Promise<void>;
}

const LOG_LINES = 200;

/** Asks the kernel for a free TCP port on 127.0.0.1. */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * A postmaster orphaned by a `kill -9` of its Node parent keeps the port and the data directory
 * locked; stop it before starting again.
 */
async function stopOrphanedPostmaster(dataDir: string, pg_ctl: string): Promise<void> {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // gone; postgres cleans a stale pid file itself
  }
  const args = ['-D', dataDir, 'stop', '-m', 'fast', '-w'];
  execFileSync(isRoot() ? 'runuser' : pg_ctl, isRoot() ? ['-u', 'postgres', '--', pg_ctl, ...args] : args, {
    stdio: 'ignore',
  });
}

/** The server could not start because its system user cannot reach a folder; the message says what to do. */
class EmbeddedPostgresAccessError extends Error {
  override name = 'EmbeddedPostgresAccessError';
}

/**
 * embedded-postgres spawns initdb/postgres without an 'error' listener, so a spawn that fails (EACCES: the postgres
 * user cannot reach the programs) is an uncaught exception that kills the process. While `work` runs, such an error
 * rejects `work` instead; any other uncaught exception is rethrown as before.
 */
async function withSpawnFailuresAsErrors<T>(work: () => Promise<T>): Promise<T> {
  let fail: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_resolve, reject) => {
    fail = reject;
  });
  const onUncaught = (error: Error) => {
    const syscall = (error as NodeJS.ErrnoException).syscall;
    if (typeof syscall === 'string' && syscall.startsWith('spawn')) {
      fail(error);
      return;
    }
    process.off('uncaughtException', onUncaught);
    throw error;
  };
  process.on('uncaughtException', onUncaught);
  try {
    return await Promise.race([work(), failed]);
  } finally {
    process.off('uncaughtException', onUncaught);
  }
}

/** As root the server runs as `postgres`: say plainly when that user cannot reach `path` (a folder or a program). */
function assertPostgresUserReaches(what: string, path: string): void {
  const folder = firstUnreachableFolder(path);
  if (folder !== undefined) throw new EmbeddedPostgresAccessError(unreachableFolderMessage(what, path, folder));
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package. Used only when
 * `DATABASE_URL` is unset: local runs and tests on a machine without a database server.
 */
export async function startEmbeddedPostgres(options: EmbeddedDbOptions = {}): Promise<EmbeddedDb> {
  const dataDir = resolve(options.dataDir ?? '.data/pg');
  const database = options.database ?? 'pcknop';
  const port = options.port ?? (await findFreePort());
  const log: string[] = [];
  const remember = (line: unknown) => {
    log.push(String(line));
    if (log.length > LOG_LINES) log.shift();
  };
  const fastFlags = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  // Loaded lazily (and ESM-only): only a run without DATABASE_URL needs it.
  const { EmbeddedPostgres, binaries } = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'app',
    password: 'app',
    persistent: true,
    createPostgresUser: isRoot(),
    postgresFlags: options.fast ? fastFlags : [],
    onLog: remember,
    onError: remember,
  });
  // The postgres user is made by embedded-postgres on first use; until it exists there is no one to ask.
  if (isRoot() && systemUserExists()) assertPostgresUserReaches('the data folder', dataDir);
  try {
    await withSpawnFailuresAsErrors(async () => {
      if (!existsSync(resolve(dataDir, 'PG_VERSION'))) {
        await pg.initialise();
      } else {
        await stopOrphanedPostmaster(dataDir, binaries.pg_ctl);
      }
      await pg.start();
    });
  } catch (error) {
    const spawnFailure = (error ?? {}) as NodeJS.ErrnoException;
    if (isRoot() && spawnFailure.code === 'EACCES' && typeof spawnFailure.path === 'string') {
      assertPostgresUserReaches('the PostgreSQL programs', dirname(spawnFailure.path));
    }
    // The user may have been created just now by initialise(): check the data folder again.
    if (isRoot() && systemUserExists()) assertPostgresUserReaches('the data folder', dataDir);
    const detail = error instanceof Error ? error.message : String(error ?? '');
    throw new Error(
      `embedded PostgreSQL failed to start in ${dataDir} (${detail || 'no reason given'}). ` +
        `Set DATABASE_URL to use an existing server, or remove ${dataDir} if it is damaged. Server log:\n` +
        log.join('\n').slice(-2000),
      { cause: error },
    );
  }
  const admin = pg.getPgClient('postgres', '127.0.0.1') as unknown as Client;
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
  let stopped = false;
  return {
    url: `postgresql://app:app@127.0.0.1:${port}/${database}`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // stop() waits for an exit event that never comes if postgres already died: bound it.
      await Promise.race([pg.stop(), new Promise((r) => setTimeout(r, 5000).unref())]);
    },
  };
}
