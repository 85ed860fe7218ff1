import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { TwinRecordKind, encodeTwinXml } from '@pcknop/twinxml';
import { buildDocument } from './build-document';
import { plainRecordJson, readStagedRecord, toStagedJson } from './record-json';
import { change, productRemoval, twinImage, twinProduct, twinStock } from './testing/fixtures';

const header = { tenantId: 't', sourceSystem: 'pckasse', currency: 'NOK', createdAt: new Date('2025-01-01T00:00:00Z') };

describe('record JSON form', () => {
  it('round-trips every catalogue kind, to the same TwinXML', () => {
    const records = [
      change(
        TwinRecordKind.Product,
        twinProduct(1, {
          variants: 2,
          offer: { price: '79.5', from: new Date('2025-02-01T00:00:00Z'), to: new Date('2025-03-01T00:00:00Z') },
        }),
      ),
      change(TwinRecordKind.Stock, twinStock(1, 4, 1)),
      change(TwinRecordKind.Image, twinImage(1, 3)),
      change(TwinRecordKind.Deletion, productRemoval(2)),
    ];
    const back = records.map((c) => ({ ...c, record: readStagedRecord(c.kind, toStagedJson(c.kind, c.record)) }));
    expect(encodeTwinXml(buildDocument({ ...header, batchId: 'b', sequence: 1 }, back))).toBe(
      encodeTwinXml(buildDocument({ ...header, batchId: 'b', sequence: 1 }, records)),
    );
  });

  it('reads a tombstone from what a plain JSON.stringify of the model gives (bytes as an index object)', () => {
    const img = twinImage(1, 1);
    const plain = JSON.parse(JSON.stringify({ ...img, data: new Uint8Array(img.data ?? []) })) as unknown;
    const back = readStagedRecord('image', plain, { tombstone: true }) as typeof img;
    expect(Buffer.from(back.data ?? []).equals(Buffer.from(img.data ?? []))).toBe(true);
  });

  it('property: decimals survive exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 99 }), (whole, ore) => {
        const p = twinProduct(1, { price: `${whole}.${String(ore).padStart(2, '0')}` });
        const back = readStagedRecord('product', toStagedJson('product', p)) as typeof p;
        expect(back.price.equals(p.price)).toBe(true);
        expect(back.price).toBeInstanceOf(Decimal);
      }),
    );
  });

  it('reads the plain fallback form of a tombstone too', () => {
    const p = twinProduct(2, { variants: 1 });
    const back = readStagedRecord('product', plainRecordJson(p), { tombstone: true }) as typeof p;
    expect(back.variants[0].stock?.toString()).toBe('5');
  });

  it('refuses a live record twinxml cannot read, naming the field, instead of guessing (a product without a price)', () => {
    const json = toStagedJson('product', twinProduct(3)) as Record<string, unknown>;
    delete json.price;
    expect(() => readStagedRecord('product', json)).toThrow(/price: is required/);
    expect(() => readStagedRecord('product', json)).toThrow(expect.objectContaining({ code: 'INVALID_RECORD' }));
  });

  it('rejects kinds that are not catalogue records', () => {
    expect(() => readStagedRecord('order', {})).toThrow(/catalogue/);
    expect(() => readStagedRecord('nonsense', {})).toThrow(/kind/);
  });
});
