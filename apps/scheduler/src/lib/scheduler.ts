import { BatchRunner, TenantFlushPolicy, type BatchSummary } from '@pcknop/batching-engine';
import type { Repositories } from '@pcknop/staging-store';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { SchedulerConfig } from './config';
import { HttpOrderTriggerCaller, type OrderTriggerCaller } from './order-trigger-caller';
import { OrderTriggerJob } from './order-trigger-job';
import type { SchedulerMetrics } from './metrics';
import { pollOrders } from './order-poll';
import { reconcileNightly } from './nightly-reconciliation';
import { TenantDirectory } from './tenant-directory';

export interface SchedulerDeps {
  repos: Repositories;
  config: SchedulerConfig;
  logger: Logger;
  onBatch?(summary: BatchSummary): void;
  /** How order trigger URLs are called (default: undici with ORDER_TRIGGER_TIMEOUT_MS). */
  orderTriggerCaller?: OrderTriggerCaller;
  /** Batch and shop-call metrics (see createSchedulerMetrics). */
  metrics?: SchedulerMetrics;
}

/** The scheduler's jobs: flush, order poll, retry sweep, reconciliation, retention. Any number may run at once. */
export class Scheduler {
  readonly runner: BatchRunner;
  readonly tenants: TenantDirectory;
  readonly orderTrigger: OrderTriggerJob;
  private readonly triggerCaller: OrderTriggerCaller;
  private tasks: ScheduledTask[] = [];
  private readonly busy = new Map<string, Promise<unknown>>();
  private stopping = false;

  constructor(private readonly deps: SchedulerDeps) {
    const { config, repos, logger } = deps;
    this.tenants = new TenantDirectory(
      repos,
      config,
      logger,
      deps.metrics ? (x) => deps.metrics?.shopCall(x) : undefined,
    );
    this.triggerCaller = deps.orderTriggerCaller ?? new HttpOrderTriggerCaller(config.orderTriggerTimeoutMs);
    this.orderTrigger = new OrderTriggerJob(
      repos,
      this.triggerCaller,
      {
        minIntervalMs: config.orderTriggerMinIntervalMs,
        timeoutMs: config.orderTriggerTimeoutMs,
        maxAttempts: config.orderTriggerMaxAttempts,
        retryBaseMs: config.orderTriggerRetryBaseMs,
        retryCapMs: config.orderTriggerRetryCapMs,
      },
      logger,
    );
    this.runner = new BatchRunner({
      repos,
      tenant: async (id) => (await this.tenants.get(id))?.runtime,
      // BATCH_* for every tenant, unless its `flush` option says otherwise.
      policy: new TenantFlushPolicy(
        { maxDelayMs: config.batchMaxDelayMs, maxBatchSize: config.batchMaxSize, quietMs: config.batchQuietMs },
        (id) => this.tenants.flushOptions(id),
      ),
      leaseMs: config.leaseMs,
      maxAttempts: config.maxAttempts,
      backoffBaseMs: config.backoffBaseMs,
      backoffCapMs: config.backoffCapMs,
      tenantConcurrency: config.tenantConcurrency,
      editLane: config.editLaneMax > 0 ? { maxRecords: config.editLaneMax } : false,
      shopPause: { baseMs: config.shopPauseBaseMs, capMs: config.shopPauseCapMs, probeMs: config.shopProbeMs },
      maxBatchBytes: config.batchMaxBytes,
      logger,
      onBatch: (summary) => {
        deps.metrics?.batch(summary);
        deps.onBatch?.(summary);
      },
    });
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /** Runs a job unless the same job is still running (a slow tick is skipped, never stacked). */
  private once(name: string, job: () => Promise<unknown>): Promise<unknown> {
    if (this.stopping) return Promise.resolve();
    const running = this.busy.get(name);
    if (running) return running;
    const p = job()
      .catch((error: unknown) => this.deps.logger.error({ job: name, err: error }, `${name} failed`))
      .finally(() => this.busy.delete(name));
    this.busy.set(name, p);
    return p;
  }

  flush(): Promise<unknown> {
    return this.once('flush', () => this.runner.flush());
  }

  pollOrders(): Promise<unknown> {
    return this.once('orders', async () => {
      for (const served of await this.tenants.all()) {
        if (this.stopping) return;
        try {
          const ids = await pollOrders(this.deps.repos, served, {
            overlapMs: this.deps.config.orderPollOverlapMs,
            lookbackMs: this.deps.config.orderPollLookbackMs,
          });
          if (ids.length > 0) {
            this.deps.logger.info({ tenantId: served.tenant.id, orders: ids }, 'paid orders staged');
            // Opted in: PCK's trigger URL makes the till fetch them now, not at the next «Oppfrisk».
            if (await this.orderTrigger.request(served.tenant)) void this.callOrderTriggers();
          }
        } catch (error) {
          this.deps.logger.warn({ tenantId: served.tenant.id, err: error }, 'order poll failed');
        }
      }
    });
  }

  /** Calls owed order triggers (new paid orders, retries after back-off), within the per-tenant rate limit. */
  callOrderTriggers(): Promise<unknown> {
    return this.once('order-trigger', () => this.orderTrigger.run());
  }

  /** Retries whose back-off ran out are flushed at once; dead letters are reported. */
  retrySweep(): Promise<unknown> {
    return this.once('retry', async () => {
      for (const b of await this.deps.repos.entities.backlog()) {
        if (b.deadLettered > 0)
          this.deps.logger.warn(
            { tenantId: b.tenantId, deadLettered: b.deadLettered },
            'dead letters waiting (requeue through the admin API)',
          );
      }
      await this.flush();
    });
  }

  reconcile(): Promise<unknown> {
    return this.once('reconcile', async () => {
      const { config, repos, logger } = this.deps;
      for (const served of await this.tenants.all()) {
        if (this.stopping) return;
        const tenantId = served.tenant.id;
        const startedAt = new Date();
        try {
          const result = await reconcileNightly(repos, served, {
            lookbackMs: config.orderPollLookbackMs,
            repair: config.reconcileRepair,
          });
          const { report } = result;
          const differences = [...report.entities.differences, ...report.orders.differences];
          logger[report.ok && result.missedOrdersStaged.length === 0 ? 'info' : 'warn'](
            {
              tenantId,
              checked: report.entities.checked,
              orders: report.orders.checked,
              differences: differences.slice(0, 50),
              differenceCount: differences.length,
              duplicates: report.duplicates,
              missedOrdersStaged: result.missedOrdersStaged,
              repair: result.repair,
            },
            'reconciliation',
          );
          // Stored beside the admin API's on-demand jobs, so the latest nightly result can be read there.
          await repos.reconciliationJobs.record(tenantId, {
            trigger: 'nightly',
            repair: config.reconcileRepair,
            result,
            startedAt,
          });
        } catch (error) {
          logger.warn({ tenantId, err: error }, 'reconciliation failed');
          const message = error instanceof Error ? error.message : String(error);
          await repos.reconciliationJobs
            .record(tenantId, {
              trigger: 'nightly',
              repair: config.reconcileRepair,
              result: undefined,
              error: message,
              startedAt,
            })
            .catch(() => undefined);
        }
      }
    });
  }

  retention(): Promise<unknown> {
    return this.once('retention', async () => {
      const day = 24 * 3600_000;
      const calls = await this.deps.repos.callLog.prune(
        new Date(Date.now() - this.deps.config.callLogRetentionDays * day),
      );
      const batches = await this.deps.repos.batches.prune(
        new Date(Date.now() - this.deps.config.batchRetentionDays * day),
      );
      this.deps.logger.info({ callLogPruned: calls, batchesPruned: batches }, 'retention');
    });
  }

  start(): void {
    const c = this.deps.config;
    this.tasks = [
      cron.schedule(c.flushCron, () => void this.flush(), { name: 'flush' }),
      cron.schedule(c.orderPollCron, () => void this.pollOrders(), { name: 'orders' }),
      cron.schedule(c.orderTriggerCron, () => void this.callOrderTriggers(), { name: 'order-trigger' }),
      cron.schedule(c.retrySweepCron, () => void this.retrySweep(), { name: 'retry' }),
      cron.schedule(c.reconcileCron, () => void this.reconcile(), { name: 'reconcile' }),
      cron.schedule(c.retentionCron, () => void this.retention(), { name: 'retention' }),
    ];
  }

  /** SIGTERM: no new ticks or claims; the batch in flight finishes within the grace time or its leases are released. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const t of this.tasks) await t.stop();
    await this.runner.stop(this.deps.config.stopGraceMs);
    await Promise.race([Promise.allSettled([...this.busy.values()]), new Promise((r) => setTimeout(r, 1000).unref())]);
    await this.tenants.close();
    await this.triggerCaller.close();
  }
}
