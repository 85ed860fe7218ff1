import { Decimal } from 'decimal.js';
import { roundOre } from '@pcknop/field-mapping';
import { SpecialOrderLineId, type OrderLineUpdate, type UpdateOrderResponse } from '@pcknop/pck-contract';
import type { ShopOrder } from '@pcknop/nopcommerce-client';
import { GatewayError, GatewayErrorCode } from '../gateway.exception';
import { toJsonForm } from '../json-form';

/** What a set of PCK lines is worth on a shop order: goods (per shop line), and whether freight/extra are included. */
export interface LineValue {
  items: Array<{ orderItemId: number; quantity: number }>;
  goods: Decimal;
  freight: boolean;
  extra: boolean;
}

/** Shop order lines PCK referenced; the order's quantities must be whole numbers (nop has no fractions). */
export function valueOfLines(order: ShopOrder, lines: readonly OrderLineUpdate[]): LineValue {
  const out: LineValue = { items: [], goods: new Decimal(0), freight: false, extra: false };
  for (const line of lines) {
    if (line.orderLineId === SpecialOrderLineId.Freight) {
      out.freight = true;
      continue;
    }
    if (line.orderLineId === SpecialOrderLineId.ExtraCost) {
      out.extra = true;
      continue;
    }
    const item = order.items.find((i) => i.id === line.orderLineId);
    if (!item)
      throw new GatewayError(GatewayErrorCode.OrderLineNotFound, `(ordre ${order.id}, linje ${line.orderLineId})`);
    const qty = line.qty ?? new Decimal(line.amount);
    if (!qty.isInteger())
      throw new GatewayError(GatewayErrorCode.FractionalQuantity, `(linje ${line.orderLineId}: ${qty.toString()})`);
    if (qty.lte(0)) continue;
    out.items.push({ orderItemId: item.id, quantity: qty.toNumber() });
    out.goods = out.goods.plus(item.unitPriceInclTax.mul(qty));
  }
  return out;
}

/** The order's extra cost (payment fee): what the total holds beyond goods and shipping. */
export function extraCostOf(order: ShopOrder): Decimal {
  return Decimal.max(0, order.total.minus(order.subtotalInclTax).minus(order.shippingInclTax));
}

export function orderResponseToJson(r: UpdateOrderResponse): unknown {
  return toJsonForm(r);
}

export function orderResponseFromJson(json: unknown): UpdateOrderResponse {
  const r = (json ?? {}) as Record<string, unknown>;
  const d = (v: unknown) => new Decimal(typeof v === 'string' || typeof v === 'number' ? v : 0);
  const out: UpdateOrderResponse = {
    amount: d(r['amount']),
    extraCost: d(r['extraCost']),
    freightCost: d(r['freightCost']),
    insertUpdate: r['insertUpdate'] as UpdateOrderResponse['insertUpdate'],
  };
  if (typeof r['paymentMethod'] === 'string') out.paymentMethod = r['paymentMethod'];
  if (typeof r['authorzationId'] === 'string') out.authorzationId = r['authorzationId'];
  return out;
}

export const money = (d: Decimal): Decimal => roundOre(d);
