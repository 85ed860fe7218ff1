import { PcknopError, withDetail } from '@pcknop/errors';

export enum StoreErrorCode {
  DatabaseUnavailable = 'DATABASE_UNAVAILABLE',
  MigrationFailed = 'MIGRATION_FAILED',
  MigrationChanged = 'MIGRATION_CHANGED',
  SecretKeyMissing = 'SECRET_KEY_MISSING',
  SecretUnreadable = 'SECRET_UNREADABLE',
  TenantNotFound = 'TENANT_NOT_FOUND',
  TenantLoginTaken = 'TENANT_LOGIN_TAKEN',
  InvalidArgument = 'INVALID_ARGUMENT',
  EmbeddedPostgresUnavailable = 'EMBEDDED_POSTGRES_UNAVAILABLE',
  MigrationsPending = 'MIGRATIONS_PENDING',
  Busy = 'BUSY',
}

function messageFor(code: StoreErrorCode): string {
  switch (code) {
    case StoreErrorCode.DatabaseUnavailable:
      return 'The database cannot be reached; check DATABASE_URL and that PostgreSQL is running.';
    case StoreErrorCode.MigrationFailed:
      return 'A database migration failed; the database was left at the last migration that succeeded.';
    case StoreErrorCode.MigrationChanged:
      return 'An applied migration file was changed afterwards; restore it, or add a new migration instead.';
    case StoreErrorCode.SecretKeyMissing:
      return 'SECRETS_KEY is not set; set it to 32 random bytes in base64 to store shop credentials.';
    case StoreErrorCode.SecretUnreadable:
      return 'A stored secret cannot be decrypted with the current SECRETS_KEY; re-enter the shop credentials.';
    case StoreErrorCode.TenantNotFound:
      return 'No such tenant.';
    case StoreErrorCode.TenantLoginTaken:
      return 'Another tenant already uses this PCK login.';
    case StoreErrorCode.InvalidArgument:
      return 'Invalid argument.';
    case StoreErrorCode.EmbeddedPostgresUnavailable:
      return 'DATABASE_URL is not set and the embedded PostgreSQL cannot be used; set DATABASE_URL to a PostgreSQL 15 server.';
    case StoreErrorCode.MigrationsPending:
      return 'The database lacks migrations and MIGRATE_ON_START is false; run the migrate command (node main.js migrate) first.';
    case StoreErrorCode.Busy:
      return 'Another call is still working on the same delivery or credit; try again shortly.';
  }
}

/** The one error type of the staging store. */
export class StoreError extends PcknopError<StoreErrorCode> {
  override readonly name = 'StoreError';

  constructor(code: StoreErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(code, withDetail(messageFor(code), detail), { detail, cause: options?.cause });
  }
}
