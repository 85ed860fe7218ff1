import type { RuntimeEnv } from './load-env';

/** What both apps need to open the database: the settings connectStore and runMigrateCommand take. */
export interface StoreSettings {
  /** DATABASE_URL; unset → the embedded development server under `dataDir`. */
  url?: string;
  dataDir: string;
  /** MIGRATE_ON_START: apply pending migrations at start-up, or refuse a database that lacks any. */
  migrate: boolean;
  /** MIGRATIONS_DIR; unset → the store's default (beside the source or the bundle). */
  migrationsDir?: string;
}

export function storeSettings(env: RuntimeEnv): StoreSettings {
  return {
    url: env.string('DATABASE_URL'),
    dataDir: env.string('DATA_DIR') ?? '.data/pg',
    migrate: env.boolean('MIGRATE_ON_START'),
    migrationsDir: env.string('MIGRATIONS_DIR'),
  };
}
