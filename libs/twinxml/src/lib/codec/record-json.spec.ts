import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { twinDocument } from '../../../test/arbitraries';
import { sampleDocument } from '../../../test/sample-document';
import { SECTIONS } from '../schema/specs';
import { TwinXmlErrorCode } from '../twinxml-error';
import { recordFromJson, recordToJson } from './record-json';

describe('record JSON form', () => {
  it('recordFromJson(recordToJson(x)) equals x for every record of generated documents, through JSON text', () => {
    fc.assert(
      fc.property(twinDocument, (doc) => {
        for (const section of SECTIONS) {
          const items = (doc[section.prop] ?? []) as never[];
          for (const record of items) {
            const stored = JSON.parse(JSON.stringify(recordToJson(section.kind, record)));
            expect(recordFromJson(section.kind, stored)).toEqual(record);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is canonical: every leaf is text at its fixed scale, so equal content gives equal JSON', () => {
    const product = sampleDocument().products![0];
    const json = recordToJson('product', product);
    expect(typeof json.price).toBe('string');
    const same = recordToJson('product', { ...product, price: new Decimal(product.price.toFixed(6)) });
    expect(JSON.stringify(same)).toBe(JSON.stringify(json));
  });

  it('names the field of an invalid stored record', () => {
    const json = recordToJson('product', sampleDocument().products![0]) as Record<string, unknown>;
    expect(() => recordFromJson('product', { ...json, price: 'tolv kroner' })).toThrow(expect.objectContaining({ code: TwinXmlErrorCode.Invalid }));
    expect(() => recordFromJson('product', { ...json, price: 'tolv kroner' })).toThrow(/\/product\/price/);
    expect(() => recordFromJson('product', { ...json, name: undefined })).toThrow(/\/product\/name: is required/);
    expect(() => recordToJson('product', { ...sampleDocument().products![0], price: 12 as never })).toThrow(
      expect.objectContaining({ code: TwinXmlErrorCode.InvalidModel }),
    );
  });

  it('reads plain JSON of a model too (numbers, booleans, JSON.stringify of Decimal and Date)', () => {
    const product = sampleDocument().products![0];
    const plain = JSON.parse(JSON.stringify(product));
    expect(typeof plain.published).toBe('boolean');
    expect(recordFromJson('product', plain)).toEqual(product);
    expect(recordFromJson('product', { ...plain, price: 1999 }).price.toString()).toBe('1999');
  });
});
