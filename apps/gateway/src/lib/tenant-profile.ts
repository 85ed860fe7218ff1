import { defaultProfile, FieldMappingError, parseProfile, type MappingProfile } from '@pcknop/field-mapping';
import type { TenantRecord } from '@pcknop/staging-store';
import { GatewayError, GatewayErrorCode } from './gateway.exception';

/**
 * The tenant's mapping profile, validated with every default filled in. A tenant without a profile gets the
 * documented default; without a «Webshop kunde» id (options.webshopCustomerId) orders go customer-per-order.
 */
export function profileOf(tenant: Pick<TenantRecord, 'mappingProfile' | 'options'>): MappingProfile {
  try {
    if (tenant.mappingProfile !== null && tenant.mappingProfile !== undefined) return parseProfile(tenant.mappingProfile);
    const customerId = Number(tenant.options['webshopCustomerId']);
    if (Number.isInteger(customerId) && customerId > 0) return defaultProfile(customerId);
    return parseProfile({ schemaVersion: 1, orders: { customerMode: 'customerPerOrder' } });
  } catch (error) {
    throw new GatewayError(GatewayErrorCode.InvalidProfile, undefined, { cause: error, technical: error instanceof FieldMappingError ? error.message : undefined });
  }
}
