import { Decimal } from 'decimal.js';
import { FieldMappingError, FieldMappingErrorCode } from './field-mapping.exception';
import { defaultProfile } from './profile/validate-profile';
import { isVatRateMapped, taxCategoryForVat } from './vat-mapping';

describe('taxCategoryForVat', () => {
  const profile = defaultProfile(1);

  it('maps every default Norwegian rate, compared as decimals', () => {
    expect(taxCategoryForVat(profile, new Decimal('25.00'))).toBe(1);
    expect(taxCategoryForVat(profile, new Decimal(15))).toBe(2);
    expect(taxCategoryForVat(profile, new Decimal('12'))).toBe(3);
    expect(taxCategoryForVat(profile, new Decimal('0.0'))).toBe(4);
  });

  it('names an unmapped rate instead of defaulting', () => {
    expect(isVatRateMapped(profile, new Decimal('11.11'))).toBe(false);
    try {
      taxCategoryForVat(profile, new Decimal('11.11'), 'article 42 vat');
      throw new Error('expected an error');
    } catch (e) {
      const err = e as FieldMappingError;
      expect(err.code).toBe(FieldMappingErrorCode.UNMAPPED_VAT_RATE);
      expect(err.details.value).toBe('11.11');
      expect(err.message).toContain('11.11 %');
      expect(err.message).toContain('article 42 vat');
    }
  });
});
