import { Decimal } from 'decimal.js';
import { ok, OrderStatusId, type UpdateOrderResponse, type UpdateOrderStatusRequest } from '@pcknop/pck-contract';
import { GatewayError, GatewayErrorCode } from '../gateway.exception';
import { deliverOrder } from './deliver-order';
import type { CallContext } from './operation-context';

const FAILURE_REASON: Record<number, string> = {
  [OrderStatusId.FailedNotifyAdmin]: 'PCKasse kunne ikke ta imot ordren (varsle butikkens administrator).',
  [OrderStatusId.FailedNotifyCustomer]: 'PCKasse kunne ikke ta imot ordren (varsle kunden).',
  [OrderStatusId.LegacyFailed]: 'PCKasse kunne ikke ta imot ordren.',
  [OrderStatusId.ResendCreditApplicant]:
    'Kredittordre med ukjent kunde i PCKasse; kunden må sendes på nytt som kredittsøker.',
};

function acknowledged(orderId: number): UpdateOrderResponse {
  return { amount: new Decimal(0), extraCost: new Decimal(0), freightCost: new Decimal(0), insertUpdate: ok(orderId) };
}

/**
 * updateOrderStatus: 4 = PCK has the order (never handed over again); 7/8/10/11 = PCK could not take it (kept
 * for the operator with the reason); 3/5 = a delivery, captured synchronously.
 */
export async function updateOrderStatus(
  ctx: CallContext,
  payload: UpdateOrderStatusRequest,
): Promise<UpdateOrderResponse> {
  const u = payload.updateOrder;
  const { repos, logger } = ctx.services;
  const tenantId = ctx.auth.tenant.id;
  switch (u.orderStatusId) {
    case OrderStatusId.Received: {
      const known = await repos.webOrders.markTransferred(tenantId, u.deltaOrderId, u.orderStatusId);
      // PCK also acknowledges orders it already had; an unknown id is not worth an error in its queue.
      if (!known) logger.warn({ tenantId, orderId: u.deltaOrderId }, 'status 4 for an order that was never staged');
      return acknowledged(u.deltaOrderId);
    }
    case OrderStatusId.FailedNotifyAdmin:
    case OrderStatusId.FailedNotifyCustomer:
    case OrderStatusId.LegacyFailed:
    case OrderStatusId.ResendCreditApplicant: {
      const reason = [FAILURE_REASON[u.orderStatusId], u.message?.trim()].filter(Boolean).join(' ');
      await repos.webOrders.markFailed(tenantId, u.deltaOrderId, u.orderStatusId, reason);
      logger.warn({ tenantId, orderId: u.deltaOrderId, status: u.orderStatusId, reason }, 'PCK refused a web order');
      return acknowledged(u.deltaOrderId);
    }
    case OrderStatusId.FullyDelivered:
    case OrderStatusId.NormalDelivery:
      return deliverOrder(ctx, u);
    default:
      throw new GatewayError(GatewayErrorCode.UnknownOrderStatus, `(${u.orderStatusId})`);
  }
}
