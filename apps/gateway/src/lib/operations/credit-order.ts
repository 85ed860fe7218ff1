import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { ok, type CreditOrderRequest, type UpdateOrderResponse } from '@pcknop/pck-contract';
import { GatewayError, GatewayErrorCode } from '../gateway.exception';
import { toJsonForm } from '../json-form';
import { DELIVERY_LOCK_WAIT_MS } from './deliver-order';
import type { CallContext } from './operation-context';
import { extraCostOf, money, orderResponseFromJson, orderResponseToJson, valueOfLines } from './order-amounts';

/**
 * Without a sendId, an identical credit finished less than this long ago is PCK repeating a call whose answer it
 * lost (its retries come within minutes to an hour); an identical one later is a new credit (a second return of the
 * same item on another day), refunded again.
 */
export const CREDIT_REPEAT_WINDOW_MS = 12 * 3600 * 1000;

/**
 * creditOrder: refund the listed lines (freight −10 and extra −11 included) plus `amount`, capped by what was
 * captured and not yet credited. Idempotent by PCK's `sendId` where PCK sends one; otherwise by the request's
 * content within CREDIT_REPEAT_WINDOW_MS. Calls for one credit run one at a time across gateways; the shop's
 * refunded total before the first attempt is stored with it, so a retry after a lost reply sees the refund done and
 * never refunds twice.
 */
export async function creditOrder(ctx: CallContext, p: CreditOrderRequest): Promise<UpdateOrderResponse> {
  const { repos } = ctx.services;
  const { tenant } = ctx.auth;
  const request = toJsonForm({ orderId: p.orderId, orderLine: p.orderLine, amount: p.amount, reason: p.reason });
  const base =
    p.sendId !== undefined
      ? `credit:send-${p.sendId}`
      : `credit:${p.orderId}:${createHash('sha256').update(JSON.stringify(request)).digest('hex').slice(0, 32)}`;
  return repos.deliveries.exclusive(tenant.id, base, DELIVERY_LOCK_WAIT_MS, async () => {
    const ref = p.sendId !== undefined ? base : await refOfContent(ctx, p.orderId, base);
    const known = await repos.deliveries.get(tenant.id, ref);
    if (known?.state === 'done') return orderResponseFromJson(known.response);
    return creditOnce(ctx, p, ref, request);
  });
}

/**
 * The ref of a credit without sendId: the latest one with this content while it is unfinished or finished within
 * the repeat window (a retry), else a new one (`<base>:<n>`).
 */
async function refOfContent(ctx: CallContext, orderId: number, base: string): Promise<string> {
  const same = (await ctx.services.repos.deliveries.listForOrder(ctx.auth.tenant.id, orderId)).filter(
    (d) => d.ref === base || d.ref.startsWith(`${base}:`),
  );
  const latest = same.at(-1);
  if (!latest) return base;
  if (latest.state !== 'done' || Date.now() - latest.updatedAt.getTime() < CREDIT_REPEAT_WINDOW_MS) return latest.ref;
  return `${base}:${same.length + 1}`;
}

async function creditOnce(
  ctx: CallContext,
  p: CreditOrderRequest,
  ref: string,
  request: unknown,
): Promise<UpdateOrderResponse> {
  const { repos, shops } = ctx.services;
  const { tenant } = ctx.auth;
  const shop = await shops.forTenant(tenant);
  const order = await shop.getOrder(p.orderId, false);
  if (!order) throw new GatewayError(GatewayErrorCode.OrderNotFound, `(ordre ${p.orderId})`);
  const value = valueOfLines(order, p.orderLine);
  const freight = value.freight ? order.shippingInclTax : new Decimal(0);
  const extra = value.extra ? extraCostOf(order) : new Decimal(0);
  const total = money(
    value.goods
      .plus(freight)
      .plus(extra)
      .plus(p.amount ?? 0),
  );
  if (total.lte(0)) {
    return {
      amount: new Decimal(0),
      extraCost: new Decimal(0),
      freightCost: new Decimal(0),
      insertUpdate: ok(order.id),
    };
  }

  // Cap: captured through us (deliveries) when we know it, else what the shop says was paid; minus credits.
  const staged = await repos.webOrders.get(tenant.id, order.id);
  const capturedHere = staged ? new Decimal(staged.capturedTotal) : new Decimal(0);
  const captured = capturedHere.gt(0) ? capturedHere : order.total;
  const credited = Decimal.max(staged ? new Decimal(staged.creditedTotal) : 0, order.refundedAmount);
  const room = captured.minus(credited);
  const begun = await repos.deliveries.begin(tenant.id, ref, order.id, {
    ...(request as object),
    refundedBefore: order.refundedAmount.toString(),
  });
  const refundedBefore = new Decimal(
    String((begun.delivery.request as { refundedBefore?: string }).refundedBefore ?? order.refundedAmount),
  );
  const alreadyDone = order.refundedAmount.gte(refundedBefore.plus(total));
  if (!alreadyDone && total.gt(room)) {
    throw new GatewayError(
      GatewayErrorCode.CreditExceedsCaptured,
      `(${total.toFixed(2)} > ${Decimal.max(0, room).toFixed(2)})`,
    );
  }
  try {
    if (!alreadyDone) await shop.refund(order.id, { amount: total });
    const response: UpdateOrderResponse = {
      amount: total,
      extraCost: money(extra),
      freightCost: money(freight),
      insertUpdate: ok(order.id),
    };
    if (order.paymentMethod) response.paymentMethod = order.paymentMethod;
    await repos.deliveries.finish(tenant.id, ref, orderResponseToJson(response), total.toFixed(2));
    await repos.webOrders.addAmounts(tenant.id, order.id, { credited: total.toFixed(2) });
    return response;
  } catch (error) {
    await repos.deliveries
      .progress(tenant.id, ref, { lastError: (error as Error).message.slice(0, 2000) })
      .catch(() => undefined);
    throw error;
  }
}
