import type { Decimal } from 'decimal.js';

export enum TwinOrderStatus {
  Pending = 'pending',
  Processing = 'processing',
  Complete = 'complete',
  Cancelled = 'cancelled',
}

export enum TwinOrderLineKind {
  Product = 'product',
  Freight = 'freight',
  Fee = 'fee',
}

export interface TwinAddress {
  name?: string;
  company?: string;
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
  phone?: string;
  email?: string;
}

export interface TwinCustomer {
  /** Shop customer id, absent for guests. */
  key?: string;
  email: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  /** Organisation number of a business customer. */
  organisationNumber?: string;
  phone?: string;
}

export interface TwinOrderLine {
  /** Shop order line id, unique within the order. */
  lineId: string;
  kind: TwinOrderLineKind;
  sku?: string;
  productKey?: string;
  variantKey?: string;
  name: string;
  quantity: Decimal;
  /** Incl. VAT, before discount. */
  unitPrice: Decimal;
  /** Percent. */
  vatRate: Decimal;
  /** Total discount on the line, incl. VAT. */
  discount: Decimal;
}

export interface TwinPayment {
  method: string;
  transactionRef?: string;
  authorised?: Decimal;
  captured: Decimal;
}

export interface TwinOrder {
  /** Shop order id. */
  key: string;
  orderNumber?: string;
  createdAt: Date;
  paidAt?: Date;
  status: TwinOrderStatus;
  customer: TwinCustomer;
  invoiceAddress: TwinAddress;
  deliveryAddress?: TwinAddress;
  /** Product lines, then freight and fee lines. */
  lines: TwinOrderLine[];
  payment: TwinPayment;
  /** Order total incl. VAT. */
  total: Decimal;
  note?: string;
}

export interface TwinOrderStatusLine {
  lineId: string;
  quantity: Decimal;
}

/** A status change of an order, from the source (e.g. PCK's updateOrderStatus). */
export interface TwinOrderStatusUpdate {
  /** Shop order id. */
  orderKey: string;
  status: TwinOrderStatus;
  at: Date;
  message?: string;
  carrier?: string;
  trackingNumber?: string;
  trackingUrl?: string;
  /** Amount to capture or that was captured, incl. VAT. */
  capturedAmount?: Decimal;
  /** Delivered lines for partial deliveries. */
  lines: TwinOrderStatusLine[];
}
