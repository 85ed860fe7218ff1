import type { Decimal } from 'decimal.js';
import type { InsertUpdateResponse } from './insert-update-response';

/** A credit applicant returned by getCreditApplicants. */
export interface Customer {
  /** Shop contact id. */
  contactId: number;
  email?: string;
  fax?: string;
  invoiceAddress?: string;
  invoiceAddress2?: string;
  invoiceOnEmail: boolean;
  invoicePostCity?: string;
  invoicePostNo?: string;
  name?: string;
  orgNo?: string;
  phone1?: string;
}

export interface CreditApplicantsReturn {
  insertUpdate: InsertUpdateResponse;
  listCustomers: Customer[];
}

export interface CustomerGroup {
  customerGroupId: number;
  name?: string;
}

/** A discount row (sendDiscount, customerInfo.listDiscounts). Absent criteria mean "any". */
export interface Discount {
  articleId?: number;
  category2Id?: number;
  categoryId?: number;
  /** Minimum line quantity. */
  count?: number;
  customerGroupId?: number;
  customerId?: number;
  /** Remove this row. */
  deleteDiscount?: boolean;
  /** Discount percentage. Wire `discount`; `discount1` (S1/.NET name) is accepted. */
  discount?: Decimal;
  /** PCK id of the row. */
  discountId: number;
  manufacturerId?: number;
  /** Percentage added to the base price chosen by priceType. */
  priceAdjustment?: Decimal;
  /** See `PriceType`. */
  priceType?: number;
  validUntil?: Date;
}

/** Payload of sendCustomerInfo (credit decision or a customer pushed from PCK). */
export interface CustomerInfo {
  address1?: string;
  address2?: string;
  /** ISO 3166-1 (numeric, inferred). */
  countryCode?: number;
  creditApproved?: boolean;
  customerGroup?: CustomerGroup;
  /** Shop customer id; absent or 0 = new customer (send welcome mail). */
  deltaCustomerId?: number;
  email?: string;
  listDiscounts: Discount[];
  name?: string;
  orgNo?: string;
  pckCustomerId?: number;
  phoneNo?: string;
  postCity?: string;
  postNo?: string;
  welcomeMessage?: string;
}
