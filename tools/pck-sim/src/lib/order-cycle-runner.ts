import { Decimal } from 'decimal.js';
import {
  OrderStatusId,
  PaymentMethod,
  SpecialOrderLineId,
  type Order,
  type OrderLineUpdate,
  type UpdateOrderResponse,
  type WebOrdersReturn,
} from '@pcknop/pck-contract';
import { CREDIT_REASONS, TRANSPORTERS } from './norwegian-words';
import type { PckQueue } from './pck-queue';
import { Prng } from './prng';
import type { DeliveryReport, OrderReport, ReportCollector } from './report';
import { call, type OrderCycleOptions } from './scenario';

export interface PlannedDelivery {
  orderStatusId: number;
  lines: OrderLineUpdate[];
}

const lineUpdate = (orderLineId: number, amount: number): OrderLineUpdate => ({
  orderLineId,
  amount,
  qty: new Decimal(amount),
});

/**
 * How PCK delivers an order: with `partDelivery`, a part delivery (5) of half the lines (or half the
 * quantity of a single line) and then the rest as fully delivered (3); otherwise one delivery (3).
 * Freight (-10) and extra cost (-11) go with the first delivery.
 */
export function planDeliveries(order: Order, partDelivery: boolean): PlannedDelivery[] {
  const products = order.orderLines.filter(
    (l) => l.orderLineId !== SpecialOrderLineId.Freight && l.orderLineId !== SpecialOrderLineId.ExtraCost,
  );
  const specials: OrderLineUpdate[] = [];
  if (order.freightCost.gt(0)) specials.push(lineUpdate(SpecialOrderLineId.Freight, 1));
  if (order.extraCost.gt(0)) specials.push(lineUpdate(SpecialOrderLineId.ExtraCost, 1));
  const count = (l: Order['orderLines'][number]): number => l.count || (l.qty ? Math.ceil(l.qty.toNumber()) : 1);
  if (partDelivery && products.length >= 2) {
    const half = Math.ceil(products.length / 2);
    return [
      {
        orderStatusId: OrderStatusId.NormalDelivery,
        lines: [...products.slice(0, half).map((l) => lineUpdate(l.orderLineId, count(l))), ...specials],
      },
      {
        orderStatusId: OrderStatusId.FullyDelivered,
        lines: products.slice(half).map((l) => lineUpdate(l.orderLineId, count(l))),
      },
    ];
  }
  if (partDelivery && products.length === 1 && count(products[0]) >= 2) {
    const l = products[0];
    const first = Math.floor(count(l) / 2);
    return [
      { orderStatusId: OrderStatusId.NormalDelivery, lines: [lineUpdate(l.orderLineId, first), ...specials] },
      { orderStatusId: OrderStatusId.FullyDelivered, lines: [lineUpdate(l.orderLineId, count(l) - first)] },
    ];
  }
  return [
    {
      orderStatusId: OrderStatusId.FullyDelivered,
      lines: [...products.map((l) => lineUpdate(l.orderLineId, count(l))), ...specials],
    },
  ];
}

/** Why PCK makes no delivery calls for an order, if it does not (contract §2.5.3). */
export function noDeliveryReason(order: Order): string | undefined {
  if (order.paymentMethod === PaymentMethod.Credit) return 'credit order: no further calls';
  if (order.paymentMethod === PaymentMethod.CashOnDelivery && order.storePickup)
    return 'COD with store pickup: parked at the till';
  if (order.deliveredItemsAndCapturedPaymentInfo) return 'delivered and captured by the shop';
  return undefined;
}

/** Plays «Oppfrisk» and what follows, through the queue, and records it in the report. */
export async function runOrderCycle(
  queue: PckQueue,
  report: ReportCollector,
  options: OrderCycleOptions,
  clock: () => number,
): Promise<void> {
  const rng = new Prng(options.seed ?? 1);
  const summary = report.report.orders;
  let sendId = 5000 + rng.int(0, 4999);
  const fetched = await queue.submit(
    call('getOrders', { computerName: options.computerName ?? 'KASSE1\\butikk{orderversion:2}' }, 'getOrders'),
  );
  if (fetched.status !== 'done' || fetched.outcome?.kind !== 'answer') return;
  const orders = (fetched.outcome.result as WebOrdersReturn).listWebOrders;
  summary.fetched += orders.length;

  for (const order of orders) {
    const entry: OrderReport = {
      deltaOrderId: order.deltaOrderId,
      paymentMethod: order.paymentMethod,
      lines: order.orderLines.length,
      acknowledged: false,
      deliveries: [],
      packageInfoSent: false,
    };
    summary.details.push(entry);
    const label = `order ${order.deltaOrderId}`;
    const ack = await queue.submit(
      call(
        'updateOrderStatus',
        {
          updateOrder: {
            deltaOrderId: order.deltaOrderId,
            orderStatusId: OrderStatusId.Received,
            orderLines: [],
            message: '',
          },
        },
        label,
      ),
    );
    if (ack.status !== 'done') {
      entry.note = 'status 4 not accepted';
      continue;
    }
    entry.acknowledged = true;
    summary.acknowledged++;
    const skip = noDeliveryReason(order);
    if (skip) {
      entry.note = skip;
      continue;
    }

    const transporter = rng.pick(TRANSPORTERS);
    const packageNo = `70${String(rng.int(0, 999999)).padStart(6, '0')}${String(rng.int(0, 999999)).padStart(6, '0')}`;
    let lastSendId: number | undefined;
    for (const planned of planDeliveries(order, options.partDelivery ?? true)) {
      const id = sendId++;
      const r = await queue.submit(
        call(
          'updateOrderStatus',
          {
            updateOrder: {
              deltaOrderId: order.deltaOrderId,
              orderStatusId: planned.orderStatusId,
              orderLines: planned.lines,
              sendId: id,
              timestamp: clock(),
              message: 'Takk for handelen! Pakken er på vei.',
              packageNo,
              transporterName: transporter.name,
              packtrackURL: `${transporter.url}${packageNo}`,
            },
          },
          `${label} delivery ${id}`,
        ),
      );
      const d: DeliveryReport = {
        sendId: id,
        orderStatusId: planned.orderStatusId,
        lines: planned.lines.length,
        ok: r.status === 'done',
      };
      if (r.status === 'done' && r.outcome?.kind === 'answer') {
        const res = r.outcome.result as UpdateOrderResponse;
        Object.assign(d, {
          amount: res.amount,
          freightCost: res.freightCost,
          extraCost: res.extraCost,
          paymentMethod: res.paymentMethod,
          authorzationId: res.authorzationId,
        });
        summary.captured = summary.captured.plus(res.amount ?? 0);
        summary.deliveries++;
        lastSendId = id;
      }
      entry.deliveries.push(d);
      // A declined capture stops the delivery flow for this order.
      if (!d.ok) break;
    }
    if (lastSendId === undefined) {
      entry.note = 'no delivery accepted';
      continue;
    }
    summary.delivered++;

    if (options.packageInfo ?? true) {
      const p = await queue.submit(
        call(
          'updatePackageInfo',
          {
            packageNo,
            transporterName: transporter.name,
            packtrackURL: `${transporter.url}${packageNo}`,
            message: `Sporingsnummer ${packageNo}`,
            sentid: lastSendId,
          },
          `${label} package ${lastSendId}`,
        ),
      );
      entry.packageInfoSent = p.status === 'done';
      if (entry.packageInfoSent) summary.packageInfos++;
    }

    const product = order.orderLines.find((l) => l.orderLineId > 0);
    if (product && rng.chance(options.creditShare ?? 1)) {
      const lines = [lineUpdate(product.orderLineId, 1)];
      const c = await queue.submit(
        call(
          'creditOrder',
          { orderId: order.deltaOrderId, orderLine: lines, reason: rng.pick(CREDIT_REASONS) },
          `${label} credit`,
        ),
      );
      entry.credit = { ok: c.status === 'done', lines: lines.length };
      if (c.status === 'done' && c.outcome?.kind === 'answer') {
        const res = c.outcome.result as UpdateOrderResponse;
        entry.credit.amount = res.amount;
        summary.credited++;
        summary.creditedAmount = summary.creditedAmount.plus(res.amount ?? new Decimal(0));
      }
    }
  }
}
