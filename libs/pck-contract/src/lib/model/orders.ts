import type { Decimal } from 'decimal.js';
import type { InsertUpdateResponse } from './insert-update-response';

/** Set only when the shop already delivered and captured; PCK then skips the delivery flow. */
export interface DeliveredItemsAndCapturedPaymentInfo {
  /** Total captured incl. freight and extra cost. */
  amount: Decimal;
  /** Wire spelling `authorzationId`. */
  authorzationId?: string;
  extraCost: Decimal;
  freightCost: Decimal;
  /** Payment method name, created in PCK if unknown. */
  paymentMethod?: string;
}

export interface OrderLine {
  /** PCK article id. */
  articleId: number;
  count: number;
  /** Discount percentage (25 = 25 %), used when paymentMethod != 3. */
  discount: Decimal;
  /** Extra text. Accepted on input also as `into`/`Info`. */
  info?: string;
  /** Shop order-line id, used in later updates. */
  orderLineId: number;
  /** Unit price incl. VAT, used when paymentMethod != 3. */
  price: Decimal;
  /** Fractional quantity (PCK >= 3.1.5.75 uses it instead of count). */
  qty?: Decimal;
  sizeColorId?: number;
  /** Warehouse to deduct stock from (only with deliveredItemsAndCapturedPaymentInfo). */
  warehouseId?: number;
}

/** A web order returned by getOrders. */
export interface Order {
  /** Use the articles' alternativeVat (takeaway). */
  alternativeTax: boolean;
  contactAddressline1?: string;
  contactAddressline2?: string;
  /** Shop customer id; required for credit orders (0 = none). */
  contactId: number;
  contactName?: string;
  contactPostCity?: string;
  contactPostNo?: string;
  deliveredItemsAndCapturedPaymentInfo?: DeliveredItemsAndCapturedPaymentInfo;
  deliveryAddressLine1?: string;
  deliveryAddressLine2?: string;
  deliveryEmail?: string;
  deliveryName?: string;
  /** When absent PCK uses `phone`. */
  deliveryPhone?: string;
  deliveryPostCity?: string;
  deliveryPostNo?: string;
  /** Shop order id; used by PCK in every later call. */
  deltaOrderId: number;
  email?: string;
  /** Fees / other costs (special line -11). */
  extraCost: Decimal;
  extraCostDescription?: string;
  /** Delivery cost incl. COD/card fees (special line -10). */
  freightCost: Decimal;
  freightCostDescription?: string;
  message?: string;
  orderLines: OrderLine[];
  /** See `PaymentMethod`: 2 COD, 3 credit, anything else prepaid. */
  paymentMethod: number;
  phone?: string;
  reference?: string;
  storePickup: boolean;
  taxExempt: boolean;
  /** Wire `wantedDeliveryTime`; `WantedDeliveryTime` is accepted. */
  wantedDeliveryTime?: Date;
}

/** Return of getOrders. */
export interface WebOrdersReturn {
  insertUpdate: InsertUpdateResponse;
  listWebOrders: Order[];
}

/** One delivered or credited line. */
export interface OrderLineUpdate {
  /** Number of items (integer). */
  amount: number;
  /** Serial numbers ("Serienr: n[,n]"). Accepted also as `Info`/`into`. */
  info?: string;
  /** Shop order-line id; -10 freight, -11 extra cost. */
  orderLineId: number;
  /** Fractional quantity (PCK >= 3.1.5.75); use it when present. */
  qty?: Decimal;
}

/** Payload of updateOrderStatus. For statuses 4, 7, 8, 10 only deltaOrderId, message, orderStatusId are sent. */
export interface UpdateOrder {
  deltaOrderId: number;
  /** Message to the customer. */
  message?: string;
  orderLines: OrderLineUpdate[];
  /** See `OrderStatusId`. */
  orderStatusId: number;
  packageNo?: string;
  packtrackURL?: string;
  /** PCK delivery id, reused by updatePackageInfo.sentid. */
  sendId?: number;
  timestamp?: number;
  transporterName?: string;
}

/** Return of updateOrderStatus and creditOrder: what was captured / credited. */
export interface UpdateOrderResponse {
  /** Captured (or credited) incl. freight and extra cost. */
  amount: Decimal;
  /** Card-issuer authorisation id. Wire spelling `authorzationId`. */
  authorzationId?: string;
  extraCost: Decimal;
  freightCost: Decimal;
  insertUpdate: InsertUpdateResponse;
  /** Payment method name, e.g. "VISA". */
  paymentMethod?: string;
}
