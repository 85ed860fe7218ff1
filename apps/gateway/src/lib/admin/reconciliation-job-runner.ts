import { RECONCILE_STEPS, reconcileTenant, repairDifferences, type ReconciliationJobResult } from '@pcknop/nop-applier';
import { WebApiBackendAdapter } from '@pcknop/nopcommerce-client';
import type { ReconciliationJobRecord, Repositories } from '@pcknop/staging-store';
import type { Logger } from 'pino';
import { AdminError, AdminErrorCode } from './admin-api.exception';

export interface ReconciliationJobRunner {
  /** Stores a queued job and runs it in the background; returns the job as stored. */
  start(tenantId: string, options: { repair: boolean; requestedBy: string }): Promise<ReconciliationJobRecord>;
  /** Resolves when every job this process started has ended (shutdown, tests). */
  idle(): Promise<void>;
}

/**
 * Runs reconciliation jobs inside the gateway process, one step at a time with the progress stored in the job
 * row (catalogue, orders, then the repair when asked), so any gateway can answer a poll for it.
 */
export class InProcessReconciliationJobs implements ReconciliationJobRunner {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly repos: Repositories,
    private readonly logger: Logger,
    private readonly options: { timeoutMs?: number; concurrency?: number } = {},
  ) {}

  async start(tenantId: string, options: { repair: boolean; requestedBy: string }): Promise<ReconciliationJobRecord> {
    const tenant = await this.repos.tenants.get(tenantId);
    if (!tenant) throw new AdminError(AdminErrorCode.TenantNotFound);
    if (!tenant.shopUrl || !tenant.hasShopCredentials)
      throw new AdminError(AdminErrorCode.ShopNotConfigured, 'set shopUrl and shop credentials first');
    const job = await this.repos.reconciliationJobs.create(tenantId, {
      trigger: 'manual',
      repair: options.repair,
      requestedBy: options.requestedBy,
    });
    const run = this.run(job).finally(() => this.running.delete(run));
    this.running.add(run);
    return job;
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async run(job: ReconciliationJobRecord): Promise<void> {
    const jobs = this.repos.reconciliationJobs;
    const total = RECONCILE_STEPS + (job.repair ? 1 : 0);
    let adapter: WebApiBackendAdapter | undefined;
    try {
      await jobs.start(job.id);
      await jobs.progress(job.id, 0, total);
      const tenant = await this.repos.tenants.get(job.tenantId);
      const credentials = tenant?.shopUrl ? await this.repos.tenants.shopCredentials(job.tenantId) : null;
      if (!tenant?.shopUrl || !credentials) throw new Error('the tenant has no shop connection any more');
      adapter = new WebApiBackendAdapter({
        baseUrl: tenant.shopUrl,
        credentials,
        maxConcurrency: this.options.concurrency,
        timeoutMs: this.options.timeoutMs,
      });
      const report = await reconcileTenant(this.repos, tenant, adapter.client, {
        concurrency: this.options.concurrency,
        onStep: (done) => jobs.progress(job.id, done, total),
      });
      const result: ReconciliationJobResult = { report };
      if (job.repair) {
        result.repair = await repairDifferences(this.repos, tenant.id, report);
        await jobs.progress(job.id, total, total);
      }
      await jobs.finish(job.id, result);
      this.logger.info(
        { tenantId: tenant.id, jobId: job.id, ok: report.ok, repair: result.repair },
        'reconciliation job done',
      );
    } catch (error) {
      this.logger.warn({ tenantId: job.tenantId, jobId: job.id, err: error }, 'reconciliation job failed');
      await jobs.fail(job.id, error instanceof Error ? error.message : String(error)).catch(() => undefined);
    } finally {
      await adapter?.close().catch(() => undefined);
    }
  }
}
