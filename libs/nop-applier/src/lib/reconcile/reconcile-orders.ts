import { Decimal } from 'decimal.js';
import {
  DEFAULT_SHOP_CONCURRENCY,
  OrderStatus,
  PaymentStatus,
  type NopWebApiClient,
  type OrderDto,
  type WithId,
} from '@pcknop/nopcommerce-client';
import type { Repositories, WebOrderRecord } from '@pcknop/staging-store';
import { boundedMap } from '../bounded-pool';
import type { OrdersReconciliation, ReconcileDifference } from './reconcile-report';

export interface OrdersReconcileInput {
  tenantId: string;
  repos: Pick<Repositories, 'webOrders' | 'deliveries'>;
  client: NopWebApiClient;
  /** Paid shop orders created from this time on are expected in PCK. */
  since: Date;
  concurrency?: number;
}

/**
 * Orders PCK must get (the scheduler polls the same): authorised (captured when PCK delivers) or paid, also when
 * since refunded wholly or partly.
 */
const PAID = [PaymentStatus.Authorized, PaymentStatus.Paid, PaymentStatus.PartiallyRefunded, PaymentStatus.Refunded];
const LIVE = [OrderStatus.Processing, OrderStatus.Complete];
/** The note nopCommerce writes on every capture. */
const CAPTURE_NOTE = /has been captured/i;

/**
 * Orders: every authorised or paid shop order was staged, handed to PCK exactly once and acknowledged; every delivery PCK sent
 * finished, with exactly one shipment each, the captured amounts adding up, at most one capture in the shop and the
 * credits matching what the shop refunded.
 */
export async function reconcileOrders(input: OrdersReconcileInput): Promise<OrdersReconciliation> {
  const { tenantId, repos, client } = input;
  const differences: ReconcileDifference[] = [];
  const diff = (kind: string, key: string, field: string, expected: unknown, actual: unknown) =>
    differences.push({ kind, key, field, expected: expected ?? null, actual: actual ?? null });

  const staged = new Map((await repos.webOrders.list(tenantId)).map((o) => [o.shopOrderId, o]));
  const shopOrders: Array<WithId<OrderDto>> = [];
  for await (const o of client.orders.search(
    { createdFromUtc: input.since, paymentStatusIds: PAID, orderStatusIds: LIVE },
    100,
  )) {
    if (!shopOrders.some((x) => x.id === o.id)) shopOrders.push(o);
  }
  let handedOverOnce = 0;
  for (const o of shopOrders) {
    const w = staged.get(o.id);
    const key = `#${o.custom_order_number ?? o.id} (id ${o.id})`;
    if (!w) {
      diff('order', key, 'staged', 'staged for PCK', 'not staged');
      continue;
    }
    if (w.state !== 'transferred')
      diff('order', key, 'state', 'transferred', w.failureReason ? `${w.state}: ${w.failureReason}` : w.state);
    if (w.returnedCount !== 1) diff('order', key, 'handed over', 1, w.returnedCount);
    if (w.state === 'transferred' && w.returnedCount === 1) handedOverOnce++;
  }

  // Deliveries and captures, for every staged order (also those no longer in the paid search).
  let checkedDeliveries = 0;
  let done = 0;
  await boundedMap([...staged.values()], input.concurrency ?? DEFAULT_SHOP_CONCURRENCY, async (w) => {
    const r = await deliveries(input, w, diff);
    checkedDeliveries += r.checked;
    done += r.done;
  });
  return { checked: shopOrders.length, handedOverOnce, deliveries: { checked: checkedDeliveries, done }, differences };
}

async function deliveries(
  input: OrdersReconcileInput,
  w: WebOrderRecord,
  diff: (kind: string, key: string, field: string, expected: unknown, actual: unknown) => void,
): Promise<{ checked: number; done: number }> {
  const { tenantId, repos, client } = input;
  const all = (await repos.deliveries.listForOrder(tenantId, w.shopOrderId)).filter((d) =>
    d.ref.startsWith('delivery:'),
  );
  const captured = new Decimal(w.capturedTotal || 0);
  const credited = new Decimal(w.creditedTotal || 0);
  if (all.length === 0 && captured.isZero() && credited.isZero()) return { checked: 0, done: 0 };
  const key = `#${w.shopOrderId}`;
  let sum = new Decimal(0);
  let done = 0;
  for (const d of all) {
    if (d.state !== 'done')
      diff('delivery', `${key} ${d.ref}`, 'state', 'done', d.lastError ? `${d.state}: ${d.lastError}` : d.state);
    else {
      done++;
      sum = sum.plus(d.amount ?? 0);
    }
  }
  if (!sum.equals(captured)) diff('delivery', key, 'captured total', sum.toFixed(2), captured.toFixed(2));
  const order = await client.orders.getById(w.shopOrderId);
  if (!order) {
    diff('order', key, 'exists', 'in the shop', 'missing');
    return { checked: all.length, done };
  }
  if (sum.greaterThan(new Decimal(order.order_total ?? 0).plus(0.005)))
    diff('delivery', key, 'captured total', `≤ ${order.order_total}`, sum.toFixed(2));
  // One shipment per delivery: a repeat of a delivery must not have shipped again.
  const shipmentIds = new Set(all.filter((d) => d.state === 'done' && d.shipmentId !== null).map((d) => d.shipmentId));
  const shipments = await client.shipments.getByOrderId(w.shopOrderId);
  for (const id of shipmentIds)
    if (!shipments.some((s) => s.id === id)) diff('delivery', key, 'shipment', id, 'missing in the shop');
  if (shipments.length !== shipmentIds.size) diff('delivery', key, 'shipments', shipmentIds.size, shipments.length);
  const captures = (await client.orderNotes.getByOrderId(w.shopOrderId)).filter((n) =>
    CAPTURE_NOTE.test(n.note ?? ''),
  ).length;
  if (captures > 1) diff('delivery', key, 'captures in the shop', 1, captures);
  if (done > 0 && order.payment_status_id === PaymentStatus.Authorized)
    diff('delivery', key, 'payment status', 'captured (Paid)', 'Authorized');
  const refunded = new Decimal(order.refunded_amount ?? 0);
  if (!refunded.equals(credited)) diff('order', key, 'refunded amount', credited.toFixed(2), refunded.toFixed(2));
  return { checked: all.length, done };
}
