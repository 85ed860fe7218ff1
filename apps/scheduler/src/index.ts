export { loadConfig, type SchedulerConfig } from './lib/config';
export { Scheduler, type SchedulerDeps } from './lib/scheduler';
export { TenantDirectory, type ServedTenant } from './lib/tenant-directory';
export { pollOrders, stagePaidOrders, ORDER_CURSOR, type OrderPollOptions } from './lib/order-poll';
export { reconcile, reconcileOrdersOf, type Drift, type ReconcileReport, type OrdersSweepReport } from './lib/reconcile';
