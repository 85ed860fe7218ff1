export { StoreError, StoreErrorCode } from './lib/store.exception';
export { startEmbeddedPostgres, findFreePort, type EmbeddedDb, type EmbeddedDbOptions } from './lib/embedded-postgres';
export {
  applyMigrations,
  pendingMigrations,
  DEFAULT_MIGRATIONS_DIR,
  type AppliedMigrations,
} from './lib/apply-migrations';
export { runMigrateCommand, type MigrateCommandOptions, type MigrateLogger } from './lib/migrate-command';
export { loadEmbeddedPostgres, platformPackageName, type PlatformBinaries } from './lib/embedded-postgres-binaries';
export {
  createStore,
  connectStore,
  openDatabase,
  type Store,
  type StoreOptions,
  type OpenedDatabase,
} from './lib/create-store';
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
  type DeadLetter,
  type PendingByKind,
  type StageRequest,
  type PreparedChange,
  prepareChange,
  DEFAULT_MAX_ATTEMPTS,
} from './lib/entity-repository';
export { StageCoalescer, type EntityStager, type StageCoalescerOptions } from './lib/coalesce-stage-calls';
export {
  TenantRepository,
  type TenantRecord,
  type NewTenant,
  type TenantUpdate,
  type ShopCredentials,
} from './lib/tenant-repository';
export { BindingRepository, type BindingRecord } from './lib/binding-repository';
export {
  BatchRepository,
  type BatchRecord,
  type BatchSummaryRecord,
  type EntityFailure,
  type ReceiptRecord,
} from './lib/batch-repository';
export {
  WebOrderRepository,
  type WebOrderRecord,
  type WebOrderState,
  type WebOrderTimeline,
} from './lib/web-order-repository';
export { DeliveryRepository, type DeliveryRecord, type DeliveryState } from './lib/delivery-repository';
export { CursorRepository } from './lib/cursor-repository';
export { CallLogRepository, type CallLogEntry, type CallLogRecord } from './lib/call-log-repository';
export {
  OperatorTokenRepository,
  hashOperatorToken,
  OPERATOR_TOKEN_PREFIX,
  type OperatorTokenRecord,
} from './lib/operator-token-repository';
export { AuditLogRepository, type AuditEntry, type AuditRecord } from './lib/audit-log-repository';
export {
  ReconciliationJobRepository,
  type ReconciliationJobRecord,
  type ReconciliationJobState,
  type ReconciliationTrigger,
} from './lib/reconciliation-job-repository';
export {
  AuthFailureRepository,
  type AuthFailureScope,
  type AuthFailureKey,
  type AuthFailureCount,
} from './lib/auth-failure-repository';
export {
  OrderTriggerRepository,
  type OrderTriggerStatus,
  type OrderTriggerClaim,
  type OrderTriggerOutcome,
} from './lib/order-trigger-repository';
export {
  TwinxmlSourceRepository,
  OWNABLE_KINDS,
  hashSourceToken,
  type OwnableKind,
  type TwinxmlSourceRecord,
  type TwinxmlDocumentRecord,
  type TwinxmlDocumentState,
} from './lib/twinxml-source-repository';
export { DocumentStaging } from './lib/document-staging';
export {
  notifyTenantChanged,
  listenTenantChanges,
  TENANT_CHANGED_CHANNEL,
  type TenantChange,
  type TenantChangeHandlers,
  type TenantChangeListener,
} from './lib/tenant-change-channel';
export { FlushPauseRepository, type FlushPauseRecord, type PauseInput } from './lib/flush-pause-repository';
