import { productKey } from '@pcknop/field-mapping';
import { ok, type GetPaymentTypesResponse, type MailTemplate, type Status } from '@pcknop/pck-contract';
import { GatewayError, GatewayErrorCode } from '../gateway.exception';
import type { CallContext } from './operation-context';

/** getStatus: what PCK shows its user — orders waiting to be fetched. */
export async function getStatus(ctx: CallContext): Promise<Status> {
  const waiting = await ctx.services.repos.webOrders.list(ctx.auth.tenant.id, 'staged');
  return { creditApplicants: 0, onlineCustomers: 0, operationResult: 0, orders: waiting.length };
}

/** getAllPaymentTypes: the shop payment methods the tenant's profile knows (an empty list is allowed by S1). */
export async function getAllPaymentTypes(ctx: CallContext): Promise<GetPaymentTypesResponse> {
  const names = Object.keys(ctx.auth.profile.orders.paymentMethods).sort();
  return { insertUpdate: ok(), payments: names.map((name, i) => ({ name, paymentId: i + 1 })) };
}

/** getWelcomeMailTemplate: no template is kept yet; an empty one lets PCK's dialog open. */
export async function getWelcomeMailTemplate(): Promise<MailTemplate> {
  return { footer: '', header: '', mesage: '' };
}

function shopBase(ctx: CallContext): string {
  const base = ctx.auth.tenant.shopUrl ?? ctx.services.publicUrl;
  if (!base) throw new GatewayError(GatewayErrorCode.ShopNotConfigured);
  return base.replace(/\/+$/, '');
}

/** URLs PCK opens in the default browser; the PCK user is the shop owner, so they point into nopCommerce's admin. */
export async function getOrderInfoURL(ctx: CallContext, orderId: number): Promise<string> {
  return `${shopBase(ctx)}/Admin/Order/Edit/${orderId}`;
}

export async function getReceiptURL(ctx: CallContext, orderId: number): Promise<string> {
  return `${shopBase(ctx)}/Admin/Order/PdfInvoice/${orderId}`;
}

export async function getArticleURL(ctx: CallContext, pckId: number): Promise<string> {
  const base = shopBase(ctx);
  const key = productKey(pckId);
  const bound = (await ctx.services.repos.bindings.get(ctx.auth.tenant.id, 'product', [key])).get(key);
  return bound
    ? `${base}/Admin/Product/Edit/${bound.shopId}`
    : `${base}/Admin/Product/List?SearchProductName=${encodeURIComponent(String(pckId))}`;
}
