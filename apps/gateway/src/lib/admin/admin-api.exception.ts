import { PcknopError, withDetail } from '@pcknop/errors';

/** Everything the admin API can refuse; each code has one HTTP status and one problem title. */
export enum AdminErrorCode {
  Unauthorized = 'UNAUTHORIZED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  TenantNotFound = 'TENANT_NOT_FOUND',
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedBody = 'MALFORMED_BODY',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  LoginTaken = 'LOGIN_TAKEN',
  ShopNotConfigured = 'SHOP_NOT_CONFIGURED',
  ShopUnreachable = 'SHOP_UNREACHABLE',
  SecretsKeyMissing = 'SECRETS_KEY_MISSING',
  Internal = 'INTERNAL',
}

export function adminErrorStatus(code: AdminErrorCode): number {
  switch (code) {
    case AdminErrorCode.Unauthorized:
      return 401;
    case AdminErrorCode.Forbidden:
      return 403;
    case AdminErrorCode.NotFound:
    case AdminErrorCode.TenantNotFound:
      return 404;
    case AdminErrorCode.ValidationFailed:
    case AdminErrorCode.MalformedBody:
      return 400;
    case AdminErrorCode.UnsupportedMediaType:
      return 415;
    case AdminErrorCode.LoginTaken:
    case AdminErrorCode.ShopNotConfigured:
      return 409;
    case AdminErrorCode.ShopUnreachable:
      return 502;
    case AdminErrorCode.SecretsKeyMissing:
    case AdminErrorCode.Internal:
      return 500;
  }
}

/** The problem `title` (RFC 9457): short, the same for every occurrence of the code. */
export function adminErrorTitle(code: AdminErrorCode): string {
  switch (code) {
    case AdminErrorCode.Unauthorized:
      return 'A valid bearer token is required';
    case AdminErrorCode.Forbidden:
      return 'This token may not do that';
    case AdminErrorCode.NotFound:
      return 'Not found';
    case AdminErrorCode.TenantNotFound:
      return 'No such tenant';
    case AdminErrorCode.ValidationFailed:
      return 'The request is not valid';
    case AdminErrorCode.MalformedBody:
      return 'The body cannot be read';
    case AdminErrorCode.UnsupportedMediaType:
      return 'Unsupported content type';
    case AdminErrorCode.LoginTaken:
      return 'Another tenant already uses this PCK login';
    case AdminErrorCode.ShopNotConfigured:
      return 'The tenant has no shop connection';
    case AdminErrorCode.ShopUnreachable:
      return 'The shop could not be reached';
    case AdminErrorCode.SecretsKeyMissing:
      return 'SECRETS_KEY is not set';
    case AdminErrorCode.Internal:
      return 'Internal error';
  }
}

/** One field problem of a request, addressed by JSON pointer (`/options/images`, `query/limit`). */
export interface FieldError {
  pointer: string;
  detail: string;
}

/** The one error type of the admin API; rendered as application/problem+json. */
export class AdminError extends PcknopError<AdminErrorCode> {
  override readonly name = 'AdminError';

  constructor(
    code: AdminErrorCode,
    detail?: string,
    readonly errors?: readonly FieldError[],
    options?: { cause?: unknown },
  ) {
    super(code, withDetail(adminErrorTitle(code), detail, ': '), { detail, cause: options?.cause });
  }

  get status(): number {
    return adminErrorStatus(this.code);
  }
}
