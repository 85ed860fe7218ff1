import type { InsertUpdateResponse } from './insert-update-response';

export interface PaymentType {
  name?: string;
  paymentId: number;
}

/** Return of getAllPaymentTypes (an empty list is allowed). */
export interface GetPaymentTypesResponse {
  insertUpdate: InsertUpdateResponse;
  payments: PaymentType[];
}

/** Return of getStatus (info for the PCK user). */
export interface Status {
  creditApplicants: number;
  /** Shown when operationResult != 0. */
  message?: string;
  onlineCustomers: number;
  operationResult: number;
  /** Orders not yet fetched by PCK. */
  orders: number;
}

/** Return of getWelcomeMailTemplate. */
export interface MailTemplate {
  footer?: string;
  header?: string;
  /** Editable text; wire spelling `mesage` (sic, per S1). */
  mesage?: string;
}

/** Payload of createWebshop. */
export interface WebCompany {
  deliveryAddressLine1?: string;
  deliveryAddressLine2?: string;
  deliveryCity?: string;
  deliveryZipCode?: string;
  /** Unused. */
  demo?: boolean;
  email?: string;
  /** Admin e-mail for important info and login. */
  emailWebshopInfo?: string;
  fax?: string;
  invoiceAddressLine1?: string;
  invoiceAddressLine2?: string;
  invoiceCity?: string;
  invoiceZipCode?: string;
  legalName?: string;
  licenseNo?: string;
  name?: string;
  orgNo?: string;
  /** If the shop exists and this matches, update its info. */
  password?: string;
  phone?: string;
  postAddressLine1?: string;
  postAddressLine2?: string;
  postCity?: string;
  postZipCode?: string;
}

/** Return of createWebshop. */
export interface CreateDeltasWebshopResponse {
  adminUserName?: string;
  adminUserPassword?: string;
  /** Id of the shop; PCK uses it as `login`. */
  deltasoftId: number;
  insertUpdate: InsertUpdateResponse;
  password?: string;
}
