import Decimal from 'decimal.js';
import { Routes, ok, okEmpty, pathId, qNumber } from '../http';
import * as wf from '../order-workflow';

/** OrderProcessing: almost every state change is a GET. */
export function registerOrderProcessingRoutes(r: Routes): void {
  const base = '/OrderProcessing';
  r.get(`${base}/CheckOrderStatus/:orderId`, (req, ctx) => {
    wf.checkOrderStatus(ctx, wf.loadOrder(ctx, pathId(req, 'orderId')).id);
    return okEmpty();
  });
  r.get(`${base}/CanMarkOrderAsPaid/:orderId`, (req, ctx) =>
    ok(wf.canMarkOrderAsPaid(wf.loadOrder(ctx, pathId(req, 'orderId')))),
  );
  r.get(`${base}/MarkOrderAsPaid/:orderId`, (req, ctx) => {
    wf.markOrderAsPaid(ctx, pathId(req, 'orderId'));
    return okEmpty();
  });
  r.get(`${base}/CanMarkOrderAsAuthorized/:orderId`, (req, ctx) =>
    ok(wf.canMarkOrderAsAuthorized(wf.loadOrder(ctx, pathId(req, 'orderId')))),
  );
  r.get(`${base}/MarkAsAuthorized/:orderId`, (req, ctx) => {
    wf.markAsAuthorized(ctx, pathId(req, 'orderId'));
    return okEmpty();
  });
  r.get(`${base}/CanCapture/:orderId`, (req, ctx) => ok(wf.canCapture(ctx, wf.loadOrder(ctx, pathId(req, 'orderId')))));
  r.get(`${base}/Capture/:orderId`, (req, ctx) => ok(wf.capture(ctx, pathId(req, 'orderId'))));
  r.get(`${base}/CanRefundOffline/:orderId`, (req, ctx) =>
    ok(wf.canRefundOffline(wf.loadOrder(ctx, pathId(req, 'orderId')))),
  );
  r.get(`${base}/RefundOffline/:orderId`, (req, ctx) => {
    wf.refundFull(ctx, pathId(req, 'orderId'), false);
    return okEmpty();
  });
  r.get(`${base}/CanRefund/:orderId`, (req, ctx) =>
    ok(wf.canRefundOnline(ctx, wf.loadOrder(ctx, pathId(req, 'orderId')))),
  );
  r.get(`${base}/Refund/:orderId`, (req, ctx) => {
    wf.refundFull(ctx, pathId(req, 'orderId'), true);
    return ok([]);
  });
  r.get(`${base}/CanPartiallyRefundOffline/:orderId`, (req, ctx) =>
    ok(
      wf.canPartiallyRefundOffline(
        wf.loadOrder(ctx, pathId(req, 'orderId')),
        new Decimal(qNumber(req, 'amountToRefund', 0)),
      ),
    ),
  );
  r.get(`${base}/PartiallyRefundOffline/:orderId`, (req, ctx) => {
    wf.refundPartially(ctx, pathId(req, 'orderId'), qNumber(req, 'amountToRefund', 0), false);
    // v1.06 documents a boolean result for this action.
    return ok(true);
  });
  r.get(`${base}/CanPartiallyRefund/:orderId`, (req, ctx) =>
    ok(
      wf.canPartiallyRefundOnline(
        ctx,
        wf.loadOrder(ctx, pathId(req, 'orderId')),
        new Decimal(qNumber(req, 'amountToRefund', 0)),
      ),
    ),
  );
  r.get(`${base}/PartiallyRefund/:orderId`, (req, ctx) => {
    wf.refundPartially(ctx, pathId(req, 'orderId'), qNumber(req, 'amountToRefund', 0), true);
    return ok([]);
  });
  r.get(`${base}/CanVoidOffline/:orderId`, (req, ctx) =>
    ok(wf.canVoidOffline(wf.loadOrder(ctx, pathId(req, 'orderId')))),
  );
  r.get(`${base}/VoidOffline/:orderId`, (req, ctx) => {
    wf.voidOffline(ctx, pathId(req, 'orderId'));
    return okEmpty();
  });
  r.get(`${base}/CanCancelOrder/:orderId`, (req, ctx) =>
    ok(wf.loadOrder(ctx, pathId(req, 'orderId')).order_status_id !== wf.OrderStatus.Cancelled),
  );
  r.get(`${base}/CancelOrder/:orderId`, (req, ctx) => {
    wf.cancelOrder(ctx, pathId(req, 'orderId'));
    return okEmpty();
  });
  r.delete(`${base}/DeleteOrder/:orderId`, (req, ctx) => {
    wf.deleteOrder(ctx, pathId(req, 'orderId'));
    return okEmpty();
  });
  r.get(`${base}/Ship/:shipmentId`, (req, ctx) => {
    wf.ship(ctx, pathId(req, 'shipmentId'));
    return okEmpty();
  });
  r.get(`${base}/Deliver/:shipmentId`, (req, ctx) => {
    wf.deliver(ctx, pathId(req, 'shipmentId'));
    return okEmpty();
  });
}
