import type { OperationName, RequestOf } from '../model/operations';
import * as t from './contract-types';
import { defineWrapper, opt, req, type FieldDef, type FieldsOf, type TypeDef } from './schema-builder';

export interface OperationDef {
  readonly name: OperationName;
  /** The request wrapper element's type (parameters in signature order). */
  readonly request: TypeDef<unknown>;
  /** The single `<return>` child of `{name}Response`. */
  readonly result: FieldDef;
  /** Whether the result can carry an error (insertUpdate / status.operationResult). */
  readonly errorChannel: 'insertUpdate' | 'status' | 'none';
}

const credentials = { login: req.int(), password: req.string() } as const;

function wrapper<O extends OperationName>(name: O, fields: Omit<FieldsOf<RequestOf<O>>, 'login' | 'password'>) {
  return defineWrapper<RequestOf<O>>(name, { ...credentials, ...fields } as unknown as FieldsOf<RequestOf<O>>);
}

const insertUpdate = req.complex(() => t.insertUpdateResponseType);
const url = opt.string();

const removeArticleFields = { articleid: req.int() };

export const OPERATIONS: { readonly [O in OperationName]: OperationDef } = {
  createWebshop: {
    name: 'createWebshop',
    request: defineWrapper<RequestOf<'createWebshop'>>('createWebshop', {
      webcompany: req.complex(() => t.webCompanyType),
    }),
    result: req.complex(() => t.createDeltasWebshopResponseType),
    errorChannel: 'insertUpdate',
  },
  sendArticle: {
    name: 'sendArticle',
    request: wrapper('sendArticle', { article: req.complex(() => t.articleType) }),
    result: insertUpdate,
    errorChannel: 'insertUpdate',
  },
  sendImage: {
    name: 'sendImage',
    request: wrapper('sendImage', { image: opt.base64(), articleid: req.int() }),
    result: insertUpdate,
    errorChannel: 'insertUpdate',
  },
  sendImageColor: {
    name: 'sendImageColor',
    request: wrapper('sendImageColor', {
      image: opt.base64(),
      articleid: req.int(),
      colorid: req.int(),
      imageid: req.int(),
    }),
    result: insertUpdate,
    errorChannel: 'insertUpdate',
  },
  sendArticleGroup: {
    name: 'sendArticleGroup',
    request: wrapper('sendArticleGroup', { articleGroup: req.complex(() => t.articleGroupType) }),
    result: insertUpdate,
    errorChannel: 'insertUpdate',
  },
  sendManufacturer: {
    name: 'sendManufacturer',
    request: wrapper('sendManufacturer', { manufacturer: req.complex(() => t.manufacturerType) }),
    result: insertUpdate,
    errorChannel: 'insertUpdate',
  },
  sendSize: {
    name: 'sendSize',
    request: wrapper('sendSize', { size: req.complex(() => t.sizeType) }),
    result: insertUpdate,
    errorChannel: 'insertUpdate',
  },
  sendColor: {
    name: 'sendColor',
    request: wrapper('sendColor', { color: req.complex(() => t.colorType) }),
    result: insertUpdate,
    errorChannel: 'insertUpdate',
  },
  sendProductLine: {
    name: 'sendProductLine',
    // S1's signature is `sendProductLine(login, password, size As productLine)`: every other S1
    // signature matches the wire, so we mirror `size` and also accept `productLine`.
    request: wrapper('sendProductLine', {
      productLine: req.complex(() => t.productLineType, { wire: 'size', aliases: ['productLine'] }),
    }),
    result: insertUpdate,
    errorChannel: 'insertUpdate',
  },
  updateStockCount: {
    name: 'updateStockCount',
    request: wrapper('updateStockCount', { updateStock: req.complex(() => t.updateStockType) }),
    result: insertUpdate,
    errorChannel: 'insertUpdate',
  },
  removeAricle: {
    name: 'removeAricle',
    request: wrapper('removeAricle', removeArticleFields),
    result: insertUpdate,
    errorChannel: 'insertUpdate',
  },
  removeArticle: {
    name: 'removeArticle',
    request: wrapper('removeArticle', removeArticleFields),
    result: insertUpdate,
    errorChannel: 'insertUpdate',
  },
  getOrders: {
    name: 'getOrders',
    request: wrapper('getOrders', { computerName: opt.string() }),
    result: req.complex(() => t.webOrdersReturnType),
    errorChannel: 'insertUpdate',
  },
  updateOrderStatus: {
    name: 'updateOrderStatus',
    request: wrapper('updateOrderStatus', { updateOrder: req.complex(() => t.updateOrderType) }),
    result: req.complex(() => t.updateOrderResponseType),
    errorChannel: 'insertUpdate',
  },
  updatePackageInfo: {
    name: 'updatePackageInfo',
    request: wrapper('updatePackageInfo', {
      packageNo: opt.string(),
      transporterName: opt.string(),
      packtrackURL: opt.string(),
      message: opt.string(),
      sentid: req.int(),
    }),
    result: insertUpdate,
    errorChannel: 'insertUpdate',
  },
  creditOrder: {
    name: 'creditOrder',
    request: wrapper('creditOrder', {
      orderId: req.int(),
      orderLine: { ...opt.complex(() => t.orderLineUpdateType), array: true, aliases: ['orderLines'] },
      amount: opt.decimal(),
      reason: opt.string(),
      sendId: opt.int(),
    }),
    result: req.complex(() => t.updateOrderResponseType),
    errorChannel: 'insertUpdate',
  },
  getAllPaymentTypes: {
    name: 'getAllPaymentTypes',
    request: wrapper('getAllPaymentTypes', {}),
    result: req.complex(() => t.getPaymentTypesResponseType),
    errorChannel: 'insertUpdate',
  },
  getCreditApplicants: {
    name: 'getCreditApplicants',
    request: wrapper('getCreditApplicants', {}),
    result: req.complex(() => t.creditApplicantsReturnType),
    errorChannel: 'insertUpdate',
  },
  sendCustomerInfo: {
    name: 'sendCustomerInfo',
    request: wrapper('sendCustomerInfo', { customerInfo: req.complex(() => t.customerInfoType) }),
    result: insertUpdate,
    errorChannel: 'insertUpdate',
  },
  sendDiscount: {
    name: 'sendDiscount',
    request: wrapper('sendDiscount', { discount: req.complex(() => t.discountType) }),
    result: insertUpdate,
    errorChannel: 'insertUpdate',
  },
  getStatus: {
    name: 'getStatus',
    request: wrapper('getStatus', {}),
    result: req.complex(() => t.statusType),
    errorChannel: 'status',
  },
  getWelcomeMailTemplate: {
    name: 'getWelcomeMailTemplate',
    request: wrapper('getWelcomeMailTemplate', {}),
    result: req.complex(() => t.mailTemplateType),
    errorChannel: 'none',
  },
  getReceiptURL: {
    name: 'getReceiptURL',
    request: wrapper('getReceiptURL', { orderid: req.int() }),
    result: url,
    errorChannel: 'none',
  },
  getArticleURL: {
    name: 'getArticleURL',
    request: wrapper('getArticleURL', { pckid: req.int() }),
    result: url,
    errorChannel: 'none',
  },
  getOrderInfoURL: {
    name: 'getOrderInfoURL',
    request: wrapper('getOrderInfoURL', { orderid: req.int() }),
    result: url,
    errorChannel: 'none',
  },
};
