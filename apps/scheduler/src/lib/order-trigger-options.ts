import { OrderTriggerError, OrderTriggerErrorCode } from './order-trigger.exception';

/** PCK's trigger URL as third-party integrations call it (reference: pck-webshopws-contract.md §3). */
export const DEFAULT_ORDER_TRIGGER_URL = 'https://min.pckasse.no/QueueGetOrders.aspx';

/**
 * The tenant option `orderTrigger` (opt-in): when a paid order is staged, call `baseUrl?licenceno=<licenceNo>` so
 * the till fetches orders without a click on «Oppfrisk».
 */
export interface OrderTriggerOptions {
  enabled: boolean;
  baseUrl: string;
  licenceNo: string;
}

/** The options, or undefined when the tenant has none or has them switched off; throws when they are malformed. */
export function readOrderTriggerOptions(options: Record<string, unknown>): OrderTriggerOptions | undefined {
  const raw = options['orderTrigger'];
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new OrderTriggerError(OrderTriggerErrorCode.InvalidOptions, 'orderTrigger must be an object.');
  const o = raw as Record<string, unknown>;
  if (o['enabled'] !== true) return undefined;
  const baseUrl = o['baseUrl'] === undefined ? DEFAULT_ORDER_TRIGGER_URL : o['baseUrl'];
  if (typeof baseUrl !== 'string' || !/^https?:\/\//.test(baseUrl) || !URL.canParse(baseUrl)) {
    throw new OrderTriggerError(OrderTriggerErrorCode.InvalidOptions, 'orderTrigger.baseUrl must be an http(s) URL.');
  }
  const licenceNo = typeof o['licenceNo'] === 'number' ? String(o['licenceNo']) : o['licenceNo'];
  if (typeof licenceNo !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(licenceNo)) {
    throw new OrderTriggerError(
      OrderTriggerErrorCode.InvalidOptions,
      "orderTrigger.licenceNo must be PCK's licence number (letters, digits, dashes).",
    );
  }
  return { enabled: true, baseUrl, licenceNo };
}

/** The URL called: the base URL with `licenceno` set (other query parameters of the base URL are kept). */
export function orderTriggerUrl(options: OrderTriggerOptions): URL {
  const url = new URL(options.baseUrl);
  url.searchParams.set('licenceno', options.licenceNo);
  return url;
}
