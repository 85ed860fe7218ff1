import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { decimalToWire, excludeVat, includeVat, roundOre, toDecimal } from './money';
import { FieldMappingError } from './field-mapping.exception';

const ore = fc.integer({ min: 1, max: 99_999_999 }).map((n) => new Decimal(n).div(100));
const rate = fc.constantFrom('25', '15', '12', '0', '11.11').map((r) => new Decimal(r));

describe('money', () => {
  it('reads decimals exactly, with comma or point', () => {
    expect(toDecimal('199,90')!.toString()).toBe('199.9');
    expect(toDecimal(0.1)!.plus(toDecimal('0.2')!).toString()).toBe('0.3');
    expect(toDecimal(undefined)).toBeUndefined();
    expect(() => toDecimal('abc', 'salesPrice')).toThrow(FieldMappingError);
  });

  it('rounds half away from zero to øre', () => {
    expect(roundOre(new Decimal('10.005')).toString()).toBe('10.01');
    expect(roundOre(new Decimal('10.0049')).toString()).toBe('10');
  });

  it('net price at 4 decimals always adds back to the same øre', () => {
    fc.assert(
      fc.property(ore, rate, (gross, r) => {
        expect(includeVat(excludeVat(gross, r), r).eq(gross)).toBe(true);
      }),
    );
  });

  it('wire numbers carry øre exactly', () => {
    fc.assert(
      fc.property(ore, (gross) => {
        expect(new Decimal(String(decimalToWire(gross))).eq(gross)).toBe(true);
      }),
    );
  });
});
