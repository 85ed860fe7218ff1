import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import {
  emptyDocument,
  TwinAvailability,
  TwinBatchMode,
  TwinDeletionTarget,
  TwinImageOwner,
  TwinOrderLineKind,
  TwinOrderStatus,
  TwinReceiptStatus,
  TwinRecordKind,
  type TwinDocument,
} from '../src';

const d = (v: string) => new Decimal(v);
const t = (v: string) => new Date(v);

/** A small document using every section and most optional fields (the golden fixture's source). */
export function sampleDocument(): TwinDocument {
  const doc = emptyDocument({
    schemaVersion: '1.0',
    sourceSystem: 'pckasse',
    tenant: 'butikk-42',
    batchId: '2025-03-01T10:00:00Z#17',
    sequence: 17,
    createdAt: t('2025-03-01T10:00:00.123Z'),
    mode: TwinBatchMode.Delta,
    currency: 'NOK',
    language: 'nb-NO',
  });
  doc.categories.push(
    { key: 'G1', level: 1, name: 'Klær', sortOrder: 1, published: true },
    {
      key: 'G1.4',
      parentKey: 'G1',
      level: 2,
      name: 'Jakker & frakker',
      description: '<p>Varme jakker</p>',
      sortOrder: 4,
      published: true,
    },
  );
  doc.manufacturers.push({ key: 'M7', name: 'Bergans', published: true });
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  doc.products.push({
    key: '1001',
    sku: 'JAK-1001',
    gtins: ['7071234567893'],
    name: 'Vinterjakke «Fjell»',
    shortDescription: 'Varm og vanntett',
    longDescription: '<h2>Fjell</h2>\r\n<p>Tåler 10 000 mm & mer</p>',
    vatRate: d('25'),
    price: d('1999'),
    cost: d('812.3456'),
    offer: { price: d('1499.5'), from: t('2025-03-01T00:00:00Z'), to: t('2025-03-15T00:00:00Z') },
    unitPricing: { unit: 'stk', amount: d('1'), baseUnit: 'stk', baseAmount: d('1') },
    weight: d('1.25'),
    dimensions: { length: d('60'), width: d('40'), height: d('8.5') },
    published: true,
    hideWhenOutOfStock: false,
    categoryKeys: ['G1.4'],
    manufacturerKeys: ['M7'],
    variants: [
      {
        key: '1001-RED-M',
        sku: 'JAK-1001-R-M',
        gtins: ['7071234567909'],
        colour: { code: 'RED', name: 'Rød', sortOrder: 1 },
        size: { code: 'M', name: 'Medium', sortOrder: 2 },
        stock: d('3'),
        availability: TwinAvailability.InStock,
        discontinued: false,
      },
      {
        key: '1001-RED-L',
        sku: 'JAK-1001-R-L',
        gtins: [],
        colour: { code: 'RED', name: 'Rød' },
        size: { code: 'L', name: 'Large' },
        price: d('2099'),
        stock: d('-1'),
        availability: TwinAvailability.Backorder,
        discontinued: true,
      },
    ],
  });
  doc.products.push({
    key: '2002',
    sku: 'LUE-2002',
    gtins: [],
    name: 'Lue',
    vatRate: d('25'),
    price: d('199'),
    stock: d('12.5'),
    published: false,
    hideWhenOutOfStock: true,
    categoryKeys: [],
    manufacturerKeys: [],
    variants: [],
  });
  doc.stockLevels.push(
    {
      productKey: '1001',
      variantKey: '1001-RED-M',
      warehouse: 'main',
      onHand: d('3'),
      reserved: d('1'),
      available: d('2'),
      asOf: t('2025-03-01T09:59:00Z'),
    },
    { productKey: '2002', warehouse: 'main', onHand: d('12.5'), asOf: t('2025-03-01T09:59:00Z') },
  );
  doc.images.push(
    {
      ownerKind: TwinImageOwner.Product,
      ownerKey: '1001',
      colour: 'RED',
      position: 1,
      contentHash: 'sha256:' + createHash('sha256').update(png).digest('hex'),
      mimeType: 'image/png',
      altText: 'Rød jakke',
      data: png,
    },
    {
      ownerKind: TwinImageOwner.Product,
      ownerKey: '2002',
      position: 1,
      contentHash: 'sha256:' + 'ab'.repeat(32),
      mimeType: 'image/jpeg',
      uri: 'https://cdn.example.com/img/2002.jpg',
    },
  );
  doc.deletions.push(
    { target: TwinDeletionTarget.Product, key: '999', deletedAt: t('2025-03-01T09:00:00Z'), reason: 'utgått' },
    { target: TwinDeletionTarget.Variant, key: '1001-BLUE-S', parentKey: '1001', deletedAt: t('2025-03-01T09:00:00Z') },
  );
  doc.orders.push({
    key: '5001',
    orderNumber: 'W-5001',
    createdAt: t('2025-02-28T18:30:00Z'),
    paidAt: t('2025-02-28T18:31:02.5Z'),
    status: TwinOrderStatus.Processing,
    customer: { key: 'C9', email: 'kari@example.no', firstName: 'Kari', lastName: 'Nordmann', phone: '+4791234567' },
    invoiceAddress: { name: 'Kari Nordmann', line1: 'Storgata 1', postalCode: '0155', city: 'Oslo', countryCode: 'NO' },
    deliveryAddress: {
      name: 'Kari Nordmann',
      company: 'Nordmann AS',
      line1: 'Lillegata 2',
      line2: '3. etg',
      postalCode: '5003',
      city: 'Bergen',
      countryCode: 'NO',
    },
    lines: [
      {
        lineId: 'L1',
        kind: TwinOrderLineKind.Product,
        sku: 'JAK-1001-R-M',
        productKey: '1001',
        variantKey: '1001-RED-M',
        name: 'Vinterjakke Rød M',
        quantity: d('1'),
        unitPrice: d('1499.5'),
        vatRate: d('25'),
        discount: d('0'),
      },
      {
        lineId: 'L2',
        kind: TwinOrderLineKind.Freight,
        name: 'Frakt',
        quantity: d('1'),
        unitPrice: d('99'),
        vatRate: d('25'),
        discount: d('0'),
      },
      {
        lineId: 'L3',
        kind: TwinOrderLineKind.Fee,
        name: 'Miljøgebyr',
        quantity: d('1'),
        unitPrice: d('2.5'),
        vatRate: d('25'),
        discount: d('0.5'),
      },
    ],
    payment: { method: 'vipps', transactionRef: 'VP-77', authorised: d('1600.5'), captured: d('0') },
    total: d('1600.5'),
    note: 'Leveres etter kl. 16',
  });
  doc.orderStatusUpdates.push({
    orderKey: '5001',
    status: TwinOrderStatus.Complete,
    at: t('2025-03-01T08:00:00Z'),
    message: 'Sendt',
    carrier: 'Posten',
    trackingNumber: 'CP123456789NO',
    trackingUrl: 'https://sporing.posten.no/CP123456789NO',
    capturedAmount: d('1600.5'),
    lines: [{ lineId: 'L1', quantity: d('1') }],
  });
  doc.receipts.push(
    { kind: TwinRecordKind.Product, key: '1001', status: TwinReceiptStatus.Ok, targetId: '314' },
    {
      kind: TwinRecordKind.Image,
      key: 'product|2002||1',
      status: TwinReceiptStatus.Failed,
      code: 'DOWNLOAD_FAILED',
      technicalMessage: 'GET https://cdn.example.com/img/2002.jpg: 404',
      humanMessage: 'Bildet kunne ikke hentes.',
    },
  );
  return doc;
}
