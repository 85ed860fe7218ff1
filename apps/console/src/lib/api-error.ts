import { PcknopError } from '@pcknop/errors';

/** Why an admin API call failed, with a Norwegian sentence the console can show as is. */
export enum ApiErrorCode {
  Unauthorized = 'UNAUTHORIZED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Invalid = 'INVALID',
  Conflict = 'CONFLICT',
  ShopUnreachable = 'SHOP_UNREACHABLE',
  Server = 'SERVER',
  Network = 'NETWORK',
}

function norwegian(code: ApiErrorCode): string {
  switch (code) {
    case ApiErrorCode.Unauthorized:
      return 'Nøkkelen ble ikke godtatt. Logg inn på nytt.';
    case ApiErrorCode.Forbidden:
      return 'Denne nøkkelen har ikke tilgang til dette.';
    case ApiErrorCode.NotFound:
      return 'Fant ikke det du spurte etter.';
    case ApiErrorCode.Invalid:
      return 'Noe i skjemaet er ikke gyldig.';
    case ApiErrorCode.Conflict:
      return 'Det finnes allerede, eller passer ikke med det som er lagret.';
    case ApiErrorCode.ShopUnreachable:
      return 'Nettbutikken svarte ikke som den skulle.';
    case ApiErrorCode.Server:
      return 'Gatewayen fikk en feil. Prøv igjen om litt.';
    case ApiErrorCode.Network:
      return 'Får ikke kontakt med gatewayen.';
  }
}

export function codeForStatus(status: number): ApiErrorCode {
  if (status === 401) return ApiErrorCode.Unauthorized;
  if (status === 403) return ApiErrorCode.Forbidden;
  if (status === 404) return ApiErrorCode.NotFound;
  if (status === 400 || status === 422) return ApiErrorCode.Invalid;
  if (status === 409) return ApiErrorCode.Conflict;
  if (status === 502 || status === 504) return ApiErrorCode.ShopUnreachable;
  return ApiErrorCode.Server;
}

export class ApiError extends PcknopError<ApiErrorCode> {
  override readonly name = 'ApiError';
  /** The Norwegian sentence for the user. */
  readonly human: string;
  constructor(
    code: ApiErrorCode,
    readonly status: number,
    /** What the server said (problem+json `detail`, or `error`), shown as technical detail. */
    detail?: string,
    readonly issues?: readonly string[],
  ) {
    super(code, detail ?? norwegian(code), { detail });
    this.human = norwegian(code);
  }
}
