import { nopOrderToTwin, type NopOrderItemInput } from '@pcknop/field-mapping';
import { OrderStatus, PaymentStatus, type AddressDto } from '@pcknop/nopcommerce-client';
import type { Repositories } from '@pcknop/staging-store';
import { recordToJson } from '@pcknop/twinxml';
import type { ServedTenant } from './tenant-directory';

export const ORDER_CURSOR = 'orders.paidCreatedFrom';

export interface OrderPollOptions {
  /** Re-read this far behind the cursor: an order paid late or committed late is not missed. */
  overlapMs: number;
  /** First poll: how far back to look. */
  lookbackMs: number;
  now?: Date;
}

/**
 * Polls one shop for paid orders — paid, or authorised and captured when PCK delivers — created since the cursor (minus the overlap), maps each with field-mapping and
 * stages it for getOrders. De-duplicated by shop order id (the store ignores an id it already has, and known ids
 * are not even fetched in full). Returns the ids that were new.
 */
export async function pollOrders(repos: Pick<Repositories, 'cursors' | 'webOrders' | 'bindings'>, served: ServedTenant, options: OrderPollOptions): Promise<number[]> {
  const tenantId = served.tenant.id;
  const client = served.adapter.client;
  const now = options.now ?? new Date();
  const cursor = await repos.cursors.get(tenantId, ORDER_CURSOR);
  const from = new Date((cursor ? Date.parse(cursor) : now.getTime() - options.lookbackMs) - options.overlapMs);
  let newest = cursor ? Date.parse(cursor) : from.getTime();
  const staged: number[] = [];
  let productKeys: Map<number, { key: string; sku: string | null }> | undefined;
  for await (const order of client.orders.search({ createdFromUtc: from, orderStatusIds: [OrderStatus.Processing, OrderStatus.Complete], paymentStatusIds: [PaymentStatus.Authorized, PaymentStatus.Paid] })) {
    const created = order.created_on_utc ? Date.parse(/[zZ]$/.test(order.created_on_utc) ? order.created_on_utc : `${order.created_on_utc}Z`) : now.getTime();
    newest = Math.max(newest, Math.min(created, now.getTime()));
    if (await repos.webOrders.get(tenantId, order.id)) continue;
    if (!productKeys) {
      // Shop product id → PCK key, from the bindings (nop order items carry no SKU or source key).
      productKeys = new Map();
      for (const b of await repos.bindings.list(tenantId, 'product')) productKeys.set(b.shopId, { key: b.pckKey, sku: b.sku });
    }
    const items: NopOrderItemInput[] = (await client.orderItems.getOrderItems(order.id)).map((item) => {
      const bound = item.product_id ? productKeys?.get(item.product_id) : undefined;
      const input: NopOrderItemInput = { item };
      if (bound) {
        if (bound.key.includes(':sc:')) {
          input.variantKey = bound.key;
          input.productKey = bound.key.split(':sc:')[0];
        } else input.productKey = bound.key;
        if (bound.sku) input.sku = bound.sku;
      }
      return input;
    });
    const billing: AddressDto = (order.billing_address_id ? await client.addresses.getById(order.billing_address_id) : undefined) ?? {};
    const shipping = order.shipping_address_id ? await client.addresses.getById(order.shipping_address_id) : undefined;
    const customer = order.customer_id ? await client.customers.getById(order.customer_id) : undefined;
    const mapped = nopOrderToTwin(served.profile, { order, items, billingAddress: billing, shippingAddress: shipping, customer });
    // twinxml's canonical JSON of the order (what the gateway reads back), beside the PCK hints TwinOrder cannot carry.
    const record = { order: recordToJson('order', mapped.order), hints: mapped.hints };
    const paidAt = order.paid_date_utc ? new Date(/[zZ]$/.test(order.paid_date_utc) ? order.paid_date_utc : `${order.paid_date_utc}Z`) : null;
    staged.push(...(await repos.webOrders.stage(tenantId, [{ shopOrderId: order.id, record, paidAt }])));
  }
  await repos.cursors.set(tenantId, ORDER_CURSOR, new Date(newest).toISOString());
  return staged;
}
