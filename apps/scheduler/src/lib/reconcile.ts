import { chunk } from '@pcknop/batching-engine';
import { reconcileOrders, type OrdersReconciliation } from '@pcknop/nop-applier';
import type { Repositories } from '@pcknop/staging-store';
import { stagePaidOrders } from './order-poll';
import type { ServedTenant } from './tenant-directory';

export interface Drift {
  kind: string;
  pckKey: string;
  shopId: number;
  problem: 'missing' | 'deleted' | 'skuChanged';
  shopSku?: string | null;
}

export interface ReconcileReport {
  tenantId: string;
  checked: number;
  drift: Drift[];
  repaired: number;
}

/**
 * Compares bound products with the shop (read in pages of ids). Drift: a bound product missing or deleted in
 * the shop, or with another SKU. Repair (optional) drops the stale binding, so the next change of that entity
 * finds or creates the product again instead of writing to a row that is gone.
 */
export async function reconcile(repos: Pick<Repositories, 'bindings'>, served: ServedTenant, options: { repair: boolean }): Promise<ReconcileReport> {
  const tenantId = served.tenant.id;
  const client = served.adapter.client;
  const bindings = await repos.bindings.list(tenantId, 'product');
  const drift: Drift[] = [];
  for (const page of chunk(bindings, 100)) {
    const rows = new Map((await client.products.getByIds(page.map((b) => b.shopId))).map((p) => [p.id, p]));
    for (const b of page) {
      const row = rows.get(b.shopId);
      if (!row) drift.push({ kind: b.kind, pckKey: b.pckKey, shopId: b.shopId, problem: 'missing' });
      else if (row.deleted) drift.push({ kind: b.kind, pckKey: b.pckKey, shopId: b.shopId, problem: 'deleted' });
      else if (b.sku && row.sku !== b.sku) drift.push({ kind: b.kind, pckKey: b.pckKey, shopId: b.shopId, problem: 'skuChanged', shopSku: row.sku });
    }
  }
  let repaired = 0;
  if (options.repair) {
    const stale = drift.filter((d) => d.problem !== 'skuChanged').map((d) => d.pckKey);
    if (stale.length > 0) repaired = await repos.bindings.remove(tenantId, 'product', stale);
  }
  return { tenantId, checked: bindings.length, drift, repaired };
}

export interface OrdersSweepReport {
  tenantId: string;
  /** Paid shop orders the poll had missed, staged for PCK now. */
  staged: number[];
  /** The order reconciliation (the demo's and the admin API's): handed over once, one shipment and capture each. */
  orders: OrdersReconciliation;
}

/**
 * The nightly reconciliation of orders: every paid shop order created within the look-back is staged for PCK (one the
 * poll missed — paid after its pending horizon, or while the poll could not run — is staged now, once), then the
 * order reconciliation reports what differs (not handed over, not acknowledged, deliveries, captures, refunds).
 */
export async function reconcileOrdersOf(
  repos: Pick<Repositories, 'webOrders' | 'bindings' | 'deliveries'>,
  served: ServedTenant,
  options: { lookbackMs: number; now?: Date },
): Promise<OrdersSweepReport> {
  const since = new Date((options.now ?? new Date()).getTime() - options.lookbackMs);
  const staged = await stagePaidOrders(repos, served, since);
  const orders = await reconcileOrders({ tenantId: served.tenant.id, repos, client: served.adapter.client, since });
  return { tenantId: served.tenant.id, staged, orders };
}
