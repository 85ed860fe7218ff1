import { Decimal } from 'decimal.js';
import { TwinBatchMode, decodeTwinXml, emptyDocument, encodeTwinXml } from '@pcknop/twinxml';
import {
  FieldMappingError,
  FieldMappingErrorCode,
  pckToTwin,
  type MappingProfile,
  type PckCatalogueCall,
} from '../src';
import { RECEIVED_AT, article, garment, profileWith } from './fixtures';

const run = (call: PckCatalogueCall, profile: MappingProfile = profileWith()) =>
  pckToTwin(profile, call, { receivedAt: RECEIVED_AT });

async function failure(p: Promise<unknown>): Promise<FieldMappingError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FieldMappingError) return e;
    throw e;
  }
  throw new Error('expected a FieldMappingError');
}

describe('pckToTwin gives records TwinXML accepts', () => {
  it('a 500-character PCK name is cut to 400 (whole characters) with a warning, and the batch encodes', async () => {
    const long = 'Blåbærsyltetøy '.repeat(34).slice(0, 500);
    const twin = await run({ operation: 'sendArticle', article: article({ name: long }) });
    const name = twin.products[0].name;
    expect(name).toBe(long.slice(0, 400));
    expect(twin.warnings).toContain('article 4711: name: 500 characters, cut to the 400 TwinXML allows');
    const doc = emptyDocument({
      schemaVersion: '1.0',
      sourceSystem: 'pckasse',
      tenant: 't',
      batchId: 'b',
      sequence: 1,
      createdAt: RECEIVED_AT,
      mode: TwinBatchMode.Delta,
      currency: 'NOK',
    });
    doc.products.push(...twin.products);
    expect(decodeTwinXml(encodeTwinXml(doc)).products[0].name).toBe(name);
  });

  it('cuts by code points: an emoji at the limit is not split in half', async () => {
    const long = 'a'.repeat(399) + '🫐🫐';
    const twin = await run({ operation: 'sendArticle', article: article({ name: long }) });
    expect(twin.products[0].name).toBe('a'.repeat(399) + '🫐');
  });

  it('group, manufacturer, colour and size names are cut likewise', async () => {
    const long = 'æ'.repeat(450);
    const twin = await run({
      operation: 'sendArticle',
      article: garment({
        articleGroup: { arcileGroupId: 1, groupNumber: 1, name: long },
        manufacturer: { manufacturerId: 7, name: long },
        sizeColors: [
          {
            sizeColorId: 1,
            size: { sizeId: 1, name: long },
            color: { colorId: 2, name: long },
            eans: [],
            stockCount: 1,
            stockDetails: [],
            sizeColorInUse: true,
          },
        ],
      }),
    });
    expect(twin.categories[0].name).toHaveLength(400);
    expect(twin.manufacturers[0].name).toHaveLength(400);
    expect(twin.products[0].variants[0].size?.name).toHaveLength(400);
    expect(twin.products[0].variants[0].colour?.name).toHaveLength(400);
    const m = await run({ operation: 'sendManufacturer', manufacturer: { manufacturerId: 8, name: long } });
    expect(m.manufacturers[0].name).toHaveLength(400);
  });

  it('an empty colour name falls back to its code', async () => {
    const twin = await run({
      operation: 'sendArticle',
      article: garment({
        sizeColors: [
          {
            sizeColorId: 1,
            color: { colorId: 2, name: '' },
            eans: [],
            stockCount: 1,
            stockDetails: [],
            sizeColorInUse: true,
          },
        ],
      }),
    });
    expect(twin.products[0].variants[0].colour).toEqual({ code: '2', name: '2' });
  });

  it('a SKU is never cut: an over-long article number is an error naming the article and the field', async () => {
    const e = await failure(run({ operation: 'sendArticle', article: article({ articleNo: 'X'.repeat(129) }) }));
    expect(e.code).toBe(FieldMappingErrorCode.INVALID_VALUE);
    expect(e.message).toContain('article 4711: sku');
    expect(e.message).toContain('at most 128');
  });

  it('control characters in an article number become spaces', async () => {
    const twin = await run({ operation: 'sendArticle', article: article({ articleNo: 'BLÅ\t100\n' }) });
    expect(twin.products[0].sku).toBe('BLÅ 100');
  });

  it('a value TwinXML refuses is an error naming the article and the field, not a failure at batch encode', async () => {
    const e = await failure(run({ operation: 'sendArticle', article: article({ salesPrice: new Decimal('-5') }) }));
    expect(e.code).toBe(FieldMappingErrorCode.INVALID_VALUE);
    expect(e.message).toBe(
      'Value cannot be sent to the shop (article 4711 (BLÅ-100)): Products/Product[1]/Price: must not be negative',
    );
  });

  it('rule results are kept within the schema: a made-up GTIN is dropped, an empty name keeps the default', async () => {
    const profile = profileWith({ rules: { product: { gtin: '"ABC-123"', name: '""' } } });
    const twin = await run({ operation: 'sendArticle', article: article() }, profile);
    expect(twin.products[0].gtins).toEqual(['7038010055690']);
    expect(twin.products[0].name).toBe('Blåbærsyltetøy');
    expect(twin.warnings).toEqual(
      expect.arrayContaining([
        'article 4711: not a GTIN (8, 12, 13 or 14 digits), not sent: ABC-123',
        'article 4711: the name rule gave no text, using "Blåbærsyltetøy"',
      ]),
    );
  });

  it('measures and cost at TwinXML scale: weight × factor at 3 decimals, cost at 4, negatives never sent', async () => {
    const profile = profileWith({ articles: { measures: { weightFactor: '0.001' } } });
    const twin = await run(
      {
        operation: 'sendArticle',
        article: article({
          weight: new Decimal('0.35'),
          costPrice: new Decimal('21.123456'),
          width: new Decimal('-3'),
        }),
      },
      profile,
    );
    expect(twin.products[0].weight?.toString()).toBe('0');
    expect(twin.products[0].cost?.toString()).toBe('21.1235');
    expect(twin.products[0].dimensions?.width.toString()).toBe('0');
    const negativeCost = await run({ operation: 'sendArticle', article: article({ costPrice: new Decimal('-1') }) });
    expect(negativeCost.products[0].cost).toBeUndefined();
  });
});
