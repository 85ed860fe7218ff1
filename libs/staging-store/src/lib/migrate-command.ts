import { applyMigrations, DEFAULT_MIGRATIONS_DIR } from './apply-migrations';
import { openDatabase } from './create-store';

/** The part of a pino logger the command writes to. */
export interface MigrateLogger {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface MigrateCommandOptions {
  /** DATABASE_URL; unset → the embedded development server under `dataDir`. */
  url?: string;
  dataDir?: string;
  migrationsDir?: string;
  logger: MigrateLogger;
}

/**
 * `node main.js migrate`: applies pending migrations and exits (0 done, 1 failed). The production release step;
 * the same applier as start-up, so several replicas and this command may race safely (advisory lock).
 */
export async function runMigrateCommand(options: MigrateCommandOptions): Promise<number> {
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  try {
    const db = await openDatabase({ url: options.url, dataDir: options.dataDir });
    try {
      const { applied, alreadyApplied } = await applyMigrations(db.url, migrationsDir);
      options.logger.info(
        { applied, alreadyApplied, migrationsDir },
        applied.length > 0 ? `applied ${applied.length} migration(s)` : 'database is up to date',
      );
      return 0;
    } finally {
      await db.stop();
    }
  } catch (error) {
    options.logger.error(
      { err: error, migrationsDir },
      `migrate failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
}
