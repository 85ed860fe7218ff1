import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { ok, type CreditOrderRequest, type UpdateOrderResponse } from '@pcknop/pck-contract';
import { GatewayError, GatewayErrorCode } from '../gateway.exception';
import { toJsonForm } from '../json-form';
import type { CallContext } from './operation-context';
import { extraCostOf, money, orderResponseFromJson, orderResponseToJson, valueOfLines } from './order-amounts';

/**
 * creditOrder: refund the listed lines (freight −10 and extra −11 included) plus `amount`, capped by what was
 * captured and not yet credited. creditOrder carries no id of its own, so the request's content is the
 * idempotency key; the shop's refunded total before the first attempt is stored with it, so a retry after a lost
 * reply sees the refund done and never refunds twice.
 */
export async function creditOrder(ctx: CallContext, p: CreditOrderRequest): Promise<UpdateOrderResponse> {
  const { repos, shops } = ctx.services;
  const { tenant } = ctx.auth;
  const request = toJsonForm({ orderId: p.orderId, orderLine: p.orderLine, amount: p.amount, reason: p.reason });
  const ref = `credit:${p.orderId}:${createHash('sha256').update(JSON.stringify(request)).digest('hex').slice(0, 32)}`;
  const known = await repos.deliveries.get(tenant.id, ref);
  if (known?.state === 'done') return orderResponseFromJson(known.response);

  const shop = await shops.forTenant(tenant);
  const order = await shop.getOrder(p.orderId, false);
  if (!order) throw new GatewayError(GatewayErrorCode.OrderNotFound, `(ordre ${p.orderId})`);
  const value = valueOfLines(order, p.orderLine);
  const freight = value.freight ? order.shippingInclTax : new Decimal(0);
  const extra = value.extra ? extraCostOf(order) : new Decimal(0);
  const total = money(value.goods.plus(freight).plus(extra).plus(p.amount ?? 0));
  if (total.lte(0)) {
    return { amount: new Decimal(0), extraCost: new Decimal(0), freightCost: new Decimal(0), insertUpdate: ok(order.id) };
  }

  // Cap: captured through us (deliveries) when we know it, else what the shop says was paid; minus credits.
  const staged = await repos.webOrders.get(tenant.id, order.id);
  const capturedHere = staged ? new Decimal(staged.capturedTotal) : new Decimal(0);
  const captured = capturedHere.gt(0) ? capturedHere : order.total;
  const credited = Decimal.max(staged ? new Decimal(staged.creditedTotal) : 0, order.refundedAmount);
  const room = captured.minus(credited);
  const begun = await repos.deliveries.begin(tenant.id, ref, order.id, { ...(request as object), refundedBefore: order.refundedAmount.toString() });
  const refundedBefore = new Decimal(String((begun.delivery.request as { refundedBefore?: string }).refundedBefore ?? order.refundedAmount));
  const alreadyDone = order.refundedAmount.gte(refundedBefore.plus(total));
  if (!alreadyDone && total.gt(room)) {
    throw new GatewayError(GatewayErrorCode.CreditExceedsCaptured, `(${total.toFixed(2)} > ${Decimal.max(0, room).toFixed(2)})`);
  }
  try {
    if (!alreadyDone) await shop.refund(order.id, { amount: total });
    const response: UpdateOrderResponse = { amount: total, extraCost: money(extra), freightCost: money(freight), insertUpdate: ok(order.id) };
    if (order.paymentMethod) response.paymentMethod = order.paymentMethod;
    await repos.deliveries.finish(tenant.id, ref, orderResponseToJson(response), total.toFixed(2));
    await repos.webOrders.addAmounts(tenant.id, order.id, { credited: total.toFixed(2) });
    return response;
  } catch (error) {
    await repos.deliveries.progress(tenant.id, ref, { lastError: (error as Error).message.slice(0, 2000) }).catch(() => undefined);
    throw error;
  }
}
