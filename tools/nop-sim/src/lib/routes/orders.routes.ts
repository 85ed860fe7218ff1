import type { Request } from 'express';
import type { SimContext } from '../context';
import type { Row } from '../dto';
import { parseIdList } from '../id-list';
import { Routes, ok, pageArgs, paged, pathId, pathInt, pathStr, qBool, qDate, qInt, qStr } from '../http';
import { notFound } from '../nop-sim.exception';
import {
  canBeAddedToShipment,
  hasItemsToAddToShipment,
  hasItemsToDeliver,
  hasItemsToShip,
  loadOrder,
  totalInAllShipments,
} from '../order-workflow';
import { getOr404, registerCrud } from './crud';

const contains = (haystack: unknown, needle: string): boolean =>
  typeof haystack === 'string' && haystack.toLowerCase().includes(needle.toLowerCase());

/** `OrderService.SearchOrdersAsync`: newest first, deleted excluded, ';'-separated status lists. */
function searchOrders(req: Request, ctx: SimContext): Row[] {
  const storeId = qInt(req, 'storeId', 0);
  const customerId = qInt(req, 'customerId', 0);
  const productId = qInt(req, 'productId', 0);
  const affiliateId = qInt(req, 'affiliateId', 0);
  const billingCountryId = qInt(req, 'billingCountryId', 0);
  const paymentMethod = qStr(req, 'paymentMethodSystemName');
  const from = qDate(req, 'createdFromUtc');
  const to = qDate(req, 'createdToUtc');
  // A comma list parses to nothing, and an empty list means "no filter": every order comes back.
  const osIds = parseIdList(qStr(req, 'osIds'));
  const psIds = parseIdList(qStr(req, 'psIds'));
  const ssIds = parseIdList(qStr(req, 'ssIds'));
  const billingPhone = qStr(req, 'billingPhone');
  const billingEmail = qStr(req, 'billingEmail');
  const billingLastName = qStr(req, 'billingLastName');
  const orderNotes = qStr(req, 'orderNotes');

  return ctx.store.t.orders
    .where((o) => {
      if (o.deleted) return false;
      if (storeId > 0 && o.store_id !== storeId) return false;
      if (customerId > 0 && o.customer_id !== customerId) return false;
      if (affiliateId > 0 && o.affiliate_id !== affiliateId) return false;
      if (paymentMethod && o.payment_method_system_name !== paymentMethod) return false;
      if (from !== null && String(o.created_on_utc) < from) return false;
      if (to !== null && String(o.created_on_utc) > to) return false;
      if (osIds.length > 0 && !osIds.includes(Number(o.order_status_id))) return false;
      if (psIds.length > 0 && !psIds.includes(Number(o.payment_status_id))) return false;
      if (ssIds.length > 0 && !ssIds.includes(Number(o.shipping_status_id))) return false;
      if (productId > 0 && !ctx.store.t.orderItems.some((i) => i.order_id === o.id && i.product_id === productId))
        return false;
      if (billingCountryId > 0 || billingPhone || billingEmail || billingLastName) {
        const a = ctx.store.t.addresses.get(Number(o.billing_address_id));
        if (!a) return false;
        if (billingCountryId > 0 && a.country_id !== billingCountryId) return false;
        if (billingPhone && !contains(a.phone_number, billingPhone)) return false;
        if (billingEmail && !contains(a.email, billingEmail)) return false;
        if (billingLastName && !contains(a.last_name, billingLastName)) return false;
      }
      if (orderNotes && !ctx.store.t.orderNotes.some((n) => n.order_id === o.id && contains(n.note, orderNotes)))
        return false;
      return true;
    })
    .sort((a, b) => String(b.created_on_utc).localeCompare(String(a.created_on_utc)) || b.id - a.id);
}

export function registerOrderRoutes(r: Routes): void {
  registerCrud(r, { controller: 'Order', entity: 'Order', dto: 'OrderDto', table: 'orders', softDelete: true });

  r.get('/Order/Search', (req, ctx) => {
    const { pageIndex, pageSize } = pageArgs(req);
    const rows = searchOrders(req, ctx).map((o) => ctx.dto('OrderDto', o));
    return ok(paged(rows, pageIndex, pageSize, qBool(req, 'getOnlyTotalCount', false)));
  });
  r.get('/Order/GetByIds/:ids', (req, ctx) => {
    const rows = parseIdList(pathStr(req, 'ids'))
      .map((id) => ctx.store.t.orders.get(id))
      .filter((o): o is Row => o !== undefined);
    return ok(rows.map((o) => ctx.dto('OrderDto', o)));
  });
  r.get('/Order/GetByCustomOrderNumber', (req, ctx) => {
    const number = qStr(req, 'customOrderNumber') ?? '';
    const hit = ctx.store.t.orders.find((o) => o.custom_order_number === number);
    if (!hit) throw notFound(`Order customOrderNumber=${number} not found`);
    return ok(ctx.dto('OrderDto', hit));
  });
  r.get('/Order/GetByGuid', (req, ctx) => {
    const guid = (qStr(req, 'guid') ?? '').toLowerCase();
    const hit = ctx.store.t.orders.find((o) => String(o.order_guid).toLowerCase() === guid);
    if (!hit) throw notFound(`Order guid=${guid} not found`);
    return ok(ctx.dto('OrderDto', hit));
  });
  r.get('/Order/HasItemsToAddToShipment/:orderId', (req, ctx) =>
    ok(hasItemsToAddToShipment(ctx, loadOrder(ctx, pathId(req, 'orderId')).id)),
  );
  r.get('/Order/HasItemsToShip/:orderId', (req, ctx) =>
    ok(hasItemsToShip(ctx, loadOrder(ctx, pathId(req, 'orderId')).id)),
  );
  r.get('/Order/HasItemsToDeliver/:orderId', (req, ctx) =>
    ok(hasItemsToDeliver(ctx, loadOrder(ctx, pathId(req, 'orderId')).id)),
  );

  registerCrud(r, {
    controller: 'OrderItem',
    entity: 'Order item',
    dto: 'OrderItemDto',
    table: 'orderItems',
    foreignKeys: [
      { field: 'order_id', table: 'orders' },
      { field: 'product_id', table: 'products' },
    ],
  });
  r.get('/OrderItem/GetOrderItems/:orderId', (req, ctx) => {
    const orderId = pathInt(req, 'orderId');
    return ok(ctx.store.t.orderItems.where((i) => i.order_id === orderId).map((i) => ctx.dto('OrderItemDto', i)));
  });
  r.get('/OrderItem/GetTotalNumberOfItemsInAllShipments/:orderItemId', (req, ctx) => {
    const item = getOr404(ctx, 'orderItems', pathId(req, 'orderItemId'), 'Order item');
    return ok(totalInAllShipments(ctx, item.id));
  });
  r.get('/OrderItem/GetTotalNumberOfItemsCanBeAddedToShipment/:orderItemId', (req, ctx) => {
    const item = getOr404(ctx, 'orderItems', pathId(req, 'orderItemId'), 'Order item');
    return ok(canBeAddedToShipment(ctx, item));
  });

  registerCrud(r, {
    controller: 'OrderNote',
    entity: 'Order note',
    dto: 'OrderNoteDto',
    table: 'orderNotes',
    actions: ['GetById', 'Create', 'Delete'],
    foreignKeys: [{ field: 'order_id', table: 'orders' }],
  });
  r.get('/OrderNote/GetOrderNotesByOrderId/:orderId', (req, ctx) => {
    const orderId = pathInt(req, 'orderId');
    return ok(ctx.store.t.orderNotes.where((n) => n.order_id === orderId).map((n) => ctx.dto('OrderNoteDto', n)));
  });
}
