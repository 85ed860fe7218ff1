import { Decimal } from 'decimal.js';
import { TwinAvailability, TwinDeletionTarget, TwinImageOwner } from '@pcknop/twinxml';
import {
  FieldMappingError,
  FieldMappingErrorCode,
  pckToTwin,
  type MappingProfile,
  type PckCatalogueCall,
} from '../src';
import { RECEIVED_AT, article, garment, profileWith } from './fixtures';
import type { Article } from '@pcknop/pck-contract';

const ctx = { receivedAt: RECEIVED_AT };
const one = async (profile: MappingProfile, a: Article) => {
  const r = await pckToTwin(profile, { operation: 'sendArticle', article: a }, ctx);
  return { ...r, product: r.products[0] };
};

describe('pckToTwin: articles under the default profile (golden)', () => {
  it('maps a simple article field by field', async () => {
    const r = await one(profileWith(), article());
    const p = r.product;
    expect({
      key: p.key,
      sku: p.sku,
      gtins: p.gtins,
      name: p.name,
      shortDescription: p.shortDescription,
      longDescription: p.longDescription,
      vatRate: p.vatRate.toString(),
      price: p.price.toString(),
      cost: p.cost?.toString(),
      offer: p.offer,
      weight: p.weight?.toString(),
      dimensions: p.dimensions && Object.values(p.dimensions).map(String),
      stock: p.stock?.toString(),
      published: p.published,
      hideWhenOutOfStock: p.hideWhenOutOfStock,
      categoryKeys: p.categoryKeys,
      manufacturerKeys: p.manufacturerKeys,
      variants: p.variants,
    }).toEqual({
      key: 'a:4711',
      sku: 'BLÅ-100',
      gtins: ['7038010055690'],
      name: 'Blåbærsyltetøy',
      shortDescription: 'Økologisk, 350 g',
      longDescription: 'Laget på norske blåbær.<br />\nPasser til vafler &amp; pannekaker.',
      vatRate: '15',
      price: '49.9',
      cost: '21.5',
      offer: undefined,
      weight: '0.35',
      dimensions: ['8', '8', '11'],
      stock: '10',
      published: true,
      hideWhenOutOfStock: false,
      categoryKeys: ['wg2:12'],
      manufacturerKeys: ['m:7'],
      variants: [],
    });
    expect(r.categories).toEqual([
      { key: 'wg1:1', level: 1, name: 'Mat', sortOrder: 0, published: true },
      { key: 'wg2:12', parentKey: 'wg1:1', level: 2, name: 'Syltetøy', sortOrder: 0, published: true },
    ]);
    expect(r.manufacturers).toEqual([{ key: 'm:7', name: 'Lerum', published: true }]);
    expect(r.warnings).toEqual([]);
  });

  it('maps size × colour variants with their own SKU, GTIN and stock; discontinued ones flagged', async () => {
    const p = (await one(profileWith(), garment())).product;
    expect(p.stock).toBeUndefined();
    expect(
      p.variants.map((v) => ({
        key: v.key,
        sku: v.sku,
        gtins: v.gtins,
        colour: v.colour,
        size: v.size,
        stock: v.stock?.toNumber(),
        availability: v.availability,
        discontinued: v.discontinued,
      })),
    ).toEqual([
      {
        key: 'a:900:sc:1',
        sku: 'GENSER-1-1',
        gtins: ['7038010000010'],
        colour: { code: '201', name: 'Rød' },
        size: { code: '101', name: 'S' },
        stock: 4,
        availability: TwinAvailability.InStock,
        discontinued: false,
      },
      {
        key: 'a:900:sc:2',
        sku: 'GENSER-1-2',
        gtins: [],
        colour: { code: '201', name: 'Rød' },
        size: { code: '102', name: 'M' },
        stock: 0,
        availability: TwinAvailability.OutOfStock,
        discontinued: false,
      },
      {
        key: 'a:900:sc:3',
        sku: 'GENSER-1-3',
        gtins: [],
        colour: { code: '202', name: 'Blå' },
        size: { code: '103', name: 'M' },
        stock: 4,
        availability: TwinAvailability.InStock,
        discontinued: true,
      },
    ]);
  });
});

describe('pckToTwin: every article option (golden)', () => {
  it('SKU from articleId with a prefix', async () => {
    const p = (await one(profileWith({ articles: { sku: { source: 'articleId', prefix: 'PCK-' } } }), article()))
      .product;
    expect(p.sku).toBe('PCK-4711');
  });

  it('SKU falls back to the id when articleNo is empty, with a warning', async () => {
    const r = await one(profileWith(), article({ articleNo: ' ' }));
    expect(r.product.sku).toBe('4711');
    expect(r.warnings[0]).toContain('no articleNo');
  });

  it('texts from any of name, subtitle, description, info1–3', async () => {
    const profile = profileWith({
      articles: {
        text: {
          name: { from: ['name', 'subtitle'], separator: ' – ' },
          shortDescription: { from: ['info1'] },
          fullDescription: { from: ['description', 'info1'], separator: '\n', html: false },
        },
      },
    });
    const p = (await one(profile, article())).product;
    expect(p.name).toBe('Blåbærsyltetøy – Økologisk, 350 g');
    expect(p.shortDescription).toBe('Oppbevares kjølig');
    expect(p.longDescription).toBe('Laget på norske blåbær.\nPasser til vafler & pannekaker.\nOppbevares kjølig');
  });

  it.each([
    [{ visibleOnWeb: false }, false],
    [{ articleStatus: 1 }, false],
    [{ articleStatus: 2 }, false],
    [{ articleStatus: 3 }, false],
    [{ articleStatus: 0 }, true],
  ])('published from visibleOnWeb and articleStatus %j → %s', async (o, expected) => {
    expect((await one(profileWith(), article(o))).product.published).toBe(expected);
  });

  it('unpublishStatuses and requireVisibleOnWeb are configurable', async () => {
    const profile = profileWith({
      articles: { publish: { unpublishStatuses: ['blocked'], requireVisibleOnWeb: false } },
    });
    expect((await one(profile, article({ articleStatus: 1, visibleOnWeb: false }))).product.published).toBe(true);
    expect((await one(profile, article({ articleStatus: 3 }))).product.published).toBe(false);
  });

  it('hideWhenOutOfStock is carried (and can be ignored)', async () => {
    expect((await one(profileWith(), article({ hideWhenOutOfStock: true }))).product.hideWhenOutOfStock).toBe(true);
    const off = profileWith({ articles: { publish: { honourHideWhenOutOfStock: false } } });
    expect((await one(off, article({ hideWhenOutOfStock: true }))).product.hideWhenOutOfStock).toBe(false);
  });

  it('stock shown = stock − webstockLimit, never below zero; the subtraction can be switched off', async () => {
    expect((await one(profileWith(), article({ stockCount: 1, webstockLimit: 3 }))).product.stock?.toNumber()).toBe(0);
    const off = profileWith({ articles: { stock: { subtractWebstockLimit: false } } });
    expect((await one(off, article({ stockCount: 1, webstockLimit: 3 }))).product.stock?.toNumber()).toBe(1);
  });

  it('price source, øre rounding and product cost source', async () => {
    const profile = profileWith({ articles: { price: { source: 'storePrice', productCost: 'purchasePrice' } } });
    const p = (await one(profile, article({ storePrice: new Decimal('52.905'), purchasePrice: new Decimal('20') })))
      .product;
    expect(p.price.toString()).toBe('52.91');
    expect(p.cost?.toString()).toBe('20');
    const none = profileWith({ articles: { price: { productCost: 'none' } } });
    expect((await one(none, article())).product.cost).toBeUndefined();
  });

  it('offer price and window from discount / discountFrom / discountTo; can be switched off', async () => {
    const a = article({
      discount: new Decimal('39.90'),
      discountFrom: Date.UTC(2025, 5, 1, 22),
      discountTo: Date.UTC(2025, 5, 9, 22),
    });
    const p = (await one(profileWith(), a)).product;
    expect(p.offer).toEqual({
      price: new Decimal('39.9'),
      from: new Date('2025-06-01T22:00:00Z'),
      to: new Date('2025-06-10T22:00:00Z'),
    });
    const off = profileWith({ articles: { offer: { enabled: false } } });
    expect((await one(off, a)).product.offer).toBeUndefined();
  });

  it('GTIN: first, or first valid', async () => {
    const eans = ['7038010055691', '7038010055690'];
    expect((await one(profileWith(), article({ eans }))).product.gtins[0]).toBe('7038010055691');
    const valid = profileWith({ articles: { gtin: { pick: 'firstValid' } } });
    expect((await one(valid, article({ eans }))).product.gtins[0]).toBe('7038010055690');
  });

  it('weight and dimensions with unit factors, or off', async () => {
    const grams = profileWith({ articles: { measures: { weightFactor: '0.001', dimensionFactor: '0.1' } } });
    const p = (await one(grams, article({ weight: new Decimal(350), length: new Decimal(80) }))).product;
    expect(p.weight?.toString()).toBe('0.35');
    expect(p.dimensions?.length.toString()).toBe('8');
    const off = profileWith({ articles: { measures: { weight: false, dimensions: false } } });
    const q = (await one(off, article())).product;
    expect(q.weight).toBeUndefined();
    expect(q.dimensions).toBeUndefined();
  });

  it('manufacturer on or off', async () => {
    const off = profileWith({ articles: { manufacturer: { enabled: false } } });
    const r = await one(off, article());
    expect(r.product.manufacturerKeys).toEqual([]);
    expect(r.manufacturers).toEqual([]);
  });

  it('unit pricing when enabled', async () => {
    const profile = profileWith({ articles: { unitPricing: { enabled: true, measureIds: { kg: 2 } } } });
    const p = (await one(profile, article({ unitPricingQuantity: new Decimal('0.35'), unitPricingUnitCode: 'kg' })))
      .product;
    expect(p.unitPricing).toEqual({
      unit: 'kg',
      amount: new Decimal('0.35'),
      baseUnit: 'kg',
      baseAmount: new Decimal(1),
    });
    expect(
      (await one(profileWith(), article({ unitPricingQuantity: new Decimal(1), unitPricingUnitCode: 'kg' }))).product
        .unitPricing,
    ).toBeUndefined();
  });

  it('groups: varegrupper, webgrupper on all levels, or off', async () => {
    const vare = await one(profileWith({ groups: { source: 'articleGroups' } }), article());
    expect(vare.product.categoryKeys).toEqual(['g:300']);
    expect(vare.categories).toEqual([]);
    const all = await one(
      profileWith({ groups: { link: 'allLevels' } }),
      article({ articleGroup3: { arcileGroupId: 5, name: 'Bær' } }),
    );
    expect(all.product.categoryKeys).toEqual(['wg1:1', 'wg2:12', 'wg3:5']);
    expect(all.categories[2]).toEqual({
      key: 'wg3:5',
      parentKey: 'wg2:12',
      level: 3,
      name: 'Bær',
      sortOrder: 0,
      published: true,
    });
    const off = await one(profileWith({ groups: { source: 'off' } }), article());
    expect(off.product.categoryKeys).toEqual([]);
    expect(off.categories).toEqual([]);
    const detached = await one(profileWith(), article({ articleGroup: { arcileGroupId: 0 } }));
    expect(detached.product.categoryKeys).toEqual([]);
  });

  it('variant SKU template', async () => {
    const profile = profileWith({ variants: { skuTemplate: '{sku}/{color}/{size}' } });
    expect((await one(profile, garment())).product.variants.map((v) => v.sku)).toEqual([
      'GENSER-1/Rød/S',
      'GENSER-1/Rød/M',
      'GENSER-1/Blå/M',
    ]);
  });
});

describe('pckToTwin: errors', () => {
  it('an unmapped VAT rate is an error naming the rate', async () => {
    await expect(one(profileWith(), article({ vat: new Decimal('11.11') }))).rejects.toMatchObject({
      code: FieldMappingErrorCode.UNMAPPED_VAT_RATE,
      message: expect.stringContaining('MVA-sats 11.11 %'),
    });
  });

  it('a missing VAT rate is an error, not a default', async () => {
    await expect(one(profileWith(), article({ vat: undefined }))).rejects.toBeInstanceOf(FieldMappingError);
    await expect(one(profileWith(), article({ vat: undefined }))).rejects.toThrow(
      'Missing value (article 4711: vat): varen BLÅ-100 (artikkel-id 4711) har ingen MVA-sats i PCK; sett MVA-sats på varen i PCKasse og send den på nytt',
    );
  });
});

describe('pckToTwin: other calls', () => {
  const run = (call: PckCatalogueCall, profile = profileWith(), webstockLimit?: number) =>
    pckToTwin(profile, call, { receivedAt: RECEIVED_AT, webstockLimit });

  it('article groups by source', async () => {
    const g = { arcileGroupId: 12, groupNumber: 2, name: 'Syltetøy', description: 'Hjemmelaget' };
    const web = await run({ operation: 'sendArticleGroup', articleGroup: g });
    expect(web.categories).toEqual([
      { key: 'wg2:12', level: 2, name: 'Syltetøy', description: 'Hjemmelaget', sortOrder: 0, published: true },
    ]);
    expect(web.warnings[0]).toContain('parent unknown');
    const vare = await run(
      { operation: 'sendArticleGroup', articleGroup: g },
      profileWith({ groups: { source: 'articleGroups' } }),
    );
    expect(vare.categories[0]).toMatchObject({ key: 'g:12', level: 1 });
    const off = await run(
      { operation: 'sendArticleGroup', articleGroup: g },
      profileWith({ groups: { source: 'off' } }),
    );
    expect(off.categories).toEqual([]);
  });

  it('manufacturer', async () => {
    const r = await run({ operation: 'sendManufacturer', manufacturer: { manufacturerId: 9, name: 'Røros Tweed' } });
    expect(r.manufacturers).toEqual([{ key: 'm:9', name: 'Røros Tweed', published: true }]);
  });

  it('stock for the article total and per variant, with the webstockLimit from context', async () => {
    const total = await run(
      { operation: 'updateStockCount', updateStock: { articleId: 4711, count: 5, stockDetails: [] } },
      profileWith(),
      2,
    );
    expect(total.stockLevels).toEqual([
      {
        productKey: 'a:4711',
        warehouse: 'total',
        onHand: new Decimal(5),
        reserved: new Decimal(2),
        available: new Decimal(3),
        asOf: RECEIVED_AT,
      },
    ]);
    const variant = await run(
      { operation: 'updateStockCount', updateStock: { articleId: 900, sizeColorId: 3, count: 1, stockDetails: [] } },
      profileWith(),
      4,
    );
    expect(variant.stockLevels[0]).toMatchObject({
      productKey: 'a:900',
      variantKey: 'a:900:sc:3',
      available: new Decimal(0),
    });
  });

  it('images: main, colour, delete on empty, off', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const main = await run({ operation: 'sendImage', articleid: 900, image: png });
    expect(main.images).toEqual([
      {
        ownerKind: TwinImageOwner.Product,
        ownerKey: 'a:900',
        position: 1,
        mimeType: 'image/png',
        data: png,
        contentHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      },
    ]);
    const colour = await run({ operation: 'sendImageColor', articleid: 900, colorid: 201, imageid: 0, image: png });
    expect(colour.images[0]).toMatchObject({ colour: '201', position: 1 });
    const gone = await run({
      operation: 'sendImageColor',
      articleid: 900,
      colorid: 201,
      imageid: 0,
      image: new Uint8Array(),
    });
    expect(gone.deletions).toEqual([
      {
        target: TwinDeletionTarget.Image,
        key: 'product|a:900|201|1',
        parentKey: 'a:900',
        deletedAt: RECEIVED_AT,
        reason: 'empty image from PCK',
      },
    ]);
    const off = await run(
      { operation: 'sendImage', articleid: 900, image: png },
      profileWith({ images: { enabled: false } }),
    );
    expect(off.images).toEqual([]);
  });

  it('removeAricle becomes a product tombstone', async () => {
    const r = await run({ operation: 'removeAricle', articleid: 4711 });
    expect(r.deletions).toEqual([
      { target: TwinDeletionTarget.Product, key: 'a:4711', deletedAt: RECEIVED_AT, reason: 'removed in PCK' },
    ]);
  });
});
