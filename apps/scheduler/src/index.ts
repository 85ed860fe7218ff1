export { loadConfig, type SchedulerConfig } from './lib/config';
export { Scheduler, type SchedulerDeps } from './lib/scheduler';
export { TenantDirectory, type ServedTenant } from './lib/tenant-directory';
export { pollOrders, ORDER_CURSOR, type OrderPollOptions } from './lib/order-poll';
export { reconcile, type Drift, type ReconcileReport } from './lib/reconcile';
