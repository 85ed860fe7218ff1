import { FieldMappingError } from '@pcknop/field-mapping';
import { NopClientError } from '@pcknop/nopcommerce-client';
import { StoreError, StoreErrorCode } from '@pcknop/staging-store';
import { GatewayError, GatewayErrorCode } from './gateway.exception';

// Node/pg errors that mean "the database is not there or not answering", never "your data is wrong".
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EPIPE',
  'EAI_AGAIN',
]);

function isDatabaseFailure(error: unknown): boolean {
  if (error instanceof StoreError) return error.code === StoreErrorCode.DatabaseUnavailable;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (CONNECTION_CODES.has(code)) return true;
    // SQLSTATE classes 08 (connection), 53 (resources), 57 (operator intervention: statement timeout 57014,
    // shutdown), 40 (serialisation/deadlock): all temporary.
    if (/^(08|53|57|40)/.test(code)) return true;
  }
  const msg = error.message;
  return (
    /timeout|terminated|Connection|connect|ECONNREFUSED|database system is/i.test(msg) ||
    (error.cause !== undefined && isDatabaseFailure(error.cause))
  );
}

/** Any failure of a call → the GatewayError that tells PCK what to do (retry soon, later, or ask the user). */
export function classifyFailure(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof StoreError && error.code === StoreErrorCode.Busy)
    return new GatewayError(GatewayErrorCode.DeliveryInProgress, undefined, { cause: error, technical: error.message });
  if (error instanceof FieldMappingError)
    return new GatewayError(GatewayErrorCode.MappingFailed, error.message, { cause: error, technical: error.message });
  if (error instanceof NopClientError) {
    switch (error.type) {
      case 'auth':
        return new GatewayError(GatewayErrorCode.ShopAuthFailed, undefined, { cause: error, technical: error.message });
      case 'server':
      case 'transport':
      case 'resilience':
        return new GatewayError(GatewayErrorCode.ShopUnreachable, undefined, {
          cause: error,
          technical: error.message,
        });
      case 'client':
      case 'usage':
      case 'business':
        return new GatewayError(GatewayErrorCode.ShopRejected, error.shopMessage ?? error.message, {
          cause: error,
          technical: error.message,
        });
    }
  }
  if (isDatabaseFailure(error))
    return new GatewayError(GatewayErrorCode.DatabaseUnavailable, undefined, { cause: error });
  // A value out of any usable range (an impossible date, a number no type holds): retrying cannot help, so PCK
  // must not be told 2 (it would retry for ever); the user can correct it.
  if (error instanceof RangeError) return new GatewayError(GatewayErrorCode.UnusableValue, undefined, { cause: error });
  return new GatewayError(GatewayErrorCode.InternalError, undefined, { cause: error });
}
