import { StoreError, StoreErrorCode } from './store.exception';

/**
 * MIGRATE_ON_START: whether an app applies pending migrations when it starts (default true, so one command runs the
 * system). Set it to false where a release step runs `node main.js migrate` first; an app then refuses to start on
 * a database that lacks migrations instead of changing the schema under running replicas.
 */
export function readMigrateOnStart(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.MIGRATE_ON_START?.trim().toLowerCase();
  if (value === undefined || value === '') return true;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new StoreError(StoreErrorCode.InvalidArgument, `MIGRATE_ON_START must be true or false, not "${env.MIGRATE_ON_START}".`);
}
