import { twinOrderToPck } from '@pcknop/field-mapping';
import { ok, type GetOrdersRequest, type Order, type WebOrdersReturn } from '@pcknop/pck-contract';
import { sleep } from '../deadline';
import { stagedOrderFromJson } from '../twin-order-json';
import type { CallContext } from './operation-context';

/** Marks a failure the gateway found itself (mapping), not one PCK reported. */
export const GATEWAY_MAPPING_FAILED_STATUS = 0;

/** `<computer>\<user>{orderversion:2}`: a current PCK acknowledges each order with updateOrderStatus 4. */
export function acknowledgesWithStatus(computerName: string | undefined): boolean {
  return /\{orderversion:\s*2\}/i.test(computerName ?? '');
}

/**
 * getOrders: optionally a short, time-boxed poll of the shop, then the staged paid orders not yet acknowledged.
 * Old PCK clients (no `{orderversion:2}`) never acknowledge, so their orders count as transferred once the answer
 * carrying them has been written, never before (an answer lost to a deadline or a dropped connection loses nothing:
 * the orders are handed over again). An order that cannot be mapped never reaches the till half-done: it is marked
 * failed for the operator.
 */
export async function getOrders(ctx: CallContext, payload: GetOrdersRequest): Promise<WebOrdersReturn> {
  const { services, auth } = ctx;
  const tenantId = auth.tenant.id;
  if (services.orderPoll && services.orderPoll.timeBoxMs > 0) {
    const poll = services.orderPoll
      .poller(auth)
      .catch((error: unknown) => services.logger.warn({ err: error, tenantId }, 'getOrders: shop poll failed'));
    await Promise.race([poll, sleep(services.orderPoll.timeBoxMs)]);
  }
  const acknowledges = acknowledgesWithStatus(payload.computerName);
  const handed = await services.repos.webOrders.handOver(tenantId, { acknowledgesWithStatus: acknowledges });
  const listWebOrders: Order[] = [];
  for (const w of handed) {
    try {
      const { order, hints } = stagedOrderFromJson(w.record);
      const mapped = twinOrderToPck(auth.profile, order, hints);
      if (mapped.warnings.length > 0)
        services.logger.warn(
          { tenantId, shopOrderId: w.shopOrderId, warnings: mapped.warnings },
          'order mapped with warnings',
        );
      listWebOrders.push(mapped.order);
    } catch (error) {
      const reason = `Ordren kunne ikke gjøres om til PCK-format: ${(error as Error).message}`.slice(0, 1000);
      services.logger.error({ err: error, tenantId, shopOrderId: w.shopOrderId }, 'order not mapped; marked failed');
      await services.repos.webOrders.markFailed(tenantId, w.shopOrderId, GATEWAY_MAPPING_FAILED_STATUS, reason);
    }
  }
  if (!acknowledges && listWebOrders.length > 0) {
    const ids = listWebOrders.map((o) => o.deltaOrderId);
    ctx.afterAnswer?.(async () => void (await services.repos.webOrders.confirmHandedOver(tenantId, ids)));
  }
  return { insertUpdate: ok(listWebOrders.length), listWebOrders };
}
