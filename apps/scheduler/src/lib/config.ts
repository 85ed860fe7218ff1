/** Scheduler settings from the environment (documented in apps/scheduler/README.md). */
export interface SchedulerConfig {
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

function num(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number (got "${raw}")`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): SchedulerConfig {
  return {
    batchMaxDelayMs: num(env, 'BATCH_MAX_DELAY_MS', 5000),
    batchMaxSize: Math.max(1, num(env, 'BATCH_MAX_SIZE', 500)),
    batchQuietMs: num(env, 'BATCH_QUIET_MS', 1000),
    leaseMs: Math.max(1000, num(env, 'LEASE_MS', 120_000)),
    maxAttempts: Math.max(1, num(env, 'MAX_ATTEMPTS', 8)),
    backoffBaseMs: num(env, 'RETRY_BASE_MS', 1000),
    backoffCapMs: num(env, 'RETRY_CAP_MS', 600_000),
    tenantConcurrency: Math.max(1, num(env, 'FLUSH_TENANT_CONCURRENCY', 2)),
    editLaneMax: num(env, 'BATCH_EDIT_LANE_MAX', 50),
    shopConcurrency: Math.max(1, num(env, 'SHOP_CONCURRENCY', 8)),
    recordConcurrency: Math.max(1, num(env, 'RECORD_CONCURRENCY', 4)),
    flushCron: env.FLUSH_CRON || '* * * * * *',
    orderPollCron: env.ORDER_POLL_CRON || '*/30 * * * * *',
    orderPollOverlapMs: num(env, 'ORDER_POLL_OVERLAP_MS', 10 * 60_000),
    orderPollLookbackMs: num(env, 'ORDER_POLL_LOOKBACK_MS', 7 * 24 * 3600_000),
    retrySweepCron: env.RETRY_SWEEP_CRON || '*/15 * * * * *',
    reconcileCron: env.RECONCILE_CRON || '0 17 3 * * *',
    reconcileRepair: env.RECONCILE_REPAIR === '1' || env.RECONCILE_REPAIR === 'true',
    retentionCron: env.RETENTION_CRON || '0 43 2 * * *',
    callLogRetentionDays: num(env, 'CALL_LOG_RETENTION_DAYS', 30),
    batchRetentionDays: num(env, 'BATCH_RETENTION_DAYS', 14),
    stopGraceMs: num(env, 'STOP_GRACE_MS', 8000),
    tenantRefreshMs: num(env, 'TENANT_REFRESH_MS', 30_000),
    orderTriggerCron: env.ORDER_TRIGGER_CRON || '* * * * * *',
    orderTriggerMinIntervalMs: num(env, 'ORDER_TRIGGER_MIN_INTERVAL_MS', 3000),
    orderTriggerTimeoutMs: Math.max(100, num(env, 'ORDER_TRIGGER_TIMEOUT_MS', 5000)),
    orderTriggerMaxAttempts: Math.max(1, num(env, 'ORDER_TRIGGER_MAX_ATTEMPTS', 6)),
    orderTriggerRetryBaseMs: num(env, 'ORDER_TRIGGER_RETRY_BASE_MS', 2000),
    orderTriggerRetryCapMs: num(env, 'ORDER_TRIGGER_RETRY_CAP_MS', 60_000),
    shopPauseBaseMs: num(env, 'SHOP_PAUSE_BASE_MS', 2000),
    shopPauseCapMs: num(env, 'SHOP_PAUSE_CAP_MS', 300_000),
    shopProbeMs: num(env, 'SHOP_PROBE_MS', 15_000),
    batchMaxBytes: Math.max(1, num(env, 'BATCH_MAX_BYTES', 16 * 1024 * 1024)),
    port: num(env, 'SCHEDULER_PORT', 8081),
    host: env.SCHEDULER_HOST || '0.0.0.0',
  };
}
