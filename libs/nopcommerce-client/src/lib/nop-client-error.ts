import { PcknopError } from '@pcknop/errors';

/** Every failure the client reports. `type` groups codes so callers can branch coarsely. */
export enum NopErrorCode {
  InvalidCredentials = 'INVALID_CREDENTIALS',
  Unauthorized = 'UNAUTHORIZED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  BadRequest = 'BAD_REQUEST',
  ServerError = 'SERVER_ERROR',
  RateLimited = 'RATE_LIMITED',
  HttpError = 'HTTP_ERROR',
  Timeout = 'TIMEOUT',
  Network = 'NETWORK',
  CircuitOpen = 'CIRCUIT_OPEN',
  BulkheadFull = 'BULKHEAD_FULL',
  InvalidResponse = 'INVALID_RESPONSE',
  ResponseTooLarge = 'RESPONSE_TOO_LARGE',
  InvalidArgument = 'INVALID_ARGUMENT',
  OperationRejected = 'OPERATION_REJECTED',
  OutcomeUnknown = 'OUTCOME_UNKNOWN',
  UnsupportedVersion = 'UNSUPPORTED_VERSION',
}

export type NopErrorType = 'auth' | 'client' | 'server' | 'transport' | 'resilience' | 'usage' | 'business';

export interface NopClientErrorDetails {
  status?: number;
  /** The shop's own message (`message` of the error JSON, a JSON string body, or ProblemDetails title). */
  shopMessage?: string;
  innerMessage?: string;
  method?: string;
  path?: string;
  /** Milliseconds from a `Retry-After` header, when the shop sent one. */
  retryAfterMs?: number;
  /** Extra context, e.g. the error strings of a failed capture. */
  errors?: string[];
  cause?: unknown;
}

export function errorTypeOf(code: NopErrorCode): NopErrorType {
  switch (code) {
    case NopErrorCode.InvalidCredentials:
    case NopErrorCode.Unauthorized:
    case NopErrorCode.Forbidden:
      return 'auth';
    case NopErrorCode.NotFound:
    case NopErrorCode.BadRequest:
    case NopErrorCode.HttpError:
      return 'client';
    case NopErrorCode.ServerError:
    case NopErrorCode.RateLimited:
    case NopErrorCode.InvalidResponse:
    case NopErrorCode.ResponseTooLarge:
      return 'server';
    case NopErrorCode.Timeout:
    case NopErrorCode.Network:
      return 'transport';
    case NopErrorCode.CircuitOpen:
    case NopErrorCode.BulkheadFull:
      return 'resilience';
    case NopErrorCode.InvalidArgument:
    case NopErrorCode.UnsupportedVersion:
      return 'usage';
    case NopErrorCode.OperationRejected:
    case NopErrorCode.OutcomeUnknown:
      return 'business';
  }
}

export function describeNopErrorCode(code: NopErrorCode): string {
  switch (code) {
    case NopErrorCode.InvalidCredentials:
      return 'The shop rejected the API account credentials (wrong password, locked, inactive or MFA enabled)';
    case NopErrorCode.Unauthorized:
      return 'The shop rejected the token even after logging in again';
    case NopErrorCode.Forbidden:
      return 'The API account lacks the "Access Web API Backend" permission';
    case NopErrorCode.NotFound:
      return 'The requested entity does not exist in the shop';
    case NopErrorCode.BadRequest:
      return 'The shop refused the request as invalid';
    case NopErrorCode.ServerError:
      return 'The shop failed with a server error';
    case NopErrorCode.RateLimited:
      return 'The shop is rate limiting or temporarily unavailable';
    case NopErrorCode.HttpError:
      return 'The shop answered with an unexpected HTTP status';
    case NopErrorCode.Timeout:
      return 'The request to the shop timed out';
    case NopErrorCode.Network:
      return 'The connection to the shop failed';
    case NopErrorCode.CircuitOpen:
      return 'Calls to the shop are paused after repeated failures (circuit open)';
    case NopErrorCode.BulkheadFull:
      return 'Too many requests are queued for the shop';
    case NopErrorCode.InvalidResponse:
      return 'The shop answered with a body the client cannot read';
    case NopErrorCode.ResponseTooLarge:
      return 'The shop answered with a body larger than the client accepts (maxResponseBytes)';
    case NopErrorCode.InvalidArgument:
      return 'The client was called with an invalid argument';
    case NopErrorCode.OperationRejected:
      return 'The shop declined the operation';
    case NopErrorCode.OutcomeUnknown:
      return 'A non-idempotent call failed and its effect could not be confirmed';
    case NopErrorCode.UnsupportedVersion:
      return 'The shop runs a Web API version this adapter does not support';
  }
}

export class NopClientError extends PcknopError<NopErrorCode> {
  override readonly name = 'NopClientError';
  readonly type: NopErrorType;
  readonly status?: number;
  readonly shopMessage?: string;
  readonly innerMessage?: string;
  readonly method?: string;
  readonly path?: string;
  readonly retryAfterMs?: number;
  readonly errors?: string[];

  constructor(code: NopErrorCode, details: NopClientErrorDetails = {}) {
    const where = details.method && details.path ? ` [${details.method} ${details.path}]` : '';
    const status = details.status !== undefined ? ` (HTTP ${details.status})` : '';
    const shop = details.shopMessage ? `: ${details.shopMessage}` : '';
    super(code, `${describeNopErrorCode(code)}${status}${where}${shop}`, { cause: details.cause });
    this.type = errorTypeOf(code);
    this.status = details.status;
    this.shopMessage = details.shopMessage;
    this.innerMessage = details.innerMessage;
    this.method = details.method;
    this.path = details.path;
    this.retryAfterMs = details.retryAfterMs;
    this.errors = details.errors;
  }

  /** Transient: worth retrying an idempotent call. */
  get transient(): boolean {
    return (
      this.code === NopErrorCode.ServerError ||
      this.code === NopErrorCode.RateLimited ||
      this.code === NopErrorCode.Timeout ||
      this.code === NopErrorCode.Network ||
      (this.code === NopErrorCode.HttpError && this.status !== undefined && this.status >= 500)
    );
  }
}

export function isNopClientError(e: unknown, code?: NopErrorCode): e is NopClientError {
  return e instanceof NopClientError && (code === undefined || e.code === code);
}
