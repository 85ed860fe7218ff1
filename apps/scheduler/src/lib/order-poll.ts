import { nopOrderToTwin, parsePckProductKey, productKey, type NopOrderItemInput } from '@pcknop/field-mapping';
import { OrderStatus, PaymentStatus, parseNopDate } from '@pcknop/nopcommerce-client';
import type { Repositories } from '@pcknop/staging-store';
import { recordToJson } from '@pcknop/twinxml';
import type { ServedTenant } from './tenant-directory';

export const ORDER_CURSOR = 'orders.paidCreatedFrom';

export interface OrderPollOptions {
  /** Re-read this far behind the cursor: an order paid late or committed late is not missed. */
  overlapMs: number;
  /** First poll: how far back to look. */
  lookbackMs: number;
  /**
   * An unpaid order created less than this long ago holds the cursor at its creation time, so its payment is seen
   * whenever it comes (default 3 days); an order paid later than that is staged by the nightly reconciliation.
   */
  pendingHorizonMs?: number;
  now?: Date;
}

const DEFAULT_PENDING_HORIZON_MS = 3 * 24 * 3600 * 1000;
/** Orders PCK must get: paid, or authorised (captured when PCK delivers). */
const PAID = [PaymentStatus.Authorized, PaymentStatus.Paid];
const LIVE = [OrderStatus.Processing, OrderStatus.Complete];

/**
 * Polls one shop for paid orders — paid, or authorised and captured when PCK delivers — and stages each new one for
 * getOrders. The Web API searches by creation time only (orders have no updated time, and no filter on the paid
 * date), so the cursor is a creation time that never passes an order still waiting for its payment: an order created
 * 10:00 and paid 10:30 is found even when orders created later were paid first. De-duplicated by shop order id (the
 * store ignores an id it already has, and known ids are not even fetched in full). Returns the ids that were new.
 */
export async function pollOrders(
  repos: Pick<Repositories, 'cursors' | 'webOrders' | 'bindings'>,
  served: ServedTenant,
  options: OrderPollOptions,
): Promise<number[]> {
  const tenantId = served.tenant.id;
  const now = options.now ?? new Date();
  const cursor = await repos.cursors.get(tenantId, ORDER_CURSOR);
  const from = new Date((cursor ? Date.parse(cursor) : now.getTime() - options.lookbackMs) - options.overlapMs);
  // Every time below is the shop's (created_on_utc), compared with the shop's own times only.
  let newest = cursor ? Date.parse(cursor) : from.getTime();
  const seen = await stagePaidOrders(repos, served, from, (created) => (newest = Math.max(newest, created)));
  // The oldest order still waiting for its payment (within the horizon) holds the cursor back.
  const horizon = now.getTime() - (options.pendingHorizonMs ?? DEFAULT_PENDING_HORIZON_MS);
  let oldestUnpaid: number | undefined;
  for await (const order of served.adapter.searchOrders({
    createdFromUtc: from,
    orderStatusIds: [OrderStatus.Pending, OrderStatus.Processing],
    paymentStatusIds: [PaymentStatus.Pending],
  })) {
    const created = parseNopDate(order.created_on_utc)?.getTime();
    if (created === undefined) continue;
    newest = Math.max(newest, created);
    if (created >= horizon) oldestUnpaid = Math.min(oldestUnpaid ?? created, created);
  }
  const next = oldestUnpaid !== undefined ? Math.min(newest, oldestUnpaid) : newest;
  await repos.cursors.set(tenantId, ORDER_CURSOR, new Date(next).toISOString());
  return seen;
}

/**
 * Stages every paid shop order created since `from` that the store does not have yet (the poll, and the nightly
 * reconciliation's sweep over the whole look-back). Returns the ids staged.
 */
export async function stagePaidOrders(
  repos: Pick<Repositories, 'webOrders' | 'bindings'>,
  served: ServedTenant,
  from: Date,
  onCreated: (createdMs: number) => void = () => undefined,
): Promise<number[]> {
  const tenantId = served.tenant.id;
  const staged: number[] = [];
  let productKeys: Map<number, { key: string; sku: string | null }> | undefined;
  for await (const order of served.adapter.searchOrders({
    createdFromUtc: from,
    orderStatusIds: LIVE,
    paymentStatusIds: PAID,
  })) {
    const created = parseNopDate(order.created_on_utc);
    if (created) onCreated(created.getTime());
    if (await repos.webOrders.get(tenantId, order.id)) continue;
    if (!productKeys) {
      // Shop product id → PCK key, from the bindings (nop order items carry no SKU or source key).
      productKeys = new Map();
      for (const b of await repos.bindings.list(tenantId, 'product'))
        productKeys.set(b.shopId, { key: b.pckKey, sku: b.sku });
    }
    const details = await served.adapter.orderDetails(order);
    const items: NopOrderItemInput[] = details.items.map((item) => {
      const bound = item.product_id ? productKeys?.get(item.product_id) : undefined;
      const input: NopOrderItemInput = { item };
      if (bound) {
        const pck = parsePckProductKey(bound.key);
        if (pck?.sizeColorId !== undefined) {
          input.variantKey = bound.key;
          input.productKey = productKey(pck.articleId);
        } else input.productKey = bound.key;
        if (bound.sku) input.sku = bound.sku;
      }
      return input;
    });
    const { billingAddress = {}, shippingAddress, customer } = details;
    const mapped = nopOrderToTwin(served.profile, { order, items, billingAddress, shippingAddress, customer });
    // twinxml's canonical JSON of the order (what the gateway reads back), beside the PCK hints TwinOrder cannot carry.
    const record = { order: recordToJson('order', mapped.order), hints: mapped.hints };
    const paidAt = parseNopDate(order.paid_date_utc) ?? null;
    staged.push(...(await repos.webOrders.stage(tenantId, [{ shopOrderId: order.id, record, paidAt }])));
  }
  return staged;
}
