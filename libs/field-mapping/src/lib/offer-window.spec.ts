import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { isOfferActive, LATEST_OFFER_MS, offerFromPck } from './offer-window';
import { formatLocal, instantOfWallTime, nextLocalMidnight } from './zoned-time';

const OSLO = 'Europe/Oslo';
const localMidnight = (y: number, m: number, d: number): number => instantOfWallTime(y, m, d, 0, OSLO).getTime();

describe('offer windows in Europe/Oslo', () => {
  it('finds local midnight on both sides of the spring switch (30 March 2025, 02:00 → 03:00)', () => {
    expect(new Date(localMidnight(2025, 3, 29)).toISOString()).toBe('2025-03-28T23:00:00.000Z');
    expect(new Date(localMidnight(2025, 3, 30)).toISOString()).toBe('2025-03-29T23:00:00.000Z');
    expect(new Date(localMidnight(2025, 3, 31)).toISOString()).toBe('2025-03-30T22:00:00.000Z');
  });

  it('a to-date on the 23-hour day ends at the next local midnight, not 24 h later', () => {
    const offer = offerFromPck(
      { price: new Decimal('99.90'), fromMs: localMidnight(2025, 3, 28), toMs: localMidnight(2025, 3, 30) },
      OSLO,
      true,
    )!;
    expect(offer.from!.toISOString()).toBe('2025-03-27T23:00:00.000Z');
    expect(offer.to!.toISOString()).toBe('2025-03-30T22:00:00.000Z');
    expect(offer.to!.getTime() - localMidnight(2025, 3, 30)).toBe(23 * 3600_000);
    expect(formatLocal(offer.to!, OSLO)).toBe('2025-03-31T00:00:00+02:00');
  });

  it('a to-date on the 25-hour day (26 October 2025) lasts 25 hours', () => {
    const to = localMidnight(2025, 10, 26);
    expect(new Date(to).toISOString()).toBe('2025-10-25T22:00:00.000Z');
    const offer = offerFromPck({ price: new Decimal(10), toMs: to }, OSLO, true)!;
    expect(offer.from).toBeUndefined();
    expect(offer.to!.toISOString()).toBe('2025-10-26T23:00:00.000Z');
    expect(formatLocal(offer.to!, OSLO)).toBe('2025-10-27T00:00:00+01:00');
    expect(isOfferActive(offer, new Date('2025-10-26T22:59:59.999Z'))).toBe(true);
    expect(isOfferActive(offer, new Date('2025-10-26T23:00:00.000Z'))).toBe(false);
  });

  it('keeps exact instants when the to-date is not a local midnight, or when inclusiveToDate is off', () => {
    const to = Date.UTC(2025, 2, 30, 12, 30);
    expect(offerFromPck({ price: new Decimal(1), toMs: to }, OSLO, true)!.to!.getTime()).toBe(to);
    const midnight = localMidnight(2025, 3, 30);
    expect(offerFromPck({ price: new Decimal(1), toMs: midnight }, OSLO, false)!.to!.getTime()).toBe(midnight);
  });

  it('no offer without a positive price or with an empty window', () => {
    expect(offerFromPck({ price: new Decimal(0) }, OSLO, true)).toBeUndefined();
    expect(offerFromPck({}, OSLO, true)).toBeUndefined();
    expect(offerFromPck({ price: new Decimal(5), fromMs: 2000, toMs: 1000 }, OSLO, false)).toBeUndefined();
  });

  it('nextLocalMidnight on an ordinary day is 24 h', () => {
    const m = localMidnight(2025, 6, 1);
    expect(nextLocalMidnight(new Date(m + 5 * 3600_000), OSLO).getTime() - m).toBe(24 * 3600_000);
  });
});

describe('offer window bounds no calendar holds', () => {
  it('9000000000000000 (PCK\u2019s "for ever") and other out-of-range bounds are open ends, never an error', () => {
    const offer = offerFromPck(
      { price: new Decimal('99'), fromMs: 1_700_000_000_000, toMs: 9_000_000_000_000_000 },
      OSLO,
      true,
    )!;
    expect(offer.from?.toISOString()).toBe(new Date(1_700_000_000_000).toISOString());
    expect(offer.to).toBeUndefined();
    expect(offerFromPck({ price: new Decimal('99'), fromMs: 9_000_000_000_000_000 }, OSLO, true)).toEqual({
      price: new Decimal('99'),
    });
    expect(offerFromPck({ price: new Decimal('99'), fromMs: -5 }, OSLO, true)).toEqual({ price: new Decimal('99') });
  });

  it('property: any integer bounds give an offer whose dates are valid and within 9999, or no offer', () => {
    const bound = fc.oneof(
      fc.integer({ min: -1e16, max: 1e16 }),
      fc.constantFrom(0, LATEST_OFFER_MS, LATEST_OFFER_MS + 1, 8.64e15, 9e15, Number.MAX_SAFE_INTEGER),
    );
    fc.assert(
      fc.property(bound, bound, fc.boolean(), (fromMs, toMs, inclusive) => {
        const offer = offerFromPck({ price: new Decimal('10'), fromMs, toMs }, OSLO, inclusive);
        for (const d of [offer?.from, offer?.to]) {
          if (d === undefined) continue;
          expect(Number.isNaN(d.getTime())).toBe(false);
          expect(d.getTime()).toBeGreaterThan(0);
          expect(d.getTime()).toBeLessThanOrEqual(LATEST_OFFER_MS);
          expect(() => d.toISOString()).not.toThrow();
        }
      }),
    );
  });
});
