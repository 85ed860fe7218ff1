import { resolveTenantProfile, type MappingProfile } from '@pcknop/field-mapping';
import { WebApiBackendAdapter, type NopWebApiClient } from '@pcknop/nopcommerce-client';
import type { Repositories, TenantRecord } from '@pcknop/staging-store';
import { ReconcileError, ReconcileErrorCode } from './reconcile.exception';
import { reconcileCatalogue } from './reconcile-catalogue';
import { reconcileOrders } from './reconcile-orders';
import { isReportOk, type ReconcileReport } from './reconcile-report';

export type ReconcileRepos = Pick<
  Repositories,
  'tenants' | 'entities' | 'bindings' | 'batches' | 'webOrders' | 'deliveries'
>;

export interface ReconcileOptions {
  /** The shop's clock for offer windows (default now). */
  now?: Date;
  /** Paid shop orders created from here on must have reached PCK (default: 7 days before the tenant was created). */
  ordersSince?: Date;
  /** Parallel shop reads (default 4). */
  concurrency?: number;
  /** Called after each step (catalogue, then orders): a job stores its progress here. */
  onStep?(done: number, total: number): Promise<void>;
}

/** Steps `onStep` counts: catalogue, orders. */
export const RECONCILE_STEPS = 2;

/** Matches the scheduler's first order poll, which looks back a week. */
const ORDER_LOOKBACK_MS = 7 * 24 * 3600 * 1000;

/** The tenant's mapping profile with its options (field-mapping's resolveTenantProfile, as the gateway reads it). */
export function tenantProfile(tenant: TenantRecord): MappingProfile {
  return resolveTenantProfile(tenant);
}

/**
 * Reconciles one tenant against its shop through the given client: catalogue entity by entity, duplicates, and
 * orders. Read-only: it never writes to the shop or the staging store.
 */
export async function reconcileTenant(
  repos: ReconcileRepos,
  tenant: TenantRecord,
  client: NopWebApiClient,
  options: ReconcileOptions = {},
): Promise<ReconcileReport> {
  const now = options.now ?? new Date();
  const catalogue = await reconcileCatalogue({
    tenantId: tenant.id,
    profile: tenantProfile(tenant),
    repos,
    client,
    now,
    concurrency: options.concurrency,
  });
  await options.onStep?.(1, RECONCILE_STEPS);
  const orders = await reconcileOrders({
    tenantId: tenant.id,
    repos,
    client,
    since: options.ordersSince ?? new Date(tenant.createdAt.getTime() - ORDER_LOOKBACK_MS),
    concurrency: options.concurrency,
  });
  await options.onStep?.(2, RECONCILE_STEPS);
  const report: Omit<ReconcileReport, 'ok'> = {
    tenantId: tenant.id,
    checkedAt: now.toISOString(),
    entities: { checked: catalogue.checked, differences: catalogue.differences },
    orders,
    duplicates: catalogue.duplicates,
  };
  return { ...report, ok: isReportOk(report) };
}

/**
 * Reconciles a tenant by id with its stored shop credentials (decrypted with `SECRETS_KEY`): what the CLI and the
 * admin API call.
 */
export async function reconcileTenantById(
  repos: ReconcileRepos,
  tenantId: string,
  options: ReconcileOptions & { timeoutMs?: number } = {},
): Promise<ReconcileReport> {
  const tenant = await repos.tenants.get(tenantId);
  if (!tenant) throw new ReconcileError(ReconcileErrorCode.NoTenant, tenantId);
  const credentials = tenant.shopUrl ? await repos.tenants.shopCredentials(tenant.id) : null;
  if (!tenant.shopUrl || !credentials)
    throw new ReconcileError(ReconcileErrorCode.NoShop, `${tenant.name} (${tenant.pckLogin})`);
  const adapter = new WebApiBackendAdapter({
    baseUrl: tenant.shopUrl,
    credentials: { email: credentials.email, password: credentials.password },
    maxConcurrency: options.concurrency,
    timeoutMs: options.timeoutMs,
  });
  try {
    return await reconcileTenant(repos, tenant, adapter.client, options);
  } finally {
    await adapter.close();
  }
}
