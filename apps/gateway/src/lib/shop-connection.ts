import { WebApiBackendAdapter, type ShopAdapter, type WebApiBackendAdapterOptions } from '@pcknop/nopcommerce-client';
import type { ShopCredentials, TenantRecord, TenantRepository } from '@pcknop/staging-store';
import type { Logger } from 'pino';
import { GatewayError, GatewayErrorCode } from './gateway.exception';

export type ShopAdapterFactory = (baseUrl: string, credentials: ShopCredentials) => ShopAdapter;

/** Synchronous calls (PCK waits): short per-attempt timeout, few retries; PCK itself retries on operationResult 2. */
export function defaultShopAdapterFactory(
  logger?: Logger,
  overrides: Partial<WebApiBackendAdapterOptions> = {},
): ShopAdapterFactory {
  return (baseUrl, credentials) =>
    new WebApiBackendAdapter({
      baseUrl,
      credentials,
      timeoutMs: 10_000,
      retry: { maxRetries: 2, initialDelayMs: 200, maxDelayMs: 2000, maxRetryAfterMs: 5000 },
      logger,
      ...overrides,
    });
}

interface Entry {
  stamp: number;
  adapter: ShopAdapter;
}

/**
 * One shop adapter per tenant (its JWT, breaker and connection pool are reused across calls), built from the
 * tenant's shop URL and its encrypted credentials; rebuilt when the tenant changes.
 */
export class ShopConnections {
  private readonly adapters = new Map<string, Entry>();

  constructor(
    private readonly tenants: Pick<TenantRepository, 'shopCredentials'>,
    private readonly factory: ShopAdapterFactory,
  ) {}

  async forTenant(tenant: TenantRecord): Promise<ShopAdapter> {
    const stamp = tenant.updatedAt.getTime();
    const known = this.adapters.get(tenant.id);
    if (known && known.stamp === stamp) return known.adapter;
    if (!tenant.shopUrl || !tenant.hasShopCredentials) throw new GatewayError(GatewayErrorCode.ShopNotConfigured);
    const credentials = await this.tenants.shopCredentials(tenant.id);
    if (!credentials) throw new GatewayError(GatewayErrorCode.ShopNotConfigured);
    const adapter = this.factory(tenant.shopUrl, credentials);
    if (known) void known.adapter.close().catch(() => undefined);
    this.adapters.set(tenant.id, { stamp, adapter });
    return adapter;
  }

  invalidate(tenantId: string): void {
    const known = this.adapters.get(tenantId);
    this.adapters.delete(tenantId);
    if (known) void known.adapter.close().catch(() => undefined);
  }

  /** Forget every tenant's connection (after missed change announcements). */
  invalidateAll(): void {
    for (const id of [...this.adapters.keys()]) this.invalidate(id);
  }

  async close(): Promise<void> {
    const all = [...this.adapters.values()];
    this.adapters.clear();
    await Promise.all(all.map((e) => e.adapter.close().catch(() => undefined)));
  }
}
