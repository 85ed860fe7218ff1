import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { buildAttributesXml, parseAttributesXml, sameSelections } from './attributes-xml';
import { jwtExpiryMs } from './jwt-expiry';
import { decimalFromWire, decimalToWire, quantityToWire } from './money';
import { NopClientError, NopErrorCode, describeNopErrorCode, errorTypeOf } from './nop-client-error';
import { collect, paginate } from './paging';
import { buildQuery, idList } from './query-string';
import { formatUtc } from './nop-date';
import { parseApiVersion, pictureUploadModeFor } from './nop-web-api-client';
import { makeToken } from '../../test/support/local-server';

describe('wire codecs', () => {
  it('attributes_xml round-trips any selection set (order-insensitive)', () => {
    const sel = fc.array(
      fc.record({ mappingId: fc.integer({ min: 1, max: 1e6 }), valueId: fc.integer({ min: 1, max: 1e6 }) }),
      { maxLength: 5 },
    );
    fc.assert(fc.property(sel, (s) => sameSelections(parseAttributesXml(buildAttributesXml(s)), s)));
    expect(buildAttributesXml([{ mappingId: 3, valueId: 7 }])).toBe(
      '<Attributes><ProductAttribute ID="3"><ProductAttributeValue><Value>7</Value></ProductAttributeValue></ProductAttribute></Attributes>',
    );
  });

  it('id lists are `;`-separated integers and refuse non-integers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { minLength: 1 }),
        (ids) => idList(ids).toString().split(';').map(Number).join() === ids.join(),
      ),
    );
    expect(() => idList([1.5])).toThrow(NopClientError);
    expect(buildQuery({ osIds: idList([10, 20]), a: undefined, b: null, d: new Date('2025-11-01T00:00:00Z') })).toBe(
      '?osIds=10%3B20&d=2025-11-01T00%3A00%3A00',
    );
  });

  it('dates go out as UTC without Z', () => {
    expect(formatUtc(new Date('2025-11-28T12:34:56.789Z'))).toBe('2025-11-28T12:34:56');
  });

  it('money survives wire conversion to 4 decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 9999 }), (whole, frac) => {
        const d = new Decimal(`${whole}.${String(frac).padStart(4, '0')}`);
        return decimalFromWire(decimalToWire(d)).equals(d);
      }),
    );
    expect(decimalFromWire(25.1).toString()).toBe('25.1');
    expect(decimalToWire(new Decimal('1.23456'))).toBe(1.2346);
    expect(() => quantityToWire(new Decimal('1.5'))).toThrow(NopClientError);
    expect(quantityToWire(3)).toBe(3);
  });

  it('reads the JWT exp claim', () => {
    const t = makeToken(600);
    expect(Math.abs(jwtExpiryMs(t)! - (Date.now() + 600_000))).toBeLessThan(5_000);
    expect(jwtExpiryMs('not-a-jwt')).toBeUndefined();
  });

  it('every error code has a message and a type', () => {
    for (const code of Object.values(NopErrorCode)) {
      expect(describeNopErrorCode(code).length).toBeGreaterThan(10);
      expect(errorTypeOf(code)).toBeTruthy();
    }
    const e = new NopClientError(NopErrorCode.NotFound, {
      status: 404,
      shopMessage: 'Product Id=5 not found',
      method: 'GET',
      path: '/x',
    });
    expect(e.message).toContain('HTTP 404');
    expect(e.message).toContain('Product Id=5 not found');
    expect(e.transient).toBe(false);
    expect(new NopClientError(NopErrorCode.RateLimited).transient).toBe(true);
  });

  it('paginates with pageSize always sent and stops on the last page', async () => {
    const asked: Array<[number, number]> = [];
    const all = await collect(
      paginate(async (i, s) => {
        asked.push([i, s]);
        const items = Array.from({ length: Math.max(0, Math.min(s, 5 - i * s)) }, (_, k) => i * s + k);
        return {
          items,
          page_index: i,
          page_size: s,
          total_count: 5,
          total_pages: Math.ceil(5 / s),
          has_next_page: i + 1 < Math.ceil(5 / s),
        };
      }, 2),
    );
    expect(all).toEqual([0, 1, 2, 3, 4]);
    expect(asked).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
  });

  it('picks the picture upload format from the version', () => {
    expect(pictureUploadModeFor(parseApiVersion('v4.60.00'))).toBe('base64-json');
    expect(pictureUploadModeFor(parseApiVersion('v4.70.1'))).toBe('multipart');
    expect(pictureUploadModeFor(parseApiVersion('v4.80.1'))).toBe('multipart');
  });
});
