import { ok, type InsertUpdateResponse, type UpdatePackageInfoRequest } from '@pcknop/pck-contract';
import { GatewayError, GatewayErrorCode } from '../gateway.exception';
import type { CallContext } from './operation-context';

/** updatePackageInfo: tracking for an earlier delivery (sentid = its sendId) → the shipment's tracking number + an order note. */
export async function updatePackageInfo(ctx: CallContext, p: UpdatePackageInfoRequest): Promise<InsertUpdateResponse> {
  const { repos, shops } = ctx.services;
  const { tenant } = ctx.auth;
  const delivery = await repos.deliveries.get(tenant.id, `delivery:${p.sentid}`);
  if (!delivery || delivery.shipmentId === null)
    throw new GatewayError(GatewayErrorCode.DeliveryNotFound, `(sendId ${p.sentid})`);
  const shop = await shops.forTenant(tenant);
  if (!(await shop.setTrackingNumber(delivery.shipmentId, p.packageNo?.trim()))) {
    throw new GatewayError(
      GatewayErrorCode.DeliveryNotFound,
      `(forsendelse ${delivery.shipmentId} finnes ikke i nettbutikken)`,
    );
  }
  const note = [
    p.transporterName && `Transportør: ${p.transporterName}`,
    p.packtrackURL && `Sporing: ${p.packtrackURL}`,
    p.message,
  ]
    .filter((s): s is string => typeof s === 'string' && s.trim() !== '')
    .join('\n');
  // A repeat of the same call adds no second note (the writer adds a note of the same text once).
  if (note) await shop.addOrderNote(delivery.shopOrderId, note, true);
  return ok(delivery.shopOrderId);
}
