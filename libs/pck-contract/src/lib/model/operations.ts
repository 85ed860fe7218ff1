import type { Decimal } from 'decimal.js';
import type { Article, ArticleGroup, Color, Manufacturer, ProductLine, Size, UpdateStock } from './catalogue';
import type { CreditApplicantsReturn, CustomerInfo, Discount } from './customers';
import type { InsertUpdateResponse } from './insert-update-response';
import type { OrderLineUpdate, UpdateOrder, UpdateOrderResponse, WebOrdersReturn } from './orders';
import type { CreateDeltasWebshopResponse, GetPaymentTypesResponse, MailTemplate, Status, WebCompany } from './shop';

/** Every operation except createWebshop carries these first. */
export interface Credentials {
  login: number;
  password: string;
}

export interface CreateWebshopRequest {
  webcompany: WebCompany;
}
export interface SendArticleRequest extends Credentials {
  article: Article;
}
export interface SendImageRequest extends Credentials {
  /** jpeg/png/gif bytes; absent or empty = delete the image. */
  image?: Uint8Array;
  /** -10 = company logo. */
  articleid: number;
}
export interface SendImageColorRequest extends Credentials {
  /** Absent or empty = delete this image. */
  image?: Uint8Array;
  articleid: number;
  /** 0 = extra gallery image not tied to a colour. */
  colorid: number;
  imageid: number;
}
export interface SendArticleGroupRequest extends Credentials {
  articleGroup: ArticleGroup;
}
export interface SendManufacturerRequest extends Credentials {
  manufacturer: Manufacturer;
}
export interface SendSizeRequest extends Credentials {
  size: Size;
}
export interface SendColorRequest extends Credentials {
  color: Color;
}
/** S1 names the wire parameter `size` (sic); `productLine` is accepted too. */
export interface SendProductLineRequest extends Credentials {
  productLine: ProductLine;
}
export interface UpdateStockCountRequest extends Credentials {
  updateStock: UpdateStock;
}
/** removeAricle (what PCK calls today) and removeArticle. */
export interface RemoveArticleRequest extends Credentials {
  articleid: number;
}
export interface GetOrdersRequest extends Credentials {
  /** `<computer>\<user>{orderversion:2}`; old PCK omits the suffix. */
  computerName?: string;
}
export interface UpdateOrderStatusRequest extends Credentials {
  updateOrder: UpdateOrder;
}
export interface UpdatePackageInfoRequest extends Credentials {
  packageNo?: string;
  transporterName?: string;
  packtrackURL?: string;
  message?: string;
  /** Same as updateOrder.sendId. */
  sentid: number;
}
export interface CreditOrderRequest extends Credentials {
  orderId: number;
  /** Wire `orderLine` (S1); `orderLines` is accepted. */
  orderLine: OrderLineUpdate[];
  /** Additional amount beyond the listed lines. */
  amount?: Decimal;
  /** Message to the customer. */
  reason?: string;
  /**
   * PCK's id of this credit, where a PCK version sends one (not in the v1.98 document): the credit's idempotency key.
   * Without it, two identical credits can only be told apart by time (see the gateway's creditOrder).
   */
  sendId?: number;
}
export type GetAllPaymentTypesRequest = Credentials;
export type GetCreditApplicantsRequest = Credentials;
export interface SendCustomerInfoRequest extends Credentials {
  customerInfo: CustomerInfo;
}
export interface SendDiscountRequest extends Credentials {
  discount: Discount;
}
export type GetStatusRequest = Credentials;
export type GetWelcomeMailTemplateRequest = Credentials;
export interface GetReceiptURLRequest extends Credentials {
  orderid: number;
}
export interface GetArticleURLRequest extends Credentials {
  pckid: number;
}
export interface GetOrderInfoURLRequest extends Credentials {
  orderid: number;
}

/** Request payload and `<return>` value type of every operation, keyed by the wire operation name. */
export interface OperationMap {
  createWebshop: { request: CreateWebshopRequest; response: CreateDeltasWebshopResponse };
  sendArticle: { request: SendArticleRequest; response: InsertUpdateResponse };
  sendImage: { request: SendImageRequest; response: InsertUpdateResponse };
  sendImageColor: { request: SendImageColorRequest; response: InsertUpdateResponse };
  sendArticleGroup: { request: SendArticleGroupRequest; response: InsertUpdateResponse };
  sendManufacturer: { request: SendManufacturerRequest; response: InsertUpdateResponse };
  sendSize: { request: SendSizeRequest; response: InsertUpdateResponse };
  sendColor: { request: SendColorRequest; response: InsertUpdateResponse };
  sendProductLine: { request: SendProductLineRequest; response: InsertUpdateResponse };
  updateStockCount: { request: UpdateStockCountRequest; response: InsertUpdateResponse };
  removeAricle: { request: RemoveArticleRequest; response: InsertUpdateResponse };
  removeArticle: { request: RemoveArticleRequest; response: InsertUpdateResponse };
  getOrders: { request: GetOrdersRequest; response: WebOrdersReturn };
  updateOrderStatus: { request: UpdateOrderStatusRequest; response: UpdateOrderResponse };
  updatePackageInfo: { request: UpdatePackageInfoRequest; response: InsertUpdateResponse };
  creditOrder: { request: CreditOrderRequest; response: UpdateOrderResponse };
  getAllPaymentTypes: { request: GetAllPaymentTypesRequest; response: GetPaymentTypesResponse };
  getCreditApplicants: { request: GetCreditApplicantsRequest; response: CreditApplicantsReturn };
  sendCustomerInfo: { request: SendCustomerInfoRequest; response: InsertUpdateResponse };
  sendDiscount: { request: SendDiscountRequest; response: InsertUpdateResponse };
  getStatus: { request: GetStatusRequest; response: Status };
  getWelcomeMailTemplate: { request: GetWelcomeMailTemplateRequest; response: MailTemplate };
  getReceiptURL: { request: GetReceiptURLRequest; response: string };
  getArticleURL: { request: GetArticleURLRequest; response: string };
  getOrderInfoURL: { request: GetOrderInfoURLRequest; response: string };
}

export type OperationName = keyof OperationMap;
export type RequestOf<O extends OperationName> = OperationMap[O]['request'];
export type ResponseOf<O extends OperationName> = OperationMap[O]['response'];

/** All operation names, in S1's order. */
export const OPERATION_NAMES = [
  'createWebshop',
  'sendArticle',
  'sendImage',
  'sendImageColor',
  'sendArticleGroup',
  'sendManufacturer',
  'sendSize',
  'sendColor',
  'sendProductLine',
  'updateStockCount',
  'removeAricle',
  'removeArticle',
  'getOrders',
  'updateOrderStatus',
  'updatePackageInfo',
  'creditOrder',
  'getAllPaymentTypes',
  'getCreditApplicants',
  'sendCustomerInfo',
  'sendDiscount',
  'getStatus',
  'getWelcomeMailTemplate',
  'getReceiptURL',
  'getArticleURL',
  'getOrderInfoURL',
] as const satisfies readonly OperationName[];

export function isOperationName(name: string): name is OperationName {
  return (OPERATION_NAMES as readonly string[]).includes(name);
}
