import type { TenantRuntime } from '@pcknop/batching-engine';
import {
  readTenantOptions,
  resolveTenantProfile,
  type MappingProfile,
  type TenantOptions,
} from '@pcknop/field-mapping';
import { createNopApplier, type NopApplier } from '@pcknop/nop-applier';
import { WebApiBackendAdapter, type ShopExchange } from '@pcknop/nopcommerce-client';
import type { Repositories, TenantRecord } from '@pcknop/staging-store';
import type { Logger } from 'pino';
import type { SchedulerConfig } from './config';

export interface ServedTenant {
  tenant: TenantRecord;
  profile: MappingProfile;
  /** The tenant's options, schema-checked (field-mapping's readTenantOptions). */
  options: TenantOptions;
  runtime: TenantRuntime;
  applier: NopApplier;
  /** A separate adapter for order polls and reconciliation, so they never wait behind a batch. */
  adapter: WebApiBackendAdapter;
}

/**
 * Every active tenant with a shop URL and credentials, with its profile and a nopCommerce applier; refreshed
 * every `tenantRefreshMs` so tenants the gateway creates (or edits) are picked up without a restart.
 */
export class TenantDirectory {
  private cache = new Map<string, { key: string; served: ServedTenant }>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly repos: Pick<Repositories, 'tenants'>,
    private readonly config: SchedulerConfig,
    private readonly logger: Logger,
    /** Every HTTP exchange of the appliers with the shops (metrics). */
    private readonly onExchange?: (exchange: ShopExchange) => void,
  ) {}

  async get(tenantId: string): Promise<ServedTenant | undefined> {
    await this.refresh();
    return this.cache.get(tenantId)?.served;
  }

  /** The tenant's `flush` option as last loaded (synchronous: the flush policy asks on every decision). */
  flushOptions(tenantId: string): TenantOptions['flush'] {
    return this.cache.get(tenantId)?.served.options.flush;
  }

  async all(): Promise<ServedTenant[]> {
    await this.refresh();
    return [...this.cache.values()].map((x) => x.served);
  }

  async refresh(force = false): Promise<void> {
    if (!force && Date.now() - this.loadedAt < this.config.tenantRefreshMs) return;
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    await this.loading;
  }

  private async load(): Promise<void> {
    const seen = new Set<string>();
    for (const tenant of await this.repos.tenants.list()) {
      if (!tenant.active || !tenant.shopUrl || !tenant.hasShopCredentials) continue;
      const credentials = await this.repos.tenants.shopCredentials(tenant.id);
      if (!credentials) continue;
      const key = JSON.stringify([tenant.shopUrl, credentials.email, credentials.password, tenant.updatedAt.getTime()]);
      seen.add(tenant.id);
      const cached = this.cache.get(tenant.id);
      if (cached?.key === key) continue;
      if (cached) await this.dispose(cached.served);
      let profile: MappingProfile;
      let options: TenantOptions;
      try {
        // The one reading of a tenant, shared with the gateway and reconciliation.
        profile = resolveTenantProfile(tenant);
        options = readTenantOptions(tenant.options);
      } catch (error) {
        this.logger.error({ tenantId: tenant.id, err: error }, 'tenant profile is invalid; tenant not served');
        continue;
      }
      const applier = createNopApplier({
        baseUrl: tenant.shopUrl,
        email: credentials.email,
        password: credentials.password,
        maxConcurrency: this.config.shopConcurrency,
        recordConcurrency: this.config.recordConcurrency,
        onExchange: this.onExchange,
      });
      const adapter = new WebApiBackendAdapter({
        baseUrl: tenant.shopUrl,
        credentials: { email: credentials.email, password: credentials.password },
        maxConcurrency: 2,
      });
      const currency = options.currency ?? 'NOK';
      this.cache.set(tenant.id, {
        key,
        served: {
          tenant,
          profile,
          options,
          applier,
          adapter,
          runtime: { profile, options: tenant.options, applier, currency },
        },
      });
      this.logger.info({ tenantId: tenant.id, shop: tenant.shopUrl }, 'serving tenant');
    }
    for (const [id, x] of this.cache) {
      if (!seen.has(id)) {
        await this.dispose(x.served);
        this.cache.delete(id);
      }
    }
    this.loadedAt = Date.now();
  }

  private async dispose(s: ServedTenant): Promise<void> {
    await s.applier.close().catch(() => undefined);
    await s.adapter.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    for (const x of this.cache.values()) await this.dispose(x.served);
    this.cache.clear();
  }
}
