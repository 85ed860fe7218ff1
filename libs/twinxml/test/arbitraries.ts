import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
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
  recordKey,
  type TwinCategory,
  type TwinDeletion,
  type TwinDocument,
  type TwinImage,
  type TwinManufacturer,
  type TwinOrder,
  type TwinOrderStatusUpdate,
  type TwinProduct,
  type TwinReceipt,
  type TwinStockLevel,
  type TwinVariant,
} from '../src';
import { scalars } from '../src/lib/schema/scalars';

// Generators of valid TwinXML documents for the round-trip properties. Strings deliberately
// include markup characters, `\r`, `|`, `%` and astral characters.

const chars = fc.constantFrom(
  'a',
  'Z',
  '7',
  ' ',
  '&',
  '<',
  '>',
  '"',
  "'",
  '\r',
  '\n',
  '\t',
  '|',
  '%',
  'æ',
  'ø',
  'å',
  '😀',
  ']]>',
  '&amp;',
  '中',
);
const text = fc
  .array(chars, { maxLength: 12 })
  .map((a) => a.join(''))
  .filter((s) => scalars.text.check(s) === undefined);
const name = text.filter((s) => scalars.name.check(s) === undefined);
const key = fc
  .array(fc.constantFrom('a', 'B', '1', '-', '_', '.', '|', '%', ' ', 'ø', '/'), { minLength: 1, maxLength: 10 })
  .map((a) => a.join(''))
  .filter((s) => scalars.key.check(s) === undefined);
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

function decimal(scale: number, intDigits: number, signed: boolean, max?: bigint): fc.Arbitrary<Decimal> {
  const limit = max ?? 10n ** BigInt(intDigits + scale) - 1n;
  return fc
    .bigInt({ min: signed ? -limit : 0n, max: limit })
    .map((n) => new Decimal(n.toString()).div(new Decimal(10).pow(scale)))
    .map((d) => (d.isZero() ? new Decimal(0) : d));
}
const money = decimal(4, 15, false);
const rate = decimal(2, 3, false, 10000n);
const quantity = decimal(3, 12, true);
const measure = decimal(3, 12, false);
const date = fc.date({
  min: new Date('0001-01-01T00:00:00.000Z'),
  max: new Date('9999-12-31T23:59:59.999Z'),
  noInvalidDate: true,
});
const gtins = fc.array(fc.stringMatching(/^(?:[0-9]{8}|[0-9]{13})$/), { maxLength: 2 });
const int = fc.integer({ min: -2147483648, max: 2147483647 });

function strip<T extends object>(o: T): T {
  // Optional properties are absent, never `undefined`, as the decoder produces them.
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

const category: fc.Arbitrary<TwinCategory> = fc
  .record({
    key,
    parentKey: opt(key),
    level: fc.integer({ min: 2, max: 9 }),
    name,
    description: opt(text),
    sortOrder: int,
    published: fc.boolean(),
  })
  .filter((c) => c.parentKey !== c.key)
  // Parentless categories are mostly top-level; some are sub-categories whose parent the source did not state.
  .map((c) => strip({ ...c, level: c.parentKey === undefined && c.level % 2 === 0 ? 1 : c.level }));

const manufacturer: fc.Arbitrary<TwinManufacturer> = fc
  .record({ key, name, description: opt(text), published: fc.boolean() })
  .map(strip);

const axis = fc.record({ code: key, name, sortOrder: opt(int) }).map(strip);

const variant: fc.Arbitrary<TwinVariant> = fc
  .record({
    key,
    sku: key,
    gtins,
    colour: opt(axis),
    size: opt(axis),
    price: opt(money),
    stock: opt(quantity),
    availability: fc.constantFrom(...Object.values(TwinAvailability)),
    discontinued: fc.boolean(),
  })
  .map(strip);

const product: fc.Arbitrary<TwinProduct> = fc
  .record({
    key,
    sku: key,
    gtins,
    name,
    shortDescription: opt(text),
    longDescription: opt(text),
    vatRate: rate,
    price: money,
    cost: opt(money),
    offer: opt(fc.record({ price: money, from: opt(date), to: opt(date) }).map(strip)),
    unitPricing: opt(fc.record({ unit: key, amount: measure, baseUnit: key, baseAmount: measure })),
    weight: opt(measure),
    dimensions: opt(fc.record({ length: measure, width: measure, height: measure })),
    stock: opt(quantity),
    published: fc.boolean(),
    hideWhenOutOfStock: fc.boolean(),
    categoryKeys: fc.array(key, { maxLength: 3 }),
    manufacturerKeys: fc.array(key, { maxLength: 2 }),
    variants: fc.uniqueArray(variant, { maxLength: 3, selector: (v) => v.key }),
  })
  .map((p) => {
    const skus = new Set<string>();
    const variants = p.variants.filter((v) => v.key !== p.key && !skus.has(v.sku) && skus.add(v.sku));
    const offer = p.offer?.from && p.offer.to && p.offer.to <= p.offer.from ? { price: p.offer.price } : p.offer;
    return strip({ ...p, variants, offer });
  });

const stock: fc.Arbitrary<TwinStockLevel> = fc
  .record({
    productKey: key,
    variantKey: opt(key),
    warehouse: key,
    onHand: quantity,
    reserved: opt(quantity),
    available: opt(quantity),
    asOf: date,
  })
  .map(strip);

const image: fc.Arbitrary<TwinImage> = fc
  .record({
    ownerKind: fc.constantFrom(...Object.values(TwinImageOwner)),
    ownerKey: key,
    colour: opt(key),
    position: fc.integer({ min: 1, max: 10000 }),
    mimeType: fc.constantFrom('image/jpeg', 'image/png', 'image/webp'),
    altText: opt(text),
    source: fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.webUrl()),
  })
  .map(({ source, ...i }) => {
    if (typeof source === 'string') return strip({ ...i, contentHash: 'sha256:' + 'c'.repeat(64), uri: source });
    const data = Buffer.from(source);
    return strip({ ...i, contentHash: 'sha256:' + createHash('sha256').update(data).digest('hex'), data });
  });

const deletion: fc.Arbitrary<TwinDeletion> = fc
  .record({
    target: fc.constantFrom(...Object.values(TwinDeletionTarget)),
    key,
    parentKey: key,
    deletedAt: date,
    reason: opt(text),
  })
  .map((d) =>
    strip({
      ...d,
      parentKey:
        d.target === TwinDeletionTarget.Variant || d.target === TwinDeletionTarget.Image ? d.parentKey : undefined,
    }),
  );

const address = fc
  .record({
    name: opt(name),
    company: opt(name),
    line1: name,
    line2: opt(name),
    postalCode: key,
    city: name,
    countryCode: fc.constantFrom('NO', 'SE', 'DK'),
    phone: opt(name),
    email: opt(name),
  })
  .map(strip);

const line = fc
  .record({
    lineId: key,
    kind: fc.constantFrom(...Object.values(TwinOrderLineKind)),
    sku: key,
    productKey: opt(key),
    variantKey: opt(key),
    name,
    quantity,
    unitPrice: money,
    vatRate: rate,
    discount: money,
  })
  .map(strip);

const order: fc.Arbitrary<TwinOrder> = fc
  .record({
    key,
    orderNumber: opt(key),
    createdAt: date,
    paidAt: opt(date),
    status: fc.constantFrom(...Object.values(TwinOrderStatus)),
    customer: fc
      .record({
        key: opt(key),
        email: name,
        firstName: opt(name),
        lastName: opt(name),
        company: opt(name),
        organisationNumber: opt(key),
        phone: opt(name),
      })
      .map(strip),
    invoiceAddress: address,
    deliveryAddress: opt(address),
    lines: fc.uniqueArray(line, { minLength: 1, maxLength: 4, selector: (l) => l.lineId }),
    payment: fc.record({ method: name, transactionRef: opt(key), authorised: opt(money), captured: money }).map(strip),
    total: money,
    note: opt(text),
  })
  .map(strip);

const orderStatus: fc.Arbitrary<TwinOrderStatusUpdate> = fc
  .record({
    orderKey: key,
    status: fc.constantFrom(...Object.values(TwinOrderStatus)),
    at: date,
    message: opt(text),
    carrier: opt(name),
    trackingNumber: opt(key),
    trackingUrl: opt(fc.webUrl()),
    capturedAmount: opt(money),
    lines: fc.array(fc.record({ lineId: key, quantity }), { maxLength: 3 }),
  })
  .map(strip);

const receipt: fc.Arbitrary<TwinReceipt> = fc
  .record({
    kind: fc.constantFrom(...Object.values(TwinRecordKind)),
    key,
    status: fc.constantFrom(...Object.values(TwinReceiptStatus)),
    code: opt(key),
    targetId: opt(key),
    technicalMessage: opt(text),
    humanMessage: opt(text),
  })
  .map(strip);

const header = fc
  .record({
    sourceSystem: key,
    tenant: key,
    batchId: key,
    sequence: fc.nat(),
    createdAt: date,
    mode: fc.constantFrom(...Object.values(TwinBatchMode)),
    currency: fc.constantFrom('NOK', 'SEK', 'EUR'),
    language: opt(fc.constantFrom('nb-NO', 'en', 'sv-SE')),
  })
  .map((h) => strip({ schemaVersion: '1.0' as const, ...h }));

/** Valid documents: records unique by `recordKey` within each section. */
export const twinDocument: fc.Arbitrary<TwinDocument> = fc
  .record({
    header,
    categories: fc.uniqueArray(category, { maxLength: 3, selector: (r) => recordKey(TwinRecordKind.Category, r) }),
    manufacturers: fc.uniqueArray(manufacturer, { maxLength: 2, selector: (r) => r.key }),
    products: fc.uniqueArray(product, { maxLength: 3, selector: (r) => r.key }),
    stockLevels: fc.uniqueArray(stock, { maxLength: 3, selector: (r) => recordKey(TwinRecordKind.Stock, r) }),
    images: fc.uniqueArray(image, { maxLength: 2, selector: (r) => recordKey(TwinRecordKind.Image, r) }),
    deletions: fc.uniqueArray(deletion, { maxLength: 2, selector: (r) => recordKey(TwinRecordKind.Deletion, r) }),
    orders: fc.uniqueArray(order, { maxLength: 2, selector: (r) => r.key }),
    orderStatusUpdates: fc.uniqueArray(orderStatus, {
      maxLength: 2,
      selector: (r) => recordKey(TwinRecordKind.OrderStatus, r),
    }),
    receipts: fc.uniqueArray(receipt, { maxLength: 3, selector: (r) => `${r.kind}|${r.key}` }),
  })
  .map((d) => ({ ...emptyDocument(d.header), ...d }));
