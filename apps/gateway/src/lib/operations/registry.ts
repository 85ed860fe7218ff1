import { manufacturerKey, productKey, variantKey } from '@pcknop/field-mapping';
import { type CreateDeltasWebshopResponse, type CreditApplicantsReturn } from '@pcknop/pck-contract';
import { GatewayError, GatewayErrorCode } from '../gateway.exception';
import { creditOrder } from './credit-order';
import { getOrders } from './get-orders';
import { checkImageSize } from './image-size';
import type { OperationRegistry } from './operation-context';
import {
  getAllPaymentTypes,
  getArticleURL,
  getOrderInfoURL,
  getReceiptURL,
  getStatus,
  getWelcomeMailTemplate,
} from './shop-info';
import { stageCatalogueCall, stageCustomerInfo, stageDiscount } from './stage-catalogue-call';
import { updateOrderStatus } from './update-order-status';
import { updatePackageInfo } from './update-package-info';

const notSupported = (instructions: string) => new GatewayError(GatewayErrorCode.NotSupported, instructions).toResult();

/** Every WebshopWS operation → its handler. `satisfies` keeps it exhaustive: a new operation must be added here. */
export const OPERATIONS = {
  createWebshop: {
    public: true,
    async handle(): Promise<CreateDeltasWebshopResponse> {
      return {
        deltasoftId: 0,
        insertUpdate: notSupported(
          'Nettbutikken opprettes av leverandøren av integrasjonen. Bruk innloggingen (login og passord) du har fått derfra under Webshop oppsett i PCKasse.',
        ),
      };
    },
  },
  sendArticle: {
    deadline: 'db',
    entityKey: (p) => productKey(p.article.articleId),
    handle: (ctx, p) =>
      stageCatalogueCall(
        ctx,
        { operation: 'sendArticle', article: p.article },
        p.article.articleId,
        p.article.timestamp,
      ),
  },
  sendImage: {
    deadline: 'db',
    entityKey: (p) => `img:a:${p.articleid}`,
    handle: async (ctx, p) => {
      checkImageSize(ctx, p.image);
      return stageCatalogueCall(
        ctx,
        { operation: 'sendImage', image: p.image, articleid: p.articleid },
        p.articleid,
        undefined,
      );
    },
  },
  sendImageColor: {
    deadline: 'db',
    entityKey: (p) => `img:a:${p.articleid}:c:${p.colorid}:${p.imageid}`,
    handle: async (ctx, p) => {
      checkImageSize(ctx, p.image);
      return stageCatalogueCall(
        ctx,
        { operation: 'sendImageColor', image: p.image, articleid: p.articleid, colorid: p.colorid, imageid: p.imageid },
        p.articleid,
        undefined,
      );
    },
  },
  sendArticleGroup: {
    deadline: 'db',
    entityKey: (p) => `g${p.articleGroup.groupNumber ?? 1}:${p.articleGroup.arcileGroupId}`,
    handle: (ctx, p) =>
      stageCatalogueCall(
        ctx,
        { operation: 'sendArticleGroup', articleGroup: p.articleGroup },
        p.articleGroup.arcileGroupId,
        p.articleGroup.timestamp,
      ),
  },
  sendManufacturer: {
    deadline: 'db',
    entityKey: (p) => manufacturerKey(p.manufacturer.manufacturerId),
    handle: (ctx, p) =>
      stageCatalogueCall(
        ctx,
        { operation: 'sendManufacturer', manufacturer: p.manufacturer },
        p.manufacturer.manufacturerId,
        p.manufacturer.timestamp,
      ),
  },
  sendSize: {
    deadline: 'db',
    entityKey: (p) => `size:${p.size.sizeId}`,
    handle: (ctx, p) =>
      stageCatalogueCall(ctx, { operation: 'sendSize', size: p.size }, p.size.sizeId, p.size.timestamp),
  },
  sendColor: {
    deadline: 'db',
    entityKey: (p) => `color:${p.color.colorId}`,
    handle: (ctx, p) =>
      stageCatalogueCall(ctx, { operation: 'sendColor', color: p.color }, p.color.colorId, p.color.timestamp),
  },
  sendProductLine: {
    deadline: 'db',
    entityKey: (p) => `pl:${p.productLine.id}`,
    handle: (ctx, p) =>
      stageCatalogueCall(
        ctx,
        { operation: 'sendProductLine', productLine: p.productLine },
        p.productLine.id,
        undefined,
      ),
  },
  updateStockCount: {
    deadline: 'db',
    entityKey: (p) =>
      p.updateStock.sizeColorId
        ? variantKey(p.updateStock.articleId, p.updateStock.sizeColorId)
        : productKey(p.updateStock.articleId),
    handle: (ctx, p) =>
      stageCatalogueCall(
        ctx,
        { operation: 'updateStockCount', updateStock: p.updateStock },
        p.updateStock.articleId,
        p.updateStock.timestamp,
      ),
  },
  removeAricle: {
    deadline: 'db',
    entityKey: (p) => productKey(p.articleid),
    handle: (ctx, p) =>
      stageCatalogueCall(ctx, { operation: 'removeAricle', articleid: p.articleid }, p.articleid, undefined),
  },
  removeArticle: {
    deadline: 'db',
    entityKey: (p) => productKey(p.articleid),
    handle: (ctx, p) =>
      stageCatalogueCall(ctx, { operation: 'removeArticle', articleid: p.articleid }, p.articleid, undefined),
  },
  sendDiscount: { deadline: 'db', entityKey: (p) => `d:${p.discount.discountId}`, handle: stageDiscount },
  sendCustomerInfo: {
    deadline: 'db',
    entityKey: (p) => `c:${p.customerInfo.pckCustomerId ?? 0}`,
    handle: stageCustomerInfo,
  },
  getOrders: { deadline: 'db', handle: getOrders },
  updateOrderStatus: {
    deadline: 'shop',
    entityKey: (p) => `o:${p.updateOrder.deltaOrderId}:${p.updateOrder.orderStatusId}`,
    handle: updateOrderStatus,
  },
  updatePackageInfo: { deadline: 'shop', entityKey: (p) => `send:${p.sentid}`, handle: updatePackageInfo },
  creditOrder: { deadline: 'shop', entityKey: (p) => `o:${p.orderId}`, handle: creditOrder },
  getAllPaymentTypes: { deadline: 'db', handle: (ctx) => getAllPaymentTypes(ctx) },
  getCreditApplicants: {
    deadline: 'db',
    async handle(): Promise<CreditApplicantsReturn> {
      return {
        insertUpdate: notSupported(
          'Kredittsøkere fra nettbutikken kan ikke hentes; opprett kredittkunder direkte i PCKasse.',
        ),
        listCustomers: [],
      };
    },
  },
  getStatus: { deadline: 'db', handle: (ctx) => getStatus(ctx) },
  getWelcomeMailTemplate: { deadline: 'db', handle: () => getWelcomeMailTemplate() },
  getReceiptURL: { deadline: 'db', handle: (ctx, p) => getReceiptURL(ctx, p.orderid) },
  getArticleURL: { deadline: 'db', handle: (ctx, p) => getArticleURL(ctx, p.pckid) },
  getOrderInfoURL: { deadline: 'db', handle: (ctx, p) => getOrderInfoURL(ctx, p.orderid) },
} satisfies OperationRegistry;
