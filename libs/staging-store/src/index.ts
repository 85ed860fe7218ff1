export { StoreError, StoreErrorCode } from './lib/store.exception';
export { startEmbeddedPostgres, findFreePort, type EmbeddedDb, type EmbeddedDbOptions } from './lib/embedded-postgres';
export { applyMigrations, pendingMigrations, DEFAULT_MIGRATIONS_DIR, type AppliedMigrations } from './lib/apply-migrations';
export { createStore, connectStore, openDatabase, type Store, type StoreOptions, type OpenedDatabase } from './lib/create-store';
export { hashPassword, verifyPassword, encryptSecret, decryptSecret } from './lib/secrets';
export { repositories, type Repositories } from './lib/repositories';
export {
  EntityRepository,
  type EntityChange,
  type StageOutcome,
  type StagedEntity,
  type ClaimedEntity,
  type EntityResult,
  type CompleteOptions,
  type TenantBacklog,
  type StageRequest,
  type PreparedChange,
  prepareChange,
} from './lib/entity-repository';
export { StageCoalescer, type EntityStager, type StageCoalescerOptions } from './lib/coalesce-stage-calls';
export { TenantRepository, type TenantRecord, type NewTenant, type TenantUpdate, type ShopCredentials } from './lib/tenant-repository';
export { BindingRepository, type BindingRecord } from './lib/binding-repository';
export { BatchRepository, type BatchRecord, type ReceiptRecord } from './lib/batch-repository';
export { WebOrderRepository, type WebOrderRecord, type WebOrderState } from './lib/web-order-repository';
export { DeliveryRepository, type DeliveryRecord, type DeliveryState } from './lib/delivery-repository';
export { CursorRepository } from './lib/cursor-repository';
export { FlushPauseRepository, type FlushPauseRecord, type PauseInput } from './lib/flush-pause-repository';
export { CallLogRepository, type CallLogEntry } from './lib/call-log-repository';
