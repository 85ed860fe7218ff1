import Decimal from 'decimal.js';
import type { SimContext } from './context';
import type { Row } from './dto';
import { businessRule, notFound, unhandled } from './nop-sim.exception';
import { adjustInventory } from './routes/products.routes';

export const OrderStatus = { Pending: 10, Processing: 20, Complete: 30, Cancelled: 40 } as const;
export const PaymentStatus = {
  Pending: 10,
  Authorized: 20,
  Paid: 30,
  PartiallyRefunded: 35,
  Refunded: 40,
  Voided: 50,
} as const;
export const ShippingStatus = {
  NotRequired: 10,
  NotYetShipped: 20,
  PartiallyShipped: 25,
  Shipped: 30,
  Delivered: 40,
} as const;

const STATUS_NAMES: Record<number, string> = { 10: 'Pending', 20: 'Processing', 30: 'Complete', 40: 'Cancelled' };

/** Money on decimal(18,4) columns: exact decimal arithmetic, JSON numbers on the wire. */
export const money = (v: unknown): Decimal => new Decimal(typeof v === 'number' ? v : 0).toDecimalPlaces(4);

export function loadOrder(ctx: SimContext, orderId: number): Row {
  const order = ctx.store.t.orders.get(orderId);
  if (!order) throw notFound(`Order Id=${orderId} not found`);
  return order;
}

export function addOrderNote(ctx: SimContext, orderId: number, note: string): void {
  ctx.store.t.orderNotes.insert({
    order_id: orderId,
    note,
    download_id: 0,
    display_to_customer: false,
    created_on_utc: ctx.now(),
  });
}

function setOrder(ctx: SimContext, order: Row, values: Record<string, unknown>): Row {
  return ctx.store.t.orders.patch(order.id, values) as Row;
}

// ---- shipping bookkeeping ----

function shippableItems(ctx: SimContext, orderId: number): Row[] {
  return ctx.store.t.orderItems.where((i) => {
    if (i.order_id !== orderId) return false;
    const product = ctx.store.t.products.get(Number(i.product_id));
    return product === undefined || product.is_ship_enabled !== false;
  });
}

function shipmentItemsOf(ctx: SimContext, orderItemId: number): { item: Row; shipment: Row }[] {
  return ctx.store.t.shipmentItems
    .where((si) => si.order_item_id === orderItemId)
    .map((item) => ({ item, shipment: ctx.store.t.shipments.get(Number(item.shipment_id)) }))
    .filter((x): x is { item: Row; shipment: Row } => x.shipment !== undefined);
}

export function totalInAllShipments(ctx: SimContext, orderItemId: number): number {
  return shipmentItemsOf(ctx, orderItemId).reduce((sum, x) => sum + Number(x.item.quantity), 0);
}

export function canBeAddedToShipment(ctx: SimContext, orderItem: Row): number {
  return Math.max(0, Number(orderItem.quantity) - totalInAllShipments(ctx, orderItem.id));
}

export function hasItemsToAddToShipment(ctx: SimContext, orderId: number): boolean {
  return shippableItems(ctx, orderId).some((i) => canBeAddedToShipment(ctx, i) > 0);
}

export function hasItemsToShip(ctx: SimContext, orderId: number): boolean {
  return shippableItems(ctx, orderId).some((i) =>
    shipmentItemsOf(ctx, i.id).some((x) => typeof x.shipment.shipped_date_utc !== 'string'),
  );
}

export function hasItemsToDeliver(ctx: SimContext, orderId: number): boolean {
  return shippableItems(ctx, orderId).some((i) =>
    shipmentItemsOf(ctx, i.id).some(
      (x) => typeof x.shipment.shipped_date_utc === 'string' && typeof x.shipment.delivery_date_utc !== 'string',
    ),
  );
}

// ---- status rules ----

/** `OrderProcessingService.CheckOrderStatusAsync`. */
export function checkOrderStatus(ctx: SimContext, orderId: number): void {
  let order = loadOrder(ctx, orderId);
  if (order.payment_status_id === PaymentStatus.Paid && typeof order.paid_date_utc !== 'string') {
    order = setOrder(ctx, order, { paid_date_utc: ctx.now() });
  }
  const setStatus = (status: number): void => {
    if (order.order_status_id === status) return;
    order = setOrder(ctx, order, { order_status_id: status });
    addOrderNote(ctx, order.id, `Order status has been changed to ${STATUS_NAMES[status]}`);
  };
  if (order.order_status_id === OrderStatus.Pending) {
    const paid = order.payment_status_id === PaymentStatus.Authorized || order.payment_status_id === PaymentStatus.Paid;
    const shipped = [ShippingStatus.PartiallyShipped, ShippingStatus.Shipped, ShippingStatus.Delivered].includes(
      Number(order.shipping_status_id) as 25 | 30 | 40,
    );
    if (paid || shipped) setStatus(OrderStatus.Processing);
  }
  if (order.order_status_id !== OrderStatus.Cancelled && order.order_status_id !== OrderStatus.Complete) {
    if (order.payment_status_id === PaymentStatus.Paid) {
      const s = order.shipping_status_id;
      const done =
        s === ShippingStatus.NotRequired ||
        (ctx.settings.completeOrderWhenDelivered
          ? s === ShippingStatus.Delivered
          : s === ShippingStatus.Shipped || s === ShippingStatus.Delivered);
      if (done) setStatus(OrderStatus.Complete);
    }
  }
}

// ---- payment ----

export function canMarkOrderAsPaid(order: Row): boolean {
  if (order.order_status_id === OrderStatus.Cancelled) return false;
  return ![PaymentStatus.Paid, PaymentStatus.Refunded, PaymentStatus.Voided].includes(
    Number(order.payment_status_id) as 30 | 40 | 50,
  );
}

export function markOrderAsPaid(ctx: SimContext, orderId: number): void {
  const order = loadOrder(ctx, orderId);
  if (!canMarkOrderAsPaid(order)) throw businessRule("You can't mark this order as paid");
  setOrder(ctx, order, { payment_status_id: PaymentStatus.Paid, paid_date_utc: ctx.now() });
  addOrderNote(ctx, orderId, 'Order has been marked as paid');
  checkOrderStatus(ctx, orderId);
}

export function canMarkOrderAsAuthorized(order: Row): boolean {
  return order.order_status_id !== OrderStatus.Cancelled && order.payment_status_id === PaymentStatus.Pending;
}

export function markAsAuthorized(ctx: SimContext, orderId: number): void {
  const order = loadOrder(ctx, orderId);
  setOrder(ctx, order, { payment_status_id: PaymentStatus.Authorized });
  addOrderNote(ctx, orderId, 'Order has been marked as authorized');
  checkOrderStatus(ctx, orderId);
}

const gatewaySupports = (ctx: SimContext, order: Row): boolean =>
  ctx.settings.capturePaymentMethods.includes(String(order.payment_method_system_name));

export function canCapture(ctx: SimContext, order: Row): boolean {
  if (order.order_status_id === OrderStatus.Cancelled || order.order_status_id === OrderStatus.Pending) return false;
  return order.payment_status_id === PaymentStatus.Authorized && gatewaySupports(ctx, order);
}

export function capture(ctx: SimContext, orderId: number): string[] {
  const order = loadOrder(ctx, orderId);
  if (!canCapture(ctx, order)) throw businessRule('Cannot do capture for order.');
  setOrder(ctx, order, {
    payment_status_id: PaymentStatus.Paid,
    paid_date_utc: ctx.now(),
    capture_transaction_id: `sim-capture-${orderId}`,
    capture_transaction_result: 'Captured',
  });
  addOrderNote(ctx, orderId, 'Order has been captured');
  checkOrderStatus(ctx, orderId);
  return [];
}

export function canRefundOffline(order: Row): boolean {
  if (money(order.order_total).isZero()) return false;
  if (money(order.refunded_amount).gt(0)) return false;
  return order.payment_status_id === PaymentStatus.Paid;
}

export function canRefundOnline(ctx: SimContext, order: Row): boolean {
  return canRefundOffline(order) && gatewaySupports(ctx, order);
}

export function refundFull(ctx: SimContext, orderId: number, online: boolean): void {
  const order = loadOrder(ctx, orderId);
  if (!(online ? canRefundOnline(ctx, order) : canRefundOffline(order)))
    throw businessRule("You can't refund this order");
  const total = money(order.order_total);
  setOrder(ctx, order, { refunded_amount: total.toNumber(), payment_status_id: PaymentStatus.Refunded });
  addOrderNote(ctx, orderId, `Order has been marked as refunded. Amount = ${total.toFixed(2)}`);
  checkOrderStatus(ctx, orderId);
}

export function canPartiallyRefundOffline(order: Row, amount: Decimal): boolean {
  if (money(order.order_total).isZero()) return false;
  if (amount.lte(0)) return false;
  const refundable = money(order.order_total).minus(money(order.refunded_amount));
  if (refundable.lte(0) || amount.gt(refundable)) return false;
  return order.payment_status_id === PaymentStatus.Paid || order.payment_status_id === PaymentStatus.PartiallyRefunded;
}

export function canPartiallyRefundOnline(ctx: SimContext, order: Row, amount: Decimal): boolean {
  return canPartiallyRefundOffline(order, amount) && gatewaySupports(ctx, order);
}

export function refundPartially(ctx: SimContext, orderId: number, amountToRefund: number, online: boolean): void {
  const order = loadOrder(ctx, orderId);
  const amount = new Decimal(amountToRefund).toDecimalPlaces(4);
  if (!(online ? canPartiallyRefundOnline(ctx, order, amount) : canPartiallyRefundOffline(order, amount))) {
    throw businessRule("You can't partially refund (offline) this order");
  }
  const refunded = money(order.refunded_amount).plus(amount);
  const status = refunded.gte(money(order.order_total)) ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded;
  setOrder(ctx, order, { refunded_amount: refunded.toNumber(), payment_status_id: status });
  addOrderNote(ctx, orderId, `Order has been marked as partially refunded. Amount = ${amount.toFixed(2)}`);
  checkOrderStatus(ctx, orderId);
}

export function canVoidOffline(order: Row): boolean {
  return !money(order.order_total).isZero() && order.payment_status_id === PaymentStatus.Authorized;
}

export function voidOffline(ctx: SimContext, orderId: number): void {
  const order = loadOrder(ctx, orderId);
  if (!canVoidOffline(order)) throw businessRule("You can't void this order");
  setOrder(ctx, order, { payment_status_id: PaymentStatus.Voided });
  addOrderNote(ctx, orderId, 'Order has been marked as voided');
  checkOrderStatus(ctx, orderId);
}

// ---- cancel / delete ----

function returnStock(ctx: SimContext, orderId: number, why: string): void {
  for (const item of ctx.store.t.orderItems.where((i) => i.order_id === orderId)) {
    const product = ctx.store.t.products.get(Number(item.product_id));
    if (product)
      adjustInventory(ctx, product, Number(item.quantity), String(item.attributes_xml ?? ''), `${why} #${orderId}`);
  }
}

export function cancelOrder(ctx: SimContext, orderId: number): void {
  const order = loadOrder(ctx, orderId);
  if (order.order_status_id === OrderStatus.Cancelled) throw businessRule('Cannot do cancel for order.');
  setOrder(ctx, order, { order_status_id: OrderStatus.Cancelled });
  addOrderNote(ctx, orderId, 'Order has been cancelled');
  returnStock(ctx, orderId, 'The stock quantity has been increased by canceling the order');
}

export function deleteOrder(ctx: SimContext, orderId: number): void {
  const order = loadOrder(ctx, orderId);
  if (order.order_status_id !== OrderStatus.Cancelled) {
    returnStock(ctx, orderId, 'The stock quantity has been increased by deleting the order');
  }
  addOrderNote(ctx, orderId, 'Order has been deleted');
  setOrder(ctx, order, { deleted: true });
}

// ---- shipments ----

export function ship(ctx: SimContext, shipmentId: number): void {
  const shipment = ctx.store.t.shipments.get(shipmentId);
  if (!shipment) throw notFound(`Shipment Id=${shipmentId} not found`);
  const order = loadOrder(ctx, Number(shipment.order_id));
  // Plain Exceptions in nop → 500, not 400.
  if (order.pickup_in_store === true)
    throw unhandled('Customer have chosen pickup in store method. Shipment cannot be sent');
  if (typeof shipment.shipped_date_utc === 'string') throw unhandled('This shipment is already shipped');
  ctx.store.t.shipments.patch(shipmentId, { shipped_date_utc: ctx.now() });
  const partially = hasItemsToAddToShipment(ctx, order.id) || hasItemsToShip(ctx, order.id);
  setOrder(ctx, order, { shipping_status_id: partially ? ShippingStatus.PartiallyShipped : ShippingStatus.Shipped });
  addOrderNote(ctx, order.id, `Shipment# ${shipmentId} has been sent`);
  checkOrderStatus(ctx, order.id);
}

export function deliver(ctx: SimContext, shipmentId: number): void {
  const shipment = ctx.store.t.shipments.get(shipmentId);
  if (!shipment) throw notFound(`Shipment Id=${shipmentId} not found`);
  const order = loadOrder(ctx, Number(shipment.order_id));
  if (typeof shipment.shipped_date_utc !== 'string') throw unhandled('This shipment is not shipped yet');
  if (typeof shipment.delivery_date_utc === 'string') throw unhandled('This shipment is already delivered');
  ctx.store.t.shipments.patch(shipmentId, { delivery_date_utc: ctx.now() });
  if (!hasItemsToAddToShipment(ctx, order.id) && !hasItemsToShip(ctx, order.id) && !hasItemsToDeliver(ctx, order.id)) {
    setOrder(ctx, order, { shipping_status_id: ShippingStatus.Delivered });
  }
  addOrderNote(ctx, order.id, `Shipment# ${shipmentId} has been delivered`);
  checkOrderStatus(ctx, order.id);
}
