/**
 * Enumerations of the WebshopWS contract as named constants (S1 v1.98). The wire type of each is
 * xs:int, and PCK may send values we do not know yet, so model fields stay `number`.
 */

/** `insertUpdateResponse.operationResult` / `status.operationResult`: tells PCK whether to retry. */
export const OperationResult = {
  Ok: 0,
  /** Permanent error; PCK does not retry until the user fixes it. */
  PermanentError: 1,
  /** Temporary error; PCK retries in about 5 minutes. */
  RetrySoon: 2,
  /** Temporary error; PCK retries in about 1 hour. */
  RetryLater: 3,
  /** Temporary error; PCK retries in about 1 day. */
  RetryTomorrow: 4,
} as const;
export type OperationResultCode = (typeof OperationResult)[keyof typeof OperationResult];

/** `article.articleStatus`. */
export const ArticleStatus = { Active: 0, Passive: 1, Expired: 2, Blocked: 3 } as const;
export type ArticleStatusCode = (typeof ArticleStatus)[keyof typeof ArticleStatus];

/** `article.articleWebAction`. */
export const ArticleWebAction = {
  Normal: 0,
  ContactToPurchase: 1,
  ContactForPrice: 2,
  PromotionalItem: 3,
} as const;
export type ArticleWebActionCode = (typeof ArticleWebAction)[keyof typeof ArticleWebAction];

/** `article.shippingType`. */
export const ShippingType = { NotSpecified: 0, CannotBeShipped: 3, FreightPerArticle: 5 } as const;
export type ShippingTypeCode = (typeof ShippingType)[keyof typeof ShippingType];

/** `updateOrder.orderStatusId` as sent by PCK in `updateOrderStatus`. */
export const OrderStatusId = {
  /** Fully delivered; cancel undelivered lines. */
  FullyDelivered: 3,
  /** Order received by PCK (only deltaOrderId, message, orderStatusId are sent). */
  Received: 4,
  /** Normal (possibly partial) delivery; do not cancel the rest. */
  NormalDelivery: 5,
  /** Order failed; notify the shop admin. */
  FailedNotifyAdmin: 7,
  /** Order failed; notify the customer. */
  FailedNotifyCustomer: 8,
  /** Legacy failure code mentioned in S1's getOrders prose (inferred alias). */
  LegacyFailed: 10,
  /** Credit order with an unknown contactId; resend that customer via getCreditApplicants. */
  ResendCreditApplicant: 11,
} as const;
export type OrderStatusIdCode = (typeof OrderStatusId)[keyof typeof OrderStatusId];

/** `order.paymentMethod`: 2 and 3 have meaning to PCK; any other value means prepaid. */
export const PaymentMethod = {
  /** Any value other than 2 and 3 is prepaid; we send 1. */
  Prepaid: 1,
  CashOnDelivery: 2,
  Credit: 3,
} as const;
export type PaymentMethodCode = (typeof PaymentMethod)[keyof typeof PaymentMethod];

/** `discount.priceType`: which base price `priceAdjustment` applies to. */
export const PriceType = {
  DiscountOnly: 0,
  Netprice: 1,
  Costprice: 2,
  AlternativePrice2: 3,
  PurchasePrice: 4,
  SuggestedPrice: 5,
  AlternativePrice: 6,
  /** Not usable on the web (floating price in PCK). */
  AveragePurchasePrice: 7,
  Price1: 8,
  Price2: 9,
  Price3: 10,
  Price4: 11,
  Price5: 12,
  Price6: 13,
  Price7: 14,
  Price8: 15,
  Price9: 16,
  Price10: 17,
} as const;
export type PriceTypeCode = (typeof PriceType)[keyof typeof PriceType];

/** Special `orderLineId`s PCK uses for the freight and extra-cost lines. */
export const SpecialOrderLineId = { Freight: -10, ExtraCost: -11 } as const;

/** `sendImage.articleid` value meaning "this is the company logo". */
export const COMPANY_LOGO_ARTICLE_ID = -10;
