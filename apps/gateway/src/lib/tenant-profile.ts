import { FieldMappingError, resolveTenantProfile, type MappingProfile } from '@pcknop/field-mapping';
import type { TenantRecord } from '@pcknop/staging-store';
import { GatewayError, GatewayErrorCode } from './gateway.exception';

/**
 * The tenant's mapping profile with its options laid over it (field-mapping's `resolveTenantProfile`, the one
 * reading shared with the scheduler and reconciliation), validated with every default filled in.
 */
export function profileOf(tenant: Pick<TenantRecord, 'mappingProfile' | 'options'>): MappingProfile {
  try {
    return resolveTenantProfile(tenant);
  } catch (error) {
    throw new GatewayError(GatewayErrorCode.InvalidProfile, undefined, {
      cause: error,
      technical: error instanceof FieldMappingError ? error.message : undefined,
    });
  }
}
