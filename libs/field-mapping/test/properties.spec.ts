import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import type { Article, SizeColor } from '@pcknop/pck-contract';
import { TwinBatchMode, emptyDocument, validateTwinDocument } from '@pcknop/twinxml';
import {
  FieldMappingError,
  FieldMappingErrorCode,
  pckToTwin,
  twinToNop,
  type MappingProfile,
  type TwinRecords,
} from '../src';
import { RECEIVED_AT, profileWith } from './fixtures';

const chars = fc.constantFrom(...'abcæøåÆØÅ -&<>\n0123456789'.split(''));
const text = fc.string({ unit: chars, maxLength: 40 });
/** Names and texts PCK may send: usually short, sometimes beyond TwinXML's 400-character names. */
const longText = fc.oneof(
  { arbitrary: text, weight: 4 },
  { arbitrary: fc.string({ unit: chars, minLength: 390, maxLength: 520 }), weight: 1 },
);
const money = fc.integer({ min: 0, max: 10_000_000 }).map((n) => new Decimal(n).div(100));
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const group = fc.record({
  arcileGroupId: fc.integer({ min: 0, max: 50 }),
  name: optional(longText),
  groupNumber: optional(fc.integer({ min: 1, max: 3 })),
});
const sizeColor: fc.Arbitrary<SizeColor> = fc.record({
  sizeColorId: fc.integer({ min: 1, max: 10_000 }),
  size: optional(fc.record({ sizeId: fc.integer({ min: 1, max: 99 }), name: optional(longText) })),
  color: optional(fc.record({ colorId: fc.integer({ min: 1, max: 99 }), name: optional(longText) })),
  eans: fc.array(fc.stringMatching(/^\d{8,14}$/), { maxLength: 3 }),
  stockCount: optional(fc.integer({ min: -50, max: 500 })),
  stockDetails: fc.constant([]),
  sizeColorInUse: optional(fc.boolean()),
});

/**
 * Every article PCK may send under the contract: every field optional except ids; VAT among the mapped rates or
 * absent (optional in the contract: then a clear error, below).
 * (An articleNo is a SKU, which TwinXML never cuts: over 128 characters is a clear error, tested in pck-to-twin.)
 */
const pckArticle: fc.Arbitrary<Article> = fc.record(
  {
    alternatives: fc.constant([]),
    articleId: fc.integer({ min: 1, max: 2_000_000 }),
    articleNo: optional(text),
    articleStatus: optional(fc.integer({ min: 0, max: 5 })),
    name: optional(longText),
    subtitle: optional(longText),
    description: optional(longText),
    info1: optional(text),
    eans: fc.array(fc.stringMatching(/^\d{6,14}$/), { maxLength: 3 }),
    salesPrice: optional(money),
    storePrice: optional(money),
    costPrice: optional(money),
    discount: optional(money),
    discountFrom: optional(fc.integer({ min: 0, max: 2_000_000_000_000 })),
    discountTo: optional(fc.integer({ min: 0, max: 2_000_000_000_000 })),
    vat: fc.option(
      fc.constantFrom('25', '15', '12', '0', '25.00').map((v) => new Decimal(v)),
      { nil: undefined, freq: 8 },
    ),
    visibleOnWeb: optional(fc.boolean()),
    hideWhenOutOfStock: optional(fc.boolean()),
    sizeColorInUse: optional(fc.boolean()),
    sizeColors: fc.uniqueArray(sizeColor, { maxLength: 4, selector: (s) => s.sizeColorId }),
    stockCount: optional(fc.integer({ min: -100, max: 10_000 })),
    stockDetails: fc.constant([]),
    webstockLimit: optional(fc.integer({ min: -5, max: 50 })),
    weight: optional(money),
    length: optional(money),
    width: optional(money),
    height: optional(money),
    unitPricingQuantity: optional(money),
    unitPricingUnitCode: optional(fc.constantFrom('kg', 'l', 'm')),
    manufacturer: optional(fc.record({ manufacturerId: fc.integer({ min: 0, max: 99 }), name: optional(longText) })),
    articleGroup: optional(group),
    articleGroup2: optional(group),
    articleGroup3: optional(group),
    externalGroupId: optional(fc.integer({ min: 0, max: 99 })),
  },
  { requiredKeys: ['alternatives', 'articleId', 'eans', 'sizeColors', 'stockDetails'] },
);

const profiles: MappingProfile[] = [
  profileWith(),
  profileWith({
    articles: {
      sku: { source: 'articleId' },
      unitPricing: { enabled: true, measureIds: { kg: 1 } },
      price: { shopPricesIncludeVat: false },
    },
    variants: { mode: 'attributeCombinations' },
    groups: { source: 'articleGroups', link: 'allLevels' },
    ownership: { default: 'shop' },
  }),
  profileWith({
    groups: { source: 'off' },
    rules: { product: { name: 'name & " " & articleNo', published: 'visibleOnWeb = true' } },
  }),
];
const NOW = new Date('2025-10-26T01:30:00Z');

/** What pckToTwin gave, as the TwinXML document a batch would carry. */
function twinIssues(twin: TwinRecords) {
  const doc = emptyDocument({
    schemaVersion: '1.0',
    sourceSystem: 'pckasse',
    tenant: 'butikk-1',
    batchId: 'b-1',
    sequence: 1,
    createdAt: RECEIVED_AT,
    mode: TwinBatchMode.Delta,
    currency: 'NOK',
  });
  doc.categories.push(...twin.categories);
  doc.manufacturers.push(...twin.manufacturers);
  doc.products.push(...twin.products);
  doc.stockLevels.push(...twin.stockLevels);
  return validateTwinDocument(doc);
}

async function mapAll(profile: MappingProfile, a: Article) {
  const twin = await pckToTwin(profile, { operation: 'sendArticle', article: a }, { receivedAt: RECEIVED_AT });
  return { twin, nop: twinToNop(profile, twin, { now: NOW }) };
}

describe('properties of the article mapping', () => {
  it('every valid PCK article maps without an exception, under every profile (without VAT: a clear error)', async () => {
    await fc.assert(
      fc.asyncProperty(pckArticle, fc.constantFrom(...profiles), async (a, profile) => {
        if (a.vat === undefined) {
          const e = await mapAll(profile, a).then(
            () => undefined,
            (err: unknown) => err,
          );
          expect(e).toBeInstanceOf(FieldMappingError);
          expect((e as FieldMappingError).code).toBe(FieldMappingErrorCode.MISSING_VALUE);
          expect((e as FieldMappingError).message).toContain(
            `(artikkel-id ${a.articleId}) har ingen MVA-sats i PCK; sett MVA-sats på varen i PCKasse`,
          );
          return;
        }
        const { twin, nop } = await mapAll(profile, a);
        expect(twinIssues(twin)).toEqual([]);
        expect(twin.products).toHaveLength(1);
        const p = twin.products[0];
        expect(p.key).toBe(`a:${a.articleId}`);
        expect(p.name.length).toBeGreaterThan(0);
        expect(p.price.decimalPlaces()).toBeLessThanOrEqual(2);
        expect(p.stock === undefined || p.stock.gte(0)).toBe(true);
        for (const v of p.variants) expect(v.stock?.gte(0)).toBe(true);
        for (const np of nop.products) expect(np.product.stock_quantity ?? 0).toBeGreaterThanOrEqual(0);
        if (p.offer?.from && p.offer.to) expect(p.offer.to.getTime()).toBeGreaterThan(p.offer.from.getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('mapping is deterministic', async () => {
    await fc.assert(
      fc.asyncProperty(pckArticle, fc.constantFrom(...profiles), async (a, profile) => {
        if (a.vat === undefined) return; // an error, covered above
        const first = await mapAll(profile, a);
        const second = await mapAll(profile, structuredCloneArticle(a));
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      }),
      { numRuns: 150 },
    );
  });

  it('prices reach the shop at øre precision (gross) and back to the same øre (net)', async () => {
    await fc.assert(
      fc.asyncProperty(money, fc.constantFrom('25', '15', '12', '0'), async (price, vat) => {
        const a: Article = {
          alternatives: [],
          articleId: 1,
          eans: [],
          sizeColors: [],
          stockDetails: [],
          salesPrice: price,
          vat: new Decimal(vat),
        };
        const gross = (await mapAll(profiles[0], a)).nop.products[0].product.price!;
        expect(new Decimal(String(gross)).eq(price)).toBe(true);
        const net = (await mapAll(profiles[1], a)).nop.products[0].product.price!;
        expect(
          new Decimal(String(net))
            .mul(new Decimal(vat).div(100).plus(1))
            .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
            .eq(price),
        ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

/** Fresh Decimal and array instances, so determinism is not an artefact of shared objects. */
function structuredCloneArticle(a: Article): Article {
  const clone = (v: unknown): unknown => {
    if (Decimal.isDecimal(v)) return new Decimal((v as Decimal).toString());
    if (Array.isArray(v)) return v.map(clone);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
    return v;
  };
  return clone(a) as Article;
}
