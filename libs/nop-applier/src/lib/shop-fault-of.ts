import { BatchingError, BatchingErrorCode, ShopFaultCode, type ShopFault } from '@pcknop/batching-engine';
import { NopClientError, NopErrorCode } from '@pcknop/nopcommerce-client';

/**
 * Which client errors are about the shop rather than the record sent (the engine pauses the tenant for those and
 * counts no attempt). An unknown outcome is judged by the failure behind it: a create cut off by an outage is
 * checked again (binding, SKU, content hash) when the shop is back.
 */
export function shopFaultOf(error: unknown): ShopFault | undefined {
  if (!(error instanceof NopClientError)) return undefined;
  if (error.code === NopErrorCode.OutcomeUnknown || error.code === NopErrorCode.CircuitOpen) {
    // An open circuit: named by the failures that opened it (a 503 outage stays a 503 outage).
    if (error.code === NopErrorCode.CircuitOpen && !(error.cause instanceof NopClientError))
      return { code: ShopFaultCode.CircuitOpen, message: `${error.code}: ${error.message}` };
    const behind = shopFaultOf(error.cause);
    return behind && { ...behind, message: error.message };
  }
  const code = codeOf(error);
  return (
    code && {
      code,
      message: `${error.code}: ${error.message}`,
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    }
  );
}

function codeOf(e: NopClientError): ShopFaultCode | undefined {
  switch (e.code) {
    case NopErrorCode.InvalidCredentials:
    case NopErrorCode.Unauthorized:
      return ShopFaultCode.Auth;
    case NopErrorCode.Forbidden:
      return ShopFaultCode.Forbidden;
    case NopErrorCode.RateLimited:
      return ShopFaultCode.RateLimited;
    case NopErrorCode.ServerError:
      return ShopFaultCode.Server;
    case NopErrorCode.HttpError:
      return e.status !== undefined && e.status >= 500 ? ShopFaultCode.Server : undefined;
    case NopErrorCode.Timeout:
      return ShopFaultCode.Timeout;
    case NopErrorCode.Network:
      return ShopFaultCode.Unreachable;
    case NopErrorCode.CircuitOpen:
    case NopErrorCode.BulkheadFull:
      return ShopFaultCode.CircuitOpen;
    case NopErrorCode.NotFound:
    case NopErrorCode.BadRequest:
    case NopErrorCode.InvalidResponse:
    case NopErrorCode.InvalidArgument:
    case NopErrorCode.OperationRejected:
    case NopErrorCode.OutcomeUnknown:
    case NopErrorCode.UnsupportedVersion:
      return undefined;
  }
}

/** The batch was stopped or lost its lease: the record was not tried (no attempt). */
export function isNotTried(error: unknown): boolean {
  return (
    error instanceof BatchingError &&
    (error.code === BatchingErrorCode.LeaseLost || error.code === BatchingErrorCode.Stopping)
  );
}
