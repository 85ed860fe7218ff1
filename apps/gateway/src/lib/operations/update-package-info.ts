import { ok, type InsertUpdateResponse, type UpdatePackageInfoRequest } from '@pcknop/pck-contract';
import { GatewayError, GatewayErrorCode } from '../gateway.exception';
import type { CallContext } from './operation-context';

/** updatePackageInfo: tracking for an earlier delivery (sentid = its sendId) → the shipment's tracking number + an order note. */
export async function updatePackageInfo(ctx: CallContext, p: UpdatePackageInfoRequest): Promise<InsertUpdateResponse> {
  const { repos, shops } = ctx.services;
  const { tenant } = ctx.auth;
  const delivery = await repos.deliveries.get(tenant.id, `delivery:${p.sentid}`);
  if (!delivery || delivery.shipmentId === null) throw new GatewayError(GatewayErrorCode.DeliveryNotFound, `(sendId ${p.sentid})`);
  const shop = await shops.forTenant(tenant);
  const shipment = await shop.client.shipments.getById(delivery.shipmentId);
  if (!shipment) throw new GatewayError(GatewayErrorCode.DeliveryNotFound, `(forsendelse ${delivery.shipmentId} finnes ikke i nettbutikken)`);
  const packageNo = p.packageNo?.trim();
  if (packageNo && shipment.tracking_number !== packageNo) await shop.client.shipments.update({ ...shipment, tracking_number: packageNo });
  const note = [p.transporterName && `Transportør: ${p.transporterName}`, p.packtrackURL && `Sporing: ${p.packtrackURL}`, p.message]
    .filter((s): s is string => typeof s === 'string' && s.trim() !== '')
    .join('\n');
  if (note) {
    // A repeat of the same call must not add the same note twice.
    const notes = await shop.client.orderNotes.getByOrderId(delivery.shopOrderId);
    if (!notes.some((n) => n.note === note)) {
      await shop.client.orderNotes.create({ order_id: delivery.shopOrderId, note, display_to_customer: true, created_on_utc: new Date().toISOString() });
    }
  }
  return ok(delivery.shopOrderId);
}
