// Public face of @pcknop/batching-engine: plan, run and replay batches of staged changes, shop-agnostic.
export { BatchingError, BatchingErrorCode, describeBatchingErrorCode } from './lib/batching-engine.exception';
export { KIND_RANK, rankOf } from './lib/dependency-order';
export { chunk } from './lib/chunk';
export { deletionOf, isTwinKind, productKeyOf, type StagedChange } from './lib/staged-change';
export { planBatch, type BatchPlan, type SupersededChange } from './lib/plan-batch';
export { readStagedRecord, stagedFlags, toStagedJson, plainRecordJson } from './lib/record-json';
export { buildDocument, encodeBatch, type DocumentHeaderInput } from './lib/build-document';
export { documentChanges } from './lib/document-changes';
export { ShopFaultCode, describeShopFault, isCertainShopFault, type ShopFault } from './lib/shop-fault';
export { BatchLease } from './lib/batch-lease';
export {
  unsupportedKindOutcome,
  type Applier,
  type ApplyContext,
  type BindingStore,
  type RecordOutcome,
  type RecordStatus,
} from './lib/applier';
export {
  DelaySizeQuietPolicy,
  ImmediatePolicy,
  type DelaySizeQuietOptions,
  type FlushDecision,
  type FlushPolicy,
  type QueueState,
} from './lib/flush-policy';
export { TenantFlushPolicy } from './lib/tenant-flush-policy';
export { ManualClock, systemClock, type Clock } from './lib/clock';
export { silentLogger, type EngineLogger } from './lib/engine-logger';
export {
  BatchRunner,
  DEFAULT_TENANT_CONCURRENCY,
  type BatchRunnerOptions,
  type BatchSummary,
  type TenantRuntime,
} from './lib/batch-runner';
// Testing strategies shipped with the engine (like Vendure's): an in-memory shop and applier, fixtures, and the
// applier contract suite every implementation runs.
export {
  InMemoryShop,
  type MemoryProduct,
  type MemoryCategory,
  type MemoryShopFaults,
} from './lib/testing/in-memory-shop';
export { InMemoryApplier } from './lib/testing/in-memory-applier';
export { inMemoryProbe } from './lib/testing/in-memory-probe';
export {
  describeApplierContract,
  type ApplierHarness,
  type ApplierContractOptions,
  type ProbeProduct,
  type ShopProbe,
} from './lib/testing/applier-contract';
export {
  MemoryBindingStore,
  change,
  productRemoval,
  twinCategory,
  twinImage,
  twinProduct,
  twinStock,
} from './lib/testing/fixtures';
