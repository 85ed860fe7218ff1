import { BatchRunner, type BatchSummary } from '@pcknop/batching-engine';
import { readTenantOptions, resolveTenantProfile } from '@pcknop/field-mapping';
import { createNopApplier } from '@pcknop/nop-applier';
import type { Repositories } from '@pcknop/staging-store';
import { AdminError, AdminErrorCode } from './admin-api.exception';

/** Applies a stored batch to the tenant's shop again (operator action). */
export interface BatchReplayer {
  replay(tenantId: string, batchId: string): Promise<BatchSummary>;
}

/**
 * Replays through the batching engine's own `replayBatch` with a nopCommerce applier built for this one call
 * (the gateway keeps no appliers; a replay is rare). The result is a new batch with its own receipts.
 */
export class NopBatchReplayer implements BatchReplayer {
  constructor(
    private readonly repos: Pick<Repositories, 'tenants' | 'entities' | 'bindings' | 'batches' | 'flushPauses'>,
    private readonly timeoutMs = 30_000,
  ) {}

  async replay(tenantId: string, batchId: string): Promise<BatchSummary> {
    const batch = await this.repos.batches.get(batchId);
    if (!batch || batch.tenantId !== tenantId)
      throw new AdminError(AdminErrorCode.NotFound, `no batch ${batchId} for this tenant`);
    const tenant = await this.repos.tenants.get(tenantId);
    if (!tenant) throw new AdminError(AdminErrorCode.TenantNotFound);
    const credentials = tenant.shopUrl ? await this.repos.tenants.shopCredentials(tenant.id) : null;
    if (!tenant.shopUrl || !credentials)
      throw new AdminError(AdminErrorCode.ShopNotConfigured, 'set shopUrl and shop credentials first');
    const applier = createNopApplier({
      baseUrl: tenant.shopUrl,
      email: credentials.email,
      password: credentials.password,
      timeoutMs: this.timeoutMs,
    });
    try {
      const options = readTenantOptions(tenant.options);
      const runtime = {
        profile: resolveTenantProfile(tenant),
        options: tenant.options,
        applier,
        currency: options.currency ?? 'NOK',
      };
      const runner = new BatchRunner({
        repos: this.repos,
        tenant: async (id) => (id === tenant.id ? runtime : undefined),
        owner: `gateway:replay:${batchId}`,
      });
      return await runner.replayBatch(batchId);
    } finally {
      await applier.close().catch(() => undefined);
    }
  }
}
