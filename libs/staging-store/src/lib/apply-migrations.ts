import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { StoreError, StoreErrorCode } from './store.exception';

/**
 * Where the migrations are unless the caller says (the apps pass MIGRATIONS_DIR): beside the source in the
 * repository (where `prisma migrate dev` writes them), or `prisma/migrations` beside an app bundle (`npm run build`
 * copies them there).
 */
export const DEFAULT_MIGRATIONS_DIR =
  [resolve(__dirname, '../../prisma/migrations'), resolve(__dirname, 'prisma/migrations')].find((dir) =>
    existsSync(dir),
  ) ?? resolve(__dirname, '../../prisma/migrations');

// Arbitrary but fixed: serialises concurrent start-ups of several gateways and schedulers.
const MIGRATION_LOCK = 72_470_113;

export interface AppliedMigrations {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies pending Prisma migrations at start-up. It writes Prisma's own `_prisma_migrations` table
 * exactly as `prisma migrate deploy` does (checksum = sha256 of migration.sql), so the two are
 * interchangeable; it is used because the Prisma CLI is a dev dependency and not part of a deployment.
 */
export async function applyMigrations(url: string, dir = DEFAULT_MIGRATIONS_DIR): Promise<AppliedMigrations> {
  if (!existsSync(dir)) throw new StoreError(StoreErrorCode.MigrationFailed, `No migrations directory at ${dir}.`);
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort();
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new StoreError(StoreErrorCode.DatabaseUnavailable, String(error), { cause: error });
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const rows = await client.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const done = new Map(rows.rows.map((r) => [r.migration_name, r.checksum]));
    const applied: string[] = [];
    for (const name of names) {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const previous = done.get(name);
      if (previous !== undefined) {
        if (previous !== checksum) throw new StoreError(StoreErrorCode.MigrationChanged, `Migration: ${name}.`);
        continue;
      }
      try {
        await client.query('BEGIN');
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), checksum, name],
        );
        await client.query('COMMIT');
        applied.push(name);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new StoreError(StoreErrorCode.MigrationFailed, `Migration ${name}: ${String(error)}`, { cause: error });
      }
    }
    return { applied, alreadyApplied: names.length - applied.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

/** Names of the migrations in `dir` that are not applied yet (for readiness checks). */
export async function pendingMigrations(
  client: { query: Client['query'] },
  dir = DEFAULT_MIGRATIONS_DIR,
): Promise<string[]> {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('"_prisma_migrations"')::text AS t`);
  if (!exists.rows[0]?.t) return names.sort();
  const rows = await client.query<{ migration_name: string }>(
    'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  const done = new Set(rows.rows.map((r) => r.migration_name));
  return names.filter((n) => !done.has(n)).sort();
}
