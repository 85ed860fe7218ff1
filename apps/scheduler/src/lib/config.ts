import { loadEnv, storeSettings, type EnvName, type StoreSettings } from '@pcknop/runtime-config';
import { DEFAULT_TENANT_CONCURRENCY } from '@pcknop/batching-engine';
import { DEFAULT_FLUSH_SHOP_CONCURRENCY, DEFAULT_RECORD_CONCURRENCY } from '@pcknop/nop-applier';
import { DEFAULT_MAX_ATTEMPTS } from '@pcknop/staging-store';

/** Scheduler settings from the environment (documented in apps/scheduler/README.md and the root README). */
export interface SchedulerConfig {
  logLevel: string;
  /** DATABASE_URL, DATA_DIR, MIGRATE_ON_START, MIGRATIONS_DIR. */
  store: StoreSettings;
  batchMaxDelayMs: number;
  batchMaxSize: number;
  batchQuietMs: number;
  leaseMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  tenantConcurrency: number;
  /** Edit lane: an extra slot for tenants with at most this many due (0 = off). */
  editLaneMax: number;
  shopConcurrency: number;
  recordConcurrency: number;
  flushCron: string;
  orderPollCron: string;
  orderPollOverlapMs: number;
  orderPollLookbackMs: number;
  retrySweepCron: string;
  reconcileCron: string;
  reconcileRepair: boolean;
  retentionCron: string;
  callLogRetentionDays: number;
  batchRetentionDays: number;
  stopGraceMs: number;
  tenantRefreshMs: number;
  /** Order trigger (tenant option `orderTrigger`): how often owed calls are looked for, rate limit, time-out, retries. */
  orderTriggerCron: string;
  orderTriggerMinIntervalMs: number;
  orderTriggerTimeoutMs: number;
  orderTriggerMaxAttempts: number;
  orderTriggerRetryBaseMs: number;
  orderTriggerRetryCapMs: number;
  /** Shop outage pause: first pause, longest pause, probe interval while paused. */
  shopPauseBaseMs: number;
  shopPauseCapMs: number;
  shopProbeMs: number;
  /** Bytes of staged records per batch (whole images must not outgrow the heap). */
  batchMaxBytes: number;
  /** /healthz, /readyz, /metrics (0 = any free port). */
  port: number;
  host: string;
}

/**
 * The scheduler's configuration from `env`, parsed by the one schema both apps share (@pcknop/runtime-config): a
 * typo of a known name or an invalid value stops the start naming the variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): SchedulerConfig {
  const e = loadEnv(env);
  // Every number read with num() has a default in the schema; the others default to their owner's constant.
  const num = (name: EnvName): number => e.number(name) ?? 0;
  const str = (name: EnvName): string => e.string(name) ?? '';
  return {
    logLevel: str('LOG_LEVEL'),
    store: storeSettings(e),
    batchMaxDelayMs: num('BATCH_MAX_DELAY_MS'),
    batchMaxSize: Math.max(1, num('BATCH_MAX_SIZE')),
    batchQuietMs: num('BATCH_QUIET_MS'),
    leaseMs: Math.max(1000, num('LEASE_MS')),
    maxAttempts: Math.max(1, e.number('MAX_ATTEMPTS') ?? DEFAULT_MAX_ATTEMPTS),
    backoffBaseMs: num('RETRY_BASE_MS'),
    backoffCapMs: num('RETRY_CAP_MS'),
    tenantConcurrency: Math.max(1, e.number('FLUSH_TENANT_CONCURRENCY') ?? DEFAULT_TENANT_CONCURRENCY),
    editLaneMax: num('BATCH_EDIT_LANE_MAX'),
    shopConcurrency: Math.max(1, e.number('SHOP_CONCURRENCY') ?? DEFAULT_FLUSH_SHOP_CONCURRENCY),
    recordConcurrency: Math.max(1, e.number('RECORD_CONCURRENCY') ?? DEFAULT_RECORD_CONCURRENCY),
    flushCron: str('FLUSH_CRON'),
    orderPollCron: str('ORDER_POLL_CRON'),
    orderPollOverlapMs: num('ORDER_POLL_OVERLAP_MS'),
    orderPollLookbackMs: num('ORDER_POLL_LOOKBACK_MS'),
    retrySweepCron: str('RETRY_SWEEP_CRON'),
    reconcileCron: str('RECONCILE_CRON'),
    reconcileRepair: e.boolean('RECONCILE_REPAIR'),
    retentionCron: str('RETENTION_CRON'),
    callLogRetentionDays: num('CALL_LOG_RETENTION_DAYS'),
    batchRetentionDays: num('BATCH_RETENTION_DAYS'),
    stopGraceMs: num('STOP_GRACE_MS'),
    tenantRefreshMs: num('TENANT_REFRESH_MS'),
    orderTriggerCron: str('ORDER_TRIGGER_CRON'),
    orderTriggerMinIntervalMs: num('ORDER_TRIGGER_MIN_INTERVAL_MS'),
    orderTriggerTimeoutMs: Math.max(100, num('ORDER_TRIGGER_TIMEOUT_MS')),
    orderTriggerMaxAttempts: Math.max(1, num('ORDER_TRIGGER_MAX_ATTEMPTS')),
    orderTriggerRetryBaseMs: num('ORDER_TRIGGER_RETRY_BASE_MS'),
    orderTriggerRetryCapMs: num('ORDER_TRIGGER_RETRY_CAP_MS'),
    shopPauseBaseMs: num('SHOP_PAUSE_BASE_MS'),
    shopPauseCapMs: num('SHOP_PAUSE_CAP_MS'),
    shopProbeMs: num('SHOP_PROBE_MS'),
    batchMaxBytes: Math.max(1, num('BATCH_MAX_BYTES')),
    port: num('SCHEDULER_PORT'),
    host: str('SCHEDULER_HOST'),
  };
}
