import { TwinDeletionTarget } from '../model/deletion';
import { TwinBatchMode } from '../model/header';
import { TwinImageOwner } from '../model/image';
import { TwinOrderLineKind, TwinOrderStatus } from '../model/order';
import { TwinAvailability } from '../model/product';
import { TwinReceiptStatus } from '../model/receipt';
import { TwinRecordKind } from '../model/record-kind';
import type { TwinDocument, TwinTrailer } from '../model/document';
import { categoryRules, deletionRules, imageRules, orderRules, productRules, type Report } from './record-rules';
import { enumScalar, scalars as s, type Scalar } from './scalars';

/**
 * The TwinXML 1 schema as data: element names, order, occurrence and types. The encoder, the
 * decoders, the validator and the XSD generator all walk these descriptors.
 */
export type Occurs = 'one' | 'optional' | 'many' | 'some';

export interface FieldSpec {
  /** Element name on the wire. */
  el: string;
  /** Property name in the model. */
  prop: string;
  type: Scalar | ComplexSpec;
  occurs: Occurs;
}

export interface ComplexSpec {
  /** XSD complex type name. */
  name: string;
  fields: readonly FieldSpec[];
  /** Element names of which exactly one must appear (an xs:choice); they must be adjacent in `fields`. */
  choice?: readonly string[];
  // Rules see the decoded (or in-memory) object; each spec casts it to its model type.
  rules?: (value: never, path: string, report: Report) => void;
}

export function isComplex(type: Scalar | ComplexSpec): type is ComplexSpec {
  return 'fields' in type;
}

const one = (el: string, prop: string, type: Scalar | ComplexSpec): FieldSpec => ({ el, prop, type, occurs: 'one' });
const opt = (el: string, prop: string, type: Scalar | ComplexSpec): FieldSpec => ({
  el,
  prop,
  type,
  occurs: 'optional',
});
const many = (el: string, prop: string, type: Scalar | ComplexSpec): FieldSpec => ({ el, prop, type, occurs: 'many' });
const some = (el: string, prop: string, type: Scalar | ComplexSpec): FieldSpec => ({ el, prop, type, occurs: 'some' });

const enums = {
  mode: enumScalar('BatchMode', Object.values(TwinBatchMode)),
  availability: enumScalar('Availability', Object.values(TwinAvailability)),
  imageOwner: enumScalar('ImageOwner', Object.values(TwinImageOwner)),
  deletionTarget: enumScalar('DeletionTarget', Object.values(TwinDeletionTarget)),
  orderStatus: enumScalar('OrderStatus', Object.values(TwinOrderStatus)),
  lineKind: enumScalar('OrderLineKind', Object.values(TwinOrderLineKind)),
  receiptStatus: enumScalar('ReceiptStatus', Object.values(TwinReceiptStatus)),
  recordKind: enumScalar('RecordKind', Object.values(TwinRecordKind)),
};

export const headerSpec: ComplexSpec = {
  name: 'Header',
  fields: [
    one('SchemaVersion', 'schemaVersion', s.schemaVersion),
    one('SourceSystem', 'sourceSystem', s.key),
    one('Tenant', 'tenant', s.key),
    one('BatchId', 'batchId', s.key),
    one('Sequence', 'sequence', s.count),
    one('CreatedAt', 'createdAt', s.dateTime),
    one('Mode', 'mode', enums.mode),
    one('Currency', 'currency', s.currency),
    opt('Language', 'language', s.language),
  ],
};

export const categorySpec: ComplexSpec = {
  name: 'Category',
  fields: [
    one('Key', 'key', s.key),
    opt('ParentKey', 'parentKey', s.key),
    one('Level', 'level', s.level),
    one('Name', 'name', s.name),
    opt('Description', 'description', s.text),
    one('SortOrder', 'sortOrder', s.sortOrder),
    one('Published', 'published', s.boolean),
  ],
  rules: categoryRules as ComplexSpec['rules'],
};

export const manufacturerSpec: ComplexSpec = {
  name: 'Manufacturer',
  fields: [
    one('Key', 'key', s.key),
    one('Name', 'name', s.name),
    opt('Description', 'description', s.text),
    one('Published', 'published', s.boolean),
  ],
};

const offerSpec: ComplexSpec = {
  name: 'Offer',
  fields: [one('Price', 'price', s.money), opt('From', 'from', s.dateTime), opt('To', 'to', s.dateTime)],
};

const unitPricingSpec: ComplexSpec = {
  name: 'UnitPricing',
  fields: [
    one('Unit', 'unit', s.key),
    one('Amount', 'amount', s.measure),
    one('BaseUnit', 'baseUnit', s.key),
    one('BaseAmount', 'baseAmount', s.measure),
  ],
};

const dimensionsSpec: ComplexSpec = {
  name: 'Dimensions',
  fields: [one('Length', 'length', s.measure), one('Width', 'width', s.measure), one('Height', 'height', s.measure)],
};

const axisValueSpec: ComplexSpec = {
  name: 'AxisValue',
  fields: [one('Code', 'code', s.key), one('Name', 'name', s.name), opt('SortOrder', 'sortOrder', s.sortOrder)],
};

const variantSpec: ComplexSpec = {
  name: 'Variant',
  fields: [
    one('Key', 'key', s.key),
    one('Sku', 'sku', s.key),
    many('Gtin', 'gtins', s.gtin),
    opt('Colour', 'colour', axisValueSpec),
    opt('Size', 'size', axisValueSpec),
    opt('Price', 'price', s.money),
    opt('Stock', 'stock', s.quantity),
    one('Availability', 'availability', enums.availability),
    one('Discontinued', 'discontinued', s.boolean),
  ],
};

export const productSpec: ComplexSpec = {
  name: 'Product',
  fields: [
    one('Key', 'key', s.key),
    one('Sku', 'sku', s.key),
    many('Gtin', 'gtins', s.gtin),
    one('Name', 'name', s.name),
    opt('ShortDescription', 'shortDescription', s.text),
    opt('LongDescription', 'longDescription', s.text),
    one('VatRate', 'vatRate', s.rate),
    one('Price', 'price', s.money),
    opt('Cost', 'cost', s.money),
    opt('Offer', 'offer', offerSpec),
    opt('UnitPricing', 'unitPricing', unitPricingSpec),
    opt('Weight', 'weight', s.measure),
    opt('Dimensions', 'dimensions', dimensionsSpec),
    opt('Stock', 'stock', s.quantity),
    one('Published', 'published', s.boolean),
    one('HideWhenOutOfStock', 'hideWhenOutOfStock', s.boolean),
    many('CategoryKey', 'categoryKeys', s.key),
    many('ManufacturerKey', 'manufacturerKeys', s.key),
    many('Variant', 'variants', variantSpec),
  ],
  rules: productRules as ComplexSpec['rules'],
};

export const stockLevelSpec: ComplexSpec = {
  name: 'StockLevel',
  fields: [
    one('ProductKey', 'productKey', s.key),
    opt('VariantKey', 'variantKey', s.key),
    one('Warehouse', 'warehouse', s.key),
    one('OnHand', 'onHand', s.quantity),
    opt('Reserved', 'reserved', s.quantity),
    opt('Available', 'available', s.quantity),
    one('AsOf', 'asOf', s.dateTime),
  ],
};

export const imageSpec: ComplexSpec = {
  name: 'Image',
  fields: [
    one('OwnerKind', 'ownerKind', enums.imageOwner),
    one('OwnerKey', 'ownerKey', s.key),
    opt('Colour', 'colour', s.key),
    one('Position', 'position', s.position),
    one('ContentHash', 'contentHash', s.contentHash),
    one('MimeType', 'mimeType', s.mimeType),
    opt('AltText', 'altText', s.text),
    opt('Data', 'data', s.bytes),
    opt('Uri', 'uri', s.uri),
  ],
  choice: ['Data', 'Uri'],
  rules: imageRules as ComplexSpec['rules'],
};

export const deletionSpec: ComplexSpec = {
  name: 'Deletion',
  fields: [
    one('Target', 'target', enums.deletionTarget),
    one('Key', 'key', s.recordKey),
    opt('ParentKey', 'parentKey', s.key),
    one('DeletedAt', 'deletedAt', s.dateTime),
    opt('Reason', 'reason', s.text),
  ],
  rules: deletionRules as ComplexSpec['rules'],
};

const customerSpec: ComplexSpec = {
  name: 'Customer',
  fields: [
    opt('Key', 'key', s.key),
    one('Email', 'email', s.name),
    opt('FirstName', 'firstName', s.name),
    opt('LastName', 'lastName', s.name),
    opt('Company', 'company', s.name),
    opt('OrganisationNumber', 'organisationNumber', s.key),
    opt('Phone', 'phone', s.name),
  ],
};

const addressSpec: ComplexSpec = {
  name: 'Address',
  fields: [
    opt('Name', 'name', s.name),
    opt('Company', 'company', s.name),
    one('Line1', 'line1', s.name),
    opt('Line2', 'line2', s.name),
    one('PostalCode', 'postalCode', s.key),
    one('City', 'city', s.name),
    one('CountryCode', 'countryCode', s.country),
    opt('Phone', 'phone', s.name),
    opt('Email', 'email', s.name),
  ],
};

const orderLineSpec: ComplexSpec = {
  name: 'OrderLine',
  fields: [
    one('LineId', 'lineId', s.key),
    one('Kind', 'kind', enums.lineKind),
    opt('Sku', 'sku', s.key),
    opt('ProductKey', 'productKey', s.key),
    opt('VariantKey', 'variantKey', s.key),
    one('Name', 'name', s.name),
    one('Quantity', 'quantity', s.quantity),
    one('UnitPrice', 'unitPrice', s.money),
    one('VatRate', 'vatRate', s.rate),
    one('Discount', 'discount', s.money),
  ],
};

const paymentSpec: ComplexSpec = {
  name: 'Payment',
  fields: [
    one('Method', 'method', s.name),
    opt('TransactionRef', 'transactionRef', s.key),
    opt('Authorised', 'authorised', s.money),
    one('Captured', 'captured', s.money),
  ],
};

export const orderSpec: ComplexSpec = {
  name: 'Order',
  fields: [
    one('Key', 'key', s.key),
    opt('OrderNumber', 'orderNumber', s.key),
    one('CreatedAt', 'createdAt', s.dateTime),
    opt('PaidAt', 'paidAt', s.dateTime),
    one('Status', 'status', enums.orderStatus),
    one('Customer', 'customer', customerSpec),
    one('InvoiceAddress', 'invoiceAddress', addressSpec),
    opt('DeliveryAddress', 'deliveryAddress', addressSpec),
    some('Line', 'lines', orderLineSpec),
    one('Payment', 'payment', paymentSpec),
    one('Total', 'total', s.money),
    opt('Note', 'note', s.text),
  ],
  rules: orderRules as ComplexSpec['rules'],
};

const orderStatusLineSpec: ComplexSpec = {
  name: 'OrderStatusLine',
  fields: [one('LineId', 'lineId', s.key), one('Quantity', 'quantity', s.quantity)],
};

export const orderStatusSpec: ComplexSpec = {
  name: 'OrderStatusUpdate',
  fields: [
    one('OrderKey', 'orderKey', s.key),
    one('Status', 'status', enums.orderStatus),
    one('At', 'at', s.dateTime),
    opt('Message', 'message', s.text),
    opt('Carrier', 'carrier', s.name),
    opt('TrackingNumber', 'trackingNumber', s.key),
    opt('TrackingUrl', 'trackingUrl', s.uri),
    opt('CapturedAmount', 'capturedAmount', s.money),
    many('Line', 'lines', orderStatusLineSpec),
  ],
};

export const receiptSpec: ComplexSpec = {
  name: 'Receipt',
  fields: [
    one('Kind', 'kind', enums.recordKind),
    one('Key', 'key', s.recordKey),
    one('Status', 'status', enums.receiptStatus),
    opt('Code', 'code', s.key),
    opt('TargetId', 'targetId', s.key),
    opt('TechnicalMessage', 'technicalMessage', s.text),
    opt('HumanMessage', 'humanMessage', s.text),
  ],
};

export const trailerSpec: ComplexSpec = {
  name: 'Trailer',
  fields: (
    [
      ['Categories', 'categories'],
      ['Manufacturers', 'manufacturers'],
      ['Products', 'products'],
      ['Variants', 'variants'],
      ['StockLevels', 'stockLevels'],
      ['Images', 'images'],
      ['Deletions', 'deletions'],
      ['Orders', 'orders'],
      ['OrderStatusUpdates', 'orderStatusUpdates'],
      ['Receipts', 'receipts'],
      ['Total', 'total'],
    ] as const satisfies readonly (readonly [string, keyof TwinTrailer])[]
  ).map(([el, prop]) => one(el, prop, s.count)),
};

/** Kind of a section's records: a record kind, or `receipt`. */
export type TwinSectionKind = TwinRecordKind | 'receipt';

export interface SectionSpec {
  kind: TwinSectionKind;
  /** Section element, e.g. `Products`. */
  el: string;
  /** Record element, e.g. `Product`. */
  item: string;
  prop: Exclude<keyof TwinDocument, 'header'>;
  record: ComplexSpec;
  wrapper: ComplexSpec;
}

function section(
  kind: TwinSectionKind,
  el: string,
  item: string,
  prop: SectionSpec['prop'],
  record: ComplexSpec,
): SectionSpec {
  return { kind, el, item, prop, record, wrapper: { name: el, fields: [many(item, 'items', record)] } };
}

/** Sections in wire order (dependency order: what others refer to comes first). */
export const SECTIONS: readonly SectionSpec[] = [
  section(TwinRecordKind.Category, 'Categories', 'Category', 'categories', categorySpec),
  section(TwinRecordKind.Manufacturer, 'Manufacturers', 'Manufacturer', 'manufacturers', manufacturerSpec),
  section(TwinRecordKind.Product, 'Products', 'Product', 'products', productSpec),
  section(TwinRecordKind.Stock, 'StockLevels', 'StockLevel', 'stockLevels', stockLevelSpec),
  section(TwinRecordKind.Image, 'Images', 'Image', 'images', imageSpec),
  section(TwinRecordKind.Deletion, 'Deletions', 'Deletion', 'deletions', deletionSpec),
  section(TwinRecordKind.Order, 'Orders', 'Order', 'orders', orderSpec),
  section(TwinRecordKind.OrderStatus, 'OrderStatusUpdates', 'OrderStatusUpdate', 'orderStatusUpdates', orderStatusSpec),
  section('receipt', 'Receipts', 'Receipt', 'receipts', receiptSpec),
];

export const ROOT_ELEMENT = 'TwinXML';

/** The root element's content: header, optional sections, trailer. Section props hold `{ items }`. */
export const rootSpec: ComplexSpec = {
  name: 'TwinXMLDocument',
  fields: [
    one('Header', 'header', headerSpec),
    ...SECTIONS.map((sec) => opt(sec.el, sec.prop, sec.wrapper)),
    one('Trailer', 'trailer', trailerSpec),
  ],
};
