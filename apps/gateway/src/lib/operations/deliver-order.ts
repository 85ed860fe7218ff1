import { Decimal } from 'decimal.js';
import { ok, OrderStatusId, type UpdateOrder, type UpdateOrderResponse } from '@pcknop/pck-contract';
import { PaymentStatus } from '@pcknop/nopcommerce-client';
import { GatewayError, GatewayErrorCode } from '../gateway.exception';
import { toJsonForm } from '../json-form';
import type { CallContext } from './operation-context';
import { extraCostOf, money, orderResponseFromJson, orderResponseToJson, valueOfLines } from './order-amounts';

/** The idempotency key of a delivery: PCK's sendId (reused by updatePackageInfo.sentid). */
export function deliveryRef(u: Pick<UpdateOrder, 'sendId' | 'deltaOrderId' | 'timestamp'>): string {
  return u.sendId !== undefined ? `delivery:${u.sendId}` : `delivery:order-${u.deltaOrderId}:${u.timestamp ?? 0}`;
}

/**
 * How long a repeat of a delivery waits for the call still working on it (PCK retries after its 45 s deadline while
 * the first call may still be shipping) before answering "retry soon".
 */
export const DELIVERY_LOCK_WAIT_MS = 60_000;

/**
 * updateOrderStatus 3/5: ship the delivered lines (3 also marks them delivered), capture the payment, and answer
 * what this delivery is worth incl. freight and extra cost. Idempotent by sendId: a finished delivery replays its
 * answer; calls for one sendId run one at a time (across gateways), so a repeat arriving while the first still runs
 * waits and replays its answer instead of shipping again; the shipment id is recorded before the capture and reused
 * by every later attempt, and the capture only happens while the payment is still authorised, so a crash or a retry
 * never ships or captures twice. Shop unreachable → operationResult 2, the delivery stays pending and PCK's retry
 * continues it.
 */
export async function deliverOrder(ctx: CallContext, u: UpdateOrder): Promise<UpdateOrderResponse> {
  const { repos } = ctx.services;
  const { tenant } = ctx.auth;
  const ref = deliveryRef(u);
  const begun = await repos.deliveries.begin(tenant.id, ref, u.deltaOrderId, toJsonForm(u));
  if (!begun.created && begun.delivery.state === 'done') return orderResponseFromJson(begun.delivery.response);
  return repos.deliveries.exclusive(tenant.id, ref, DELIVERY_LOCK_WAIT_MS, async () => {
    const current = await repos.deliveries.get(tenant.id, ref);
    if (current?.state === 'done') return orderResponseFromJson(current.response);
    return deliverOnce(ctx, u, ref, current?.shipmentId ?? undefined);
  });
}

/** One attempt at a delivery, run while holding its lock; `recordedShipmentId` is an earlier attempt's shipment. */
async function deliverOnce(
  ctx: CallContext,
  u: UpdateOrder,
  ref: string,
  recordedShipmentId: number | undefined,
): Promise<UpdateOrderResponse> {
  const { repos, shops, logger } = ctx.services;
  const { tenant } = ctx.auth;
  const shop = await shops.forTenant(tenant);
  try {
    const order = await shop.getOrder(u.deltaOrderId, false);
    if (!order) throw new GatewayError(GatewayErrorCode.OrderNotFound, `(ordre ${u.deltaOrderId})`);
    const value = valueOfLines(order, u.orderLines);

    // Freight and extra cost are charged once per order, by the first delivery that includes their line.
    const earlier = (await repos.deliveries.listForOrder(tenant.id, u.deltaOrderId)).filter(
      (d) => d.state === 'done' && d.ref !== ref,
    );
    const charged = earlier.map((d) => orderResponseFromJson(d.response));
    const freightCharged = charged.reduce((s, r) => s.plus(r.freightCost), new Decimal(0));
    const extraCharged = charged.reduce((s, r) => s.plus(r.extraCost), new Decimal(0));
    const freight = value.freight ? Decimal.max(0, order.shippingInclTax.minus(freightCharged)) : new Decimal(0);
    const extra = value.extra ? Decimal.max(0, extraCostOf(order).minus(extraCharged)) : new Decimal(0);

    const trackingNumber = u.packageNo?.trim() || `PCK-${ref.slice('delivery:'.length)}`;
    let shipmentId = recordedShipmentId;
    if (value.items.length > 0) {
      const shipped = await shop.shipAndCapture(order.id, {
        trackingNumber,
        ...(shipmentId !== undefined ? { shipmentId } : {}),
        items: value.items,
        capture: false,
        deliver: u.orderStatusId === OrderStatusId.FullyDelivered,
      });
      shipmentId = shipped.shipmentId;
      if (shipmentId !== recordedShipmentId) await repos.deliveries.progress(tenant.id, ref, { shipmentId });
    }
    // The same shipment again: adds nothing, captures if the payment is still authorised.
    if (value.items.length > 0) {
      const result = await shop.shipAndCapture(order.id, {
        trackingNumber,
        ...(shipmentId !== undefined ? { shipmentId } : {}),
        items: [],
        capture: true,
      });
      // PCK waits for this answer because a capture can be declined: never report an amount the shop did not take.
      if (result.paymentStatusId === PaymentStatus.Authorized) {
        throw new GatewayError(GatewayErrorCode.CaptureDeclined, `(ordre ${order.id})`);
      }
    }
    if (u.orderStatusId === OrderStatusId.FullyDelivered) {
      logger.info(
        { tenantId: tenant.id, orderId: order.id },
        'status 3: undelivered lines stay in the shop order (nop cannot cancel single lines)',
      );
    }

    const response: UpdateOrderResponse = {
      amount: money(value.goods.plus(freight).plus(extra)),
      extraCost: money(extra),
      freightCost: money(freight),
      insertUpdate: ok(order.id),
    };
    if (order.paymentMethod) response.paymentMethod = order.paymentMethod;
    await repos.deliveries.finish(tenant.id, ref, orderResponseToJson(response), response.amount.toFixed(2));
    await repos.webOrders.addAmounts(tenant.id, order.id, { captured: response.amount.toFixed(2) });
    return response;
  } catch (error) {
    await repos.deliveries
      .progress(tenant.id, ref, { lastError: (error as Error).message.slice(0, 2000) })
      .catch(() => undefined);
    throw error;
  }
}
