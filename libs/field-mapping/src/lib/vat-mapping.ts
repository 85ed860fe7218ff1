import { Decimal } from 'decimal.js';
import { FieldMappingError, FieldMappingErrorCode } from './field-mapping.exception';
import type { MappingProfile } from './profile/mapping-profile';

/**
 * The shop tax category for a PCK VAT percentage. Keys are compared as decimals ("25" = "25.00").
 * An unmapped rate is an error naming the rate, never a silent default: a wrong tax class is a wrong price.
 */
export function taxCategoryForVat(profile: MappingProfile, vatPercent: Decimal, path = 'vat'): number {
  for (const [rate, id] of Object.entries(profile.vat.rates)) {
    if (new Decimal(rate).eq(vatPercent)) return id;
  }
  throw new FieldMappingError(FieldMappingErrorCode.UNMAPPED_VAT_RATE, { value: vatPercent.toString(), path });
}

/** True when the profile maps this rate (used to fail early, at staging time, with PCK still on the line). */
export function isVatRateMapped(profile: MappingProfile, vatPercent: Decimal): boolean {
  return Object.keys(profile.vat.rates).some((rate) => new Decimal(rate).eq(vatPercent));
}
