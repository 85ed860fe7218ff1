// Public face of @pcknop/pck-sim: a PCKasse simulator that plays realistic till workloads against a WebshopWS gateway.
export { Prng } from './lib/prng';
export { eanCheckDigit, isValidEan, norwegianEan13 } from './lib/ean';
export { makePng, makeJpeg, hexToRgb, crc32, type Rgb } from './lib/images';
export {
  generateCatalogue,
  DEFAULT_START_TIME,
  type Catalogue,
  type CatalogueArticle,
  type CatalogueOptions,
  type GroupSource,
  type ImageSpec,
} from './lib/catalogue';
export {
  call,
  sequence,
  staticCalls,
  withCredentials,
  type CallBody,
  type CallChain,
  type OrderCycleOptions,
  type OrderCycleStep,
  type PckCall,
  type Scenario,
  type ScenarioStep,
} from './lib/scenario';
export { initialTransfer, transferCatalogue } from './lib/initial-transfer';
export { dailyEdits, type DailyEditsOptions, type EditKind } from './lib/daily-edits';
export { switchGroupSource, type SwitchGroupSourceOptions } from './lib/switch-group-source';
export { orderCycle } from './lib/order-cycle';
export { planDeliveries, noDeliveryReason, type PlannedDelivery } from './lib/order-cycle-runner';
export { PckClient, resultStatus, type CallOutcome, type PckClientOptions } from './lib/pck-client';
export {
  PckQueue,
  RETRY_DELAY_MS,
  type CallSender,
  type ChainResult,
  type ChainStatus,
  type PckQueueOptions,
} from './lib/pck-queue';
export { runScenario, type ProgressEvent, type RunOptions } from './lib/runner';
export {
  ReportCollector,
  formatReport,
  attemptKind,
  type AttemptKind,
  type OperationCounts,
  type RunReport,
  type OrdersSummary,
  type OrderReport,
  type DeliveryReport,
  type PermanentErrorEntry,
  type AbandonedEntry,
} from './lib/report';
export { PckSimError, PckSimErrorCode } from './lib/pck-sim.exception';
export { buildScenario, parseCliArgs, SCENARIO_NAMES, USAGE, type CliOptions, type ScenarioName } from './lib/cli-args';
export {
  startOrderTriggerEndpoint,
  type OrderTriggerEndpoint,
  type OrderTriggerEndpointOptions,
  type FetchRecord,
} from './lib/order-trigger-endpoint';
