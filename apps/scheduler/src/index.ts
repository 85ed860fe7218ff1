export { loadConfig, type SchedulerConfig } from './lib/config';
export { Scheduler, type SchedulerDeps } from './lib/scheduler';
export { TenantDirectory, type ServedTenant } from './lib/tenant-directory';
export { pollOrders, stagePaidOrders, ORDER_CURSOR, type OrderPollOptions } from './lib/order-poll';
export {
  reconcileNightly,
  type NightlyReconciliation,
  type NightlyReconciliationOptions,
} from './lib/nightly-reconciliation';
export { OrderTriggerJob, type OrderTriggerJobOptions } from './lib/order-trigger-job';
export { HttpOrderTriggerCaller, type OrderTriggerCaller } from './lib/order-trigger-caller';
export {
  readOrderTriggerOptions,
  orderTriggerUrl,
  DEFAULT_ORDER_TRIGGER_URL,
  type OrderTriggerOptions,
} from './lib/order-trigger-options';
export { OrderTriggerError, OrderTriggerErrorCode } from './lib/order-trigger.exception';
