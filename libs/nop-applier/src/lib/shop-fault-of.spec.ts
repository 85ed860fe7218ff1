import { BatchingError, BatchingErrorCode, ShopFaultCode } from '@pcknop/batching-engine';
import { NopClientError, NopErrorCode } from '@pcknop/nopcommerce-client';
import { isNotTried, shopFaultOf } from './shop-fault-of';

describe('shopFaultOf', () => {
  it('names errors about the shop, not about one record', () => {
    const of = (code: NopErrorCode, status?: number) => shopFaultOf(new NopClientError(code, { status }))?.code;
    expect(of(NopErrorCode.InvalidCredentials, 401)).toBe(ShopFaultCode.Auth);
    expect(of(NopErrorCode.Unauthorized, 401)).toBe(ShopFaultCode.Auth);
    expect(of(NopErrorCode.Forbidden, 403)).toBe(ShopFaultCode.Forbidden);
    expect(of(NopErrorCode.RateLimited, 503)).toBe(ShopFaultCode.RateLimited);
    expect(of(NopErrorCode.ServerError, 500)).toBe(ShopFaultCode.Server);
    expect(of(NopErrorCode.HttpError, 502)).toBe(ShopFaultCode.Server);
    expect(of(NopErrorCode.Timeout)).toBe(ShopFaultCode.Timeout);
    expect(of(NopErrorCode.Network)).toBe(ShopFaultCode.Unreachable);
    expect(of(NopErrorCode.CircuitOpen)).toBe(ShopFaultCode.CircuitOpen);
    for (const code of [
      NopErrorCode.NotFound,
      NopErrorCode.BadRequest,
      NopErrorCode.InvalidArgument,
      NopErrorCode.OperationRejected,
    ])
      expect(of(code, 400)).toBeUndefined();
    expect(of(NopErrorCode.HttpError, 409)).toBeUndefined();
    expect(shopFaultOf(new Error('plain'))).toBeUndefined();
  });

  it('judges an unknown outcome by the failure behind it, and keeps the Retry-After', () => {
    const cut = new NopClientError(NopErrorCode.OutcomeUnknown, { cause: new NopClientError(NopErrorCode.Network) });
    expect(shopFaultOf(cut)?.code).toBe(ShopFaultCode.Unreachable);
    expect(
      shopFaultOf(
        new NopClientError(NopErrorCode.OutcomeUnknown, { cause: new NopClientError(NopErrorCode.BadRequest) }),
      ),
    ).toBeUndefined();
    expect(
      shopFaultOf(new NopClientError(NopErrorCode.RateLimited, { status: 429, retryAfterMs: 7000 })),
    ).toMatchObject({ retryAfterMs: 7000 });
    expect(
      shopFaultOf(
        new NopClientError(NopErrorCode.CircuitOpen, {
          cause: new NopClientError(NopErrorCode.RateLimited, { status: 503 }),
        }),
      )?.code,
    ).toBe(ShopFaultCode.RateLimited);
    expect(shopFaultOf(new NopClientError(NopErrorCode.CircuitOpen, { cause: new Error('broken') }))?.code).toBe(
      ShopFaultCode.CircuitOpen,
    );
  });

  it('a stopped batch or a lost lease means not tried', () => {
    expect(isNotTried(new BatchingError(BatchingErrorCode.LeaseLost))).toBe(true);
    expect(isNotTried(new BatchingError(BatchingErrorCode.Stopping))).toBe(true);
    expect(isNotTried(new BatchingError(BatchingErrorCode.InvalidRecord))).toBe(false);
  });
});
