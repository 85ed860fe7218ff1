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
    expect(() => recordFromJson('product', { ...json, price: 'tolv kroner' })).toThrow(
      expect.objectContaining({ code: TwinXmlErrorCode.Invalid }),
    );
    expect(() => recordFromJson('product', { ...json, price: 'tolv kroner' })).toThrow(/\/product\/price/);
    expect(() => recordFromJson('product', { ...json, name: undefined })).toThrow(/\/product\/name: is required/);
    expect(() => recordToJson('product', { ...sampleDocument().products![0], price: 12 as never })).toThrow(
      expect.objectContaining({ code: TwinXmlErrorCode.InvalidModel }),
    );
  });

  it('reads plain JSON of a model too (integers, booleans, JSON.stringify of Decimal and Date)', () => {
    const product = sampleDocument().products![0];
    const plain = JSON.parse(JSON.stringify(product));
    expect(typeof plain.published).toBe('boolean');
    expect(typeof plain.price).toBe('string');
    expect(recordFromJson('product', plain)).toEqual(product);
    const category = sampleDocument().categories![0];
    const plainCategory = JSON.parse(JSON.stringify(category));
    expect(typeof plainCategory.level).toBe('number');
    expect(recordFromJson('category', plainCategory)).toEqual(category);
    expect(recordFromJson('category', { ...plainCategory, sortOrder: -7 }).sortOrder).toBe(-7);
  });

  it('refuses a JSON number for a decimal: it may already have lost precision as a binary float', () => {
    const plain = JSON.parse(JSON.stringify(sampleDocument().products![0]));
    const error = (json: unknown): unknown => {
      try {
        recordFromJson('product', json);
      } catch (e) {
        return e;
      }
      throw new Error('expected recordFromJson to throw');
    };
    expect(error({ ...plain, price: 1999 })).toMatchObject({
      code: TwinXmlErrorCode.Invalid,
      issues: [{ path: '/product/price', message: 'must be a string: decimals are stored as text' }],
    });
    // 0.1 + 0.2 prints as 0.30000000000000004: no longer the amount that was meant.
    expect(error({ ...plain, price: 0.1 + 0.2 })).toMatchObject({ issues: [{ path: '/product/price' }] });
    expect(recordFromJson('product', { ...plain, price: '1999' }).price.toString()).toBe('1999');
  });

  it('accepts numbers only where they are exact, booleans only for flags, and names the path', () => {
    const category = JSON.parse(JSON.stringify(sampleDocument().categories![0]));
    const issuesOf = (json: unknown): unknown => {
      try {
        recordFromJson('category', json);
      } catch (e) {
        return (e as { issues: unknown }).issues;
      }
      throw new Error('expected recordFromJson to throw');
    };
    expect(issuesOf({ ...category, sortOrder: 2 ** 60 })).toEqual([
      { path: '/category/sortOrder', message: 'must be a string: too large to be exact as a JSON number' },
    ]);
    expect(issuesOf({ ...category, level: true })).toEqual([
      { path: '/category/level', message: 'must be a string or an integer' },
    ]);
    expect(issuesOf({ ...category, published: 1 })).toEqual([
      { path: '/category/published', message: 'must be a string or a boolean' },
    ]);
    // A key written as a number would lose leading zeros ("0042" → 42), so keys must be text.
    expect(issuesOf({ ...category, key: 42 })).toEqual([{ path: '/category/key', message: 'must be a string' }]);
    expect(issuesOf({ ...category, name: true })).toEqual([{ path: '/category/name', message: 'must be a string' }]);
  });
});
