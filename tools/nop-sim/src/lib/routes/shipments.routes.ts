import type { Row } from '../dto';
import { parseIdList } from '../id-list';
import { Routes, ok, pageArgs, paged, pathInt, pathStr, qBool, qBoolOrNull, qDate, qInt, qStr } from '../http';
import { registerCrud } from './crud';

export function registerShipmentRoutes(r: Routes): void {
  registerCrud(r, {
    controller: 'Shipment',
    entity: 'Shipment',
    dto: 'ShipmentDto',
    table: 'shipments',
    foreignKeys: [{ field: 'order_id', table: 'orders' }],
  });
  r.get('/Shipment/GetByIds/:ids', (req, ctx) => {
    const rows = parseIdList(pathStr(req, 'ids'))
      .map((id) => ctx.store.t.shipments.get(id))
      .filter((s): s is Row => s !== undefined);
    return ok(rows.map((s) => ctx.dto('ShipmentDto', s)));
  });
  r.get('/Shipment/GetByOrderId/:orderId', (req, ctx) => {
    const orderId = pathInt(req, 'orderId');
    const shipped = qBoolOrNull(req, 'shipped');
    const rows = ctx.store.t.shipments.where(
      (s) => s.order_id === orderId && (shipped === null || (typeof s.shipped_date_utc === 'string') === shipped),
    );
    return ok(rows.map((s) => ctx.dto('ShipmentDto', s)));
  });
  r.get('/Shipment/GetAll', (req, ctx) => {
    const tracking = qStr(req, 'trackingNumber');
    const orderId = qInt(req, 'orderId', 0);
    const notShipped = qBool(req, 'loadNotShipped', false);
    const notDelivered = qBool(req, 'loadNotDelivered', false);
    const from = qDate(req, 'createdFromUtc');
    const to = qDate(req, 'createdToUtc');
    const { pageIndex, pageSize } = pageArgs(req);
    const rows = ctx.store.t.shipments
      .where(
        (s) =>
          (!tracking ||
            (typeof s.tracking_number === 'string' &&
              s.tracking_number.toLowerCase().includes(tracking.toLowerCase()))) &&
          (orderId === 0 || s.order_id === orderId) &&
          (!notShipped || typeof s.shipped_date_utc !== 'string') &&
          (!notDelivered || typeof s.delivery_date_utc !== 'string') &&
          (from === null || String(s.created_on_utc) >= from) &&
          (to === null || String(s.created_on_utc) <= to),
      )
      .sort((a, b) => String(b.created_on_utc).localeCompare(String(a.created_on_utc)) || b.id - a.id);
    return ok(
      paged(
        rows.map((s) => ctx.dto('ShipmentDto', s)),
        pageIndex,
        pageSize,
      ),
    );
  });

  // No quantity checks: the API takes whatever it is given (check GetTotalNumberOfItemsCanBeAddedToShipment first).
  registerCrud(r, {
    controller: 'ShipmentItem',
    entity: 'Shipment item',
    dto: 'ShipmentItemDto',
    table: 'shipmentItems',
    actions: ['Create'],
    foreignKeys: [
      { field: 'shipment_id', table: 'shipments' },
      { field: 'order_item_id', table: 'orderItems' },
    ],
  });
  r.get('/ShipmentItem/GetByShipmentId/:id', (req, ctx) => {
    const shipmentId = pathInt(req, 'id');
    return ok(
      ctx.store.t.shipmentItems.where((i) => i.shipment_id === shipmentId).map((i) => ctx.dto('ShipmentItemDto', i)),
    );
  });
}
