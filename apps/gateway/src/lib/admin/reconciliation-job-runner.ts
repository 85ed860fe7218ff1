import { isReportOk, reconcileCatalogue, reconcileOrders, tenantProfile, type ReconcileReport } from '@pcknop/nop-applier';
import { WebApiBackendAdapter } from '@pcknop/nopcommerce-client';
import type { ReconciliationJobRecord, Repositories } from '@pcknop/staging-store';
import type { Logger } from 'pino';
import { AdminError, AdminErrorCode } from './admin-api.exception';

/** What a repair did: entities queued again, stale product bindings dropped (so the product is made again). */
export interface RepairResult {
  restaged: number;
  bindingsRemoved: number;
}

export interface ReconciliationJobResult {
  report: ReconcileReport;
  repair?: RepairResult;
}

export interface ReconciliationJobRunner {
  /** Stores a queued job and runs it in the background; returns the job as stored. */
  start(tenantId: string, options: { repair: boolean; requestedBy: string }): Promise<ReconciliationJobRecord>;
  /** Resolves when every job this process started has ended (shutdown, tests). */
  idle(): Promise<void>;
}

/** Matches the scheduler's first order poll, which looks back a week. */
const ORDER_LOOKBACK_MS = 7 * 24 * 3600 * 1000;

/**
 * Re-stages what a reconciliation found different: every staged entity whose key differs is queued again, and a
 * product binding whose shop row is missing or deleted is dropped first, so the applier makes the product anew.
 */
export async function repairDifferences(repos: Pick<Repositories, 'entities' | 'bindings'>, tenantId: string, report: ReconcileReport): Promise<RepairResult> {
  const keys = report.entities.differences.map((d) => d.key);
  const gone = report.entities.differences
    .filter((d) => d.field === 'exists' && (d.actual === 'missing' || d.actual === 'deleted') && (d.kind === 'product' || d.kind === 'variant'))
    .map((d) => d.key);
  const bindingsRemoved = gone.length > 0 ? await repos.bindings.remove(tenantId, 'product', gone) : 0;
  const restaged = await repos.entities.restage(tenantId, keys);
  return { restaged, bindingsRemoved };
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
    if (!tenant.shopUrl || !tenant.hasShopCredentials) throw new AdminError(AdminErrorCode.ShopNotConfigured, 'set shopUrl and shop credentials first');
    const job = await this.repos.reconciliationJobs.create(tenantId, { trigger: 'manual', repair: options.repair, requestedBy: options.requestedBy });
    const run = this.run(job).finally(() => this.running.delete(run));
    this.running.add(run);
    return job;
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async run(job: ReconciliationJobRecord): Promise<void> {
    const jobs = this.repos.reconciliationJobs;
    const total = job.repair ? 3 : 2;
    let adapter: WebApiBackendAdapter | undefined;
    try {
      await jobs.start(job.id);
      await jobs.progress(job.id, 0, total);
      const tenant = await this.repos.tenants.get(job.tenantId);
      const credentials = tenant?.shopUrl ? await this.repos.tenants.shopCredentials(job.tenantId) : null;
      if (!tenant?.shopUrl || !credentials) throw new Error('the tenant has no shop connection any more');
      adapter = new WebApiBackendAdapter({ baseUrl: tenant.shopUrl, credentials, maxConcurrency: this.options.concurrency, timeoutMs: this.options.timeoutMs });
      const now = new Date();
      const catalogue = await reconcileCatalogue({ tenantId: tenant.id, profile: tenantProfile(tenant), options: tenant.options, repos: this.repos, client: adapter.client, now, concurrency: this.options.concurrency });
      await jobs.progress(job.id, 1, total);
      const orders = await reconcileOrders({ tenantId: tenant.id, repos: this.repos, client: adapter.client, since: new Date(tenant.createdAt.getTime() - ORDER_LOOKBACK_MS), concurrency: this.options.concurrency });
      await jobs.progress(job.id, 2, total);
      const partial: Omit<ReconcileReport, 'ok'> = {
        tenantId: tenant.id,
        checkedAt: now.toISOString(),
        entities: { checked: catalogue.checked, differences: catalogue.differences },
        orders,
        duplicates: catalogue.duplicates,
      };
      const report: ReconcileReport = { ...partial, ok: isReportOk(partial) };
      const result: ReconciliationJobResult = { report };
      if (job.repair) {
        result.repair = await repairDifferences(this.repos, tenant.id, report);
        await jobs.progress(job.id, 3, total);
      }
      await jobs.finish(job.id, result);
      this.logger.info({ tenantId: tenant.id, jobId: job.id, ok: report.ok, repair: result.repair }, 'reconciliation job done');
    } catch (error) {
      this.logger.warn({ tenantId: job.tenantId, jobId: job.id, err: error }, 'reconciliation job failed');
      await jobs.fail(job.id, error instanceof Error ? error.message : String(error)).catch(() => undefined);
    } finally {
      await adapter?.close().catch(() => undefined);
    }
  }
}
