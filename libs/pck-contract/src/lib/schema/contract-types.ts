import type {
  Alternative,
  Article,
  ArticleGroup,
  Color,
  Manufacturer,
  ProductLine,
  Size,
  SizeColor,
  StockDetail,
  UpdateStock,
} from '../model/catalogue';
import type { CreditApplicantsReturn, Customer, CustomerGroup, CustomerInfo, Discount } from '../model/customers';
import type { InsertUpdateResponse } from '../model/insert-update-response';
import type {
  DeliveredItemsAndCapturedPaymentInfo,
  Order,
  OrderLine,
  OrderLineUpdate,
  UpdateOrder,
  UpdateOrderResponse,
  WebOrdersReturn,
} from '../model/orders';
import type {
  CreateDeltasWebshopResponse,
  GetPaymentTypesResponse,
  MailTemplate,
  PaymentType,
  Status,
  WebCompany,
} from '../model/shop';
import { defineType, many, opt, req } from './schema-builder';

/*
 * The XSD of every class. Only identity keys and fields S1 calls required are `req` on types PCK
 * sends us; on types we send, value-type fields PCK relies on (ids, counts, money, flags) are `req`
 * so a generated .NET proxy always finds them, strings and nested objects are optional.
 */

export const insertUpdateResponseType = defineType<InsertUpdateResponse>('insertUpdateResponse', {
  deltaId: req.int(),
  errorHelpLink: opt.string(),
  errorMessage: opt.string(),
  humanErrorMessage: opt.string(),
  operationResult: req.int(),
});

export const alternativeType = defineType<Alternative>('alternative', {
  amountChange: opt.decimal(),
  description: opt.string(),
});

export const articleGroupType = defineType<ArticleGroup>('articleGroup', {
  arcileGroupId: req.int({ aliases: ['articleGroupId'] }),
  description: opt.string(),
  groupNumber: opt.int(),
  name: opt.string(),
  timestamp: opt.long(),
});

export const manufacturerType = defineType<Manufacturer>('manufacturer', {
  manufacturerId: req.int(),
  name: opt.string(),
  timestamp: opt.long(),
});

export const productLineType = defineType<ProductLine>('productLine', {
  id: req.int(),
  name: opt.string(),
  number: opt.int(),
});

export const sizeType = defineType<Size>('size', {
  name: opt.string(),
  sizeId: req.int(),
  timestamp: opt.long(),
});

export const colorType = defineType<Color>('color', {
  code: opt.string(),
  colorId: req.int(),
  name: opt.string(),
  timestamp: opt.long(),
});

export const stockDetailType = defineType<StockDetail>('stockDetail', {
  count: opt.int(),
  warehouseId: req.int(),
});

export const sizeColorType = defineType<SizeColor>('sizeColor', {
  color: opt.complex(() => colorType),
  confirmedDelivery: opt.boolean(),
  eans: many.string(),
  expectedDeliveryAmount: opt.int(),
  expectedDeliveryDate: opt.dateTime(),
  info: opt.string(),
  size: opt.complex(() => sizeType),
  sizeColorId: req.int(),
  sizeColorInUse: opt.boolean(),
  stockCount: opt.int({ aliases: ['stockCcount'] }),
  stockDetails: many.complex(() => stockDetailType),
  timestamp: opt.long(),
});

export const articleType = defineType<Article>('article', {
  alternativePrice: opt.decimal(),
  alternativePrice2: opt.decimal(),
  alternativeVat: opt.decimal(),
  alternatives: many.complex(() => alternativeType),
  articleGroup: opt.complex(() => articleGroupType),
  articleGroup2: opt.complex(() => articleGroupType),
  articleGroup3: opt.complex(() => articleGroupType),
  articleId: req.int(),
  articleNo: opt.string(),
  articleStatus: opt.int(),
  articleWebAction: opt.int(),
  autoOpenAlternatives: opt.boolean(),
  confirmedDelivery: opt.boolean(),
  costPrice: opt.decimal(),
  description: opt.string(),
  discount: opt.decimal(),
  discountFrom: opt.long(),
  discountTo: opt.long(),
  eans: many.string(),
  expectedDeliveryAmount: opt.int(),
  expectedDeliveryDate: opt.dateTime(),
  externalGroupId: opt.int(),
  externalGroupId2: opt.int(),
  externalLink: opt.string(),
  height: opt.decimal(),
  hideWhenOutOfStock: opt.boolean(),
  info1: opt.string(),
  info2: opt.string(),
  info3: opt.string(),
  length: opt.decimal(),
  manufacturer: opt.complex(() => manufacturerType),
  manufacturerArticleNo: opt.string(),
  name: opt.string(),
  noDiscount: opt.boolean(),
  nonStockItem: opt.boolean(),
  nonStockItemDays: opt.int(),
  price1: opt.decimal(),
  price10: opt.decimal(),
  price2: opt.decimal(),
  price3: opt.decimal(),
  price4: opt.decimal(),
  price5: opt.decimal(),
  price6: opt.decimal(),
  price7: opt.decimal(),
  price8: opt.decimal(),
  price9: opt.decimal(),
  productLine: opt.complex(() => productLineType),
  purchasePrice: opt.decimal(),
  recommendedProduct: opt.boolean(),
  salesPrice: opt.decimal(),
  shippingType: opt.int(),
  sizeColorInUse: opt.boolean(),
  sizeColors: many.complex(() => sizeColorType),
  stockCount: opt.int({ aliases: ['stockCcount'] }),
  stockDetails: many.complex(() => stockDetailType),
  storePrice: opt.decimal(),
  subtitle: opt.string(),
  suggestedPrice: opt.decimal(),
  timestamp: opt.long(),
  unitCode: opt.string(),
  unitPricingQuantity: opt.decimal(),
  unitPricingUnitCode: opt.string(),
  vat: opt.decimal(),
  visibleOnWeb: opt.boolean(),
  volume: opt.decimal(),
  webshippingPrice: opt.decimal(),
  webstockLimit: opt.int(),
  weight: opt.decimal(),
  width: opt.decimal(),
});

export const updateStockType = defineType<UpdateStock>('updateStock', {
  articleId: req.int(),
  confirmedDelivery: opt.boolean(),
  count: req.int(),
  expectedDeliveryAmount: opt.int(),
  expectedDeliveryDate: opt.dateTime(),
  sizeColorId: opt.int(),
  stockDetails: many.complex(() => stockDetailType),
  timestamp: opt.long(),
});

export const deliveredItemsType = defineType<DeliveredItemsAndCapturedPaymentInfo>(
  'deliveredItemsAndCapturedPaymentInfo',
  {
    amount: req.decimal(),
    authorzationId: opt.string(),
    extraCost: req.decimal(),
    freightCost: req.decimal(),
    paymentMethod: opt.string(),
  },
);

export const orderLineType = defineType<OrderLine>('orderLine', {
  articleId: req.int(),
  count: req.int(),
  discount: req.decimal(),
  info: opt.string({ aliases: ['into', 'Info'] }),
  orderLineId: req.int(),
  price: req.decimal(),
  qty: opt.decimal(),
  sizeColorId: opt.int(),
  warehouseId: opt.int(),
});

export const orderType = defineType<Order>('order', {
  alternativeTax: req.boolean(),
  contactAddressline1: opt.string(),
  contactAddressline2: opt.string(),
  contactId: req.int(),
  contactName: opt.string(),
  contactPostCity: opt.string(),
  contactPostNo: opt.string(),
  deliveredItemsAndCapturedPaymentInfo: opt.complex(() => deliveredItemsType),
  deliveryAddressLine1: opt.string(),
  deliveryAddressLine2: opt.string(),
  deliveryEmail: opt.string(),
  deliveryName: opt.string(),
  deliveryPhone: opt.string(),
  deliveryPostCity: opt.string(),
  deliveryPostNo: opt.string(),
  deltaOrderId: req.int(),
  email: opt.string(),
  extraCost: req.decimal(),
  extraCostDescription: opt.string(),
  freightCost: req.decimal(),
  freightCostDescription: opt.string(),
  message: opt.string(),
  orderLines: many.complex(() => orderLineType),
  paymentMethod: req.int(),
  phone: opt.string(),
  reference: opt.string(),
  storePickup: req.boolean(),
  taxExempt: req.boolean(),
  wantedDeliveryTime: opt.dateTime({ aliases: ['WantedDeliveryTime'] }),
});

export const webOrdersReturnType = defineType<WebOrdersReturn>('webOrdersReturn', {
  insertUpdate: req.complex(() => insertUpdateResponseType),
  listWebOrders: many.complex(() => orderType),
});

export const orderLineUpdateType = defineType<OrderLineUpdate>('orderLineUpdate', {
  amount: req.int(),
  info: opt.string({ aliases: ['Info', 'into'] }),
  orderLineId: req.int(),
  qty: opt.decimal(),
});

export const updateOrderType = defineType<UpdateOrder>('updateOrder', {
  deltaOrderId: req.int(),
  message: opt.string(),
  orderLines: many.complex(() => orderLineUpdateType),
  orderStatusId: req.int(),
  packageNo: opt.string(),
  packtrackURL: opt.string(),
  sendId: opt.int(),
  timestamp: opt.long(),
  transporterName: opt.string(),
});

export const updateOrderResponseType = defineType<UpdateOrderResponse>('updateOrderResponse', {
  amount: req.decimal(),
  authorzationId: opt.string(),
  extraCost: req.decimal(),
  freightCost: req.decimal(),
  insertUpdate: req.complex(() => insertUpdateResponseType),
  paymentMethod: opt.string(),
});

export const customerType = defineType<Customer>('customer', {
  contactId: req.int(),
  email: opt.string(),
  fax: opt.string(),
  invoiceAddress: opt.string(),
  invoiceAddress2: opt.string(),
  invoiceOnEmail: req.boolean(),
  invoicePostCity: opt.string(),
  invoicePostNo: opt.string(),
  name: opt.string(),
  orgNo: opt.string(),
  phone1: opt.string(),
});

export const creditApplicantsReturnType = defineType<CreditApplicantsReturn>('creditApplicantsReturn', {
  insertUpdate: req.complex(() => insertUpdateResponseType),
  listCustomers: many.complex(() => customerType),
});

export const customerGroupType = defineType<CustomerGroup>('customerGroup', {
  customerGroupId: req.int(),
  name: opt.string(),
});

export const discountType = defineType<Discount>('discount', {
  articleId: opt.int(),
  category2Id: opt.int(),
  categoryId: opt.int(),
  count: opt.int(),
  customerGroupId: opt.int(),
  customerId: opt.int(),
  deleteDiscount: opt.boolean(),
  discount: opt.decimal({ aliases: ['discount1'] }),
  discountId: req.int(),
  manufacturerId: opt.int(),
  priceAdjustment: opt.decimal(),
  priceType: opt.int(),
  validUntil: opt.dateTime(),
});

export const customerInfoType = defineType<CustomerInfo>('customerInfo', {
  address1: opt.string(),
  address2: opt.string(),
  countryCode: opt.int(),
  creditApproved: opt.boolean(),
  customerGroup: opt.complex(() => customerGroupType),
  deltaCustomerId: opt.int(),
  email: opt.string(),
  listDiscounts: many.complex(() => discountType),
  name: opt.string(),
  orgNo: opt.string(),
  pckCustomerId: opt.int(),
  phoneNo: opt.string(),
  postCity: opt.string(),
  postNo: opt.string(),
  welcomeMessage: opt.string(),
});

export const paymentTypeType = defineType<PaymentType>('paymentType', {
  name: opt.string(),
  paymentId: req.int(),
});

export const getPaymentTypesResponseType = defineType<GetPaymentTypesResponse>('getPaymentTypesResponse', {
  insertUpdate: req.complex(() => insertUpdateResponseType),
  payments: many.complex(() => paymentTypeType),
});

export const statusType = defineType<Status>('status', {
  creditApplicants: req.int(),
  message: opt.string(),
  onlineCustomers: req.int(),
  operationResult: req.int(),
  orders: req.int(),
});

export const mailTemplateType = defineType<MailTemplate>('mailTemplate', {
  footer: opt.string(),
  header: opt.string(),
  mesage: opt.string(),
});

export const webCompanyType = defineType<WebCompany>('webCompany', {
  deliveryAddressLine1: opt.string(),
  deliveryAddressLine2: opt.string(),
  deliveryCity: opt.string(),
  deliveryZipCode: opt.string(),
  demo: opt.boolean(),
  email: opt.string(),
  emailWebshopInfo: opt.string(),
  fax: opt.string(),
  invoiceAddressLine1: opt.string(),
  invoiceAddressLine2: opt.string(),
  invoiceCity: opt.string(),
  invoiceZipCode: opt.string(),
  legalName: opt.string(),
  licenseNo: opt.string(),
  name: opt.string(),
  orgNo: opt.string(),
  password: opt.string(),
  phone: opt.string(),
  postAddressLine1: opt.string(),
  postAddressLine2: opt.string(),
  postCity: opt.string(),
  postZipCode: opt.string(),
});

export const createDeltasWebshopResponseType = defineType<CreateDeltasWebshopResponse>('createDeltasWebshopResponse', {
  adminUserName: opt.string(),
  adminUserPassword: opt.string(),
  deltasoftId: req.int(),
  insertUpdate: req.complex(() => insertUpdateResponseType),
  password: opt.string(),
});
