import fc from 'fast-check';
import { eanCheckDigit, isValidEan, norwegianEan13 } from './ean';

describe('EAN check digits', () => {
  it('matches published examples', () => {
    expect(isValidEan('4006381333931')).toBe(true);
    expect(isValidEan('73513537')).toBe(true);
    expect(isValidEan('4006381333932')).toBe(false);
    expect(eanCheckDigit('400638133393')).toBe(1);
  });

  it('gives Norwegian EAN-13s that validate and detect any single-digit error', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99999 }),
        fc.integer({ min: 0, max: 99999 }),
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1, max: 9 }),
        (company, item, pos, delta) => {
          const ean = norwegianEan13(company, item);
          expect(ean).toMatch(/^70\d{11}$/);
          expect(isValidEan(ean)).toBe(true);
          const wrong = ean.slice(0, pos) + String((Number(ean[pos]) + delta) % 10) + ean.slice(pos + 1);
          expect(isValidEan(wrong)).toBe(false);
        },
      ),
    );
  });
});
