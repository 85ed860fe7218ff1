import { PcknopError, withDetail } from '@pcknop/errors';
import { permanentError, retryLater, retrySoon, type InsertUpdateResponse } from '@pcknop/pck-contract';

/** Everything the gateway itself can refuse; each code maps to an operationResult and a Norwegian message for PCK. */
export enum GatewayErrorCode {
  WrongCredentials = 'WRONG_CREDENTIALS',
  TenantInactive = 'TENANT_INACTIVE',
  DatabaseUnavailable = 'DATABASE_UNAVAILABLE',
  DeadlineExceeded = 'DEADLINE_EXCEEDED',
  ShopUnreachable = 'SHOP_UNREACHABLE',
  ShopNotConfigured = 'SHOP_NOT_CONFIGURED',
  ShopRejected = 'SHOP_REJECTED',
  OrderNotFound = 'ORDER_NOT_FOUND',
  OrderLineNotFound = 'ORDER_LINE_NOT_FOUND',
  FractionalQuantity = 'FRACTIONAL_QUANTITY',
  CreditExceedsCaptured = 'CREDIT_EXCEEDS_CAPTURED',
  CaptureDeclined = 'CAPTURE_DECLINED',
  UnknownOrderStatus = 'UNKNOWN_ORDER_STATUS',
  MappingFailed = 'MAPPING_FAILED',
  InvalidProfile = 'INVALID_PROFILE',
  NotSupported = 'NOT_SUPPORTED',
  DeliveryNotFound = 'DELIVERY_NOT_FOUND',
  ShopAuthFailed = 'SHOP_AUTH_FAILED',
  DeliveryInProgress = 'DELIVERY_IN_PROGRESS',
  ImageTooLarge = 'IMAGE_TOO_LARGE',
  InternalError = 'INTERNAL_ERROR',
  UnusableValue = 'UNUSABLE_VALUE',
}

export type ResultKind = 'permanent' | 'retrySoon' | 'retryLater';

/** How PCK should treat the code: permanent (1, the user must act) or retry (2 ≈ 5 min, 3 ≈ 1 h). */
export function resultKindOf(code: GatewayErrorCode): ResultKind {
  switch (code) {
    case GatewayErrorCode.DatabaseUnavailable:
    case GatewayErrorCode.DeadlineExceeded:
    case GatewayErrorCode.ShopUnreachable:
    case GatewayErrorCode.DeliveryInProgress:
    case GatewayErrorCode.InternalError:
      return 'retrySoon';
    case GatewayErrorCode.ShopNotConfigured:
    case GatewayErrorCode.ShopAuthFailed:
      return 'retryLater';
    case GatewayErrorCode.WrongCredentials:
    case GatewayErrorCode.TenantInactive:
    case GatewayErrorCode.ShopRejected:
    case GatewayErrorCode.OrderNotFound:
    case GatewayErrorCode.OrderLineNotFound:
    case GatewayErrorCode.FractionalQuantity:
    case GatewayErrorCode.CreditExceedsCaptured:
    case GatewayErrorCode.CaptureDeclined:
    case GatewayErrorCode.UnknownOrderStatus:
    case GatewayErrorCode.MappingFailed:
    case GatewayErrorCode.InvalidProfile:
    case GatewayErrorCode.NotSupported:
    case GatewayErrorCode.DeliveryNotFound:
    case GatewayErrorCode.UnusableValue:
    case GatewayErrorCode.ImageTooLarge:
      return 'permanent';
  }
}

/** The message PCK shows its user (humanErrorMessage): Norwegian, short, actionable. */
export function gatewayErrorMessage(code: GatewayErrorCode): string {
  switch (code) {
    case GatewayErrorCode.WrongCredentials:
      return 'Feil brukernavn eller passord for nettbutikken. Kontroller innlogging og passord under Webshop oppsett i PCKasse.';
    case GatewayErrorCode.TenantInactive:
      return 'Nettbutikk-koblingen er deaktivert. Kontakt leverandøren av integrasjonen.';
    case GatewayErrorCode.DatabaseUnavailable:
      return 'Integrasjonen er midlertidig utilgjengelig (database). PCKasse prøver igjen automatisk.';
    case GatewayErrorCode.DeadlineExceeded:
      return 'Integrasjonen svarte ikke i tide. PCKasse prøver igjen automatisk.';
    case GatewayErrorCode.ShopUnreachable:
      return 'Nettbutikken svarer ikke akkurat nå. Ingenting er tapt; PCKasse prøver igjen om noen minutter.';
    case GatewayErrorCode.ShopNotConfigured:
      return 'Nettbutikken er ikke koblet til integrasjonen ennå (adresse eller innlogging mangler). PCKasse prøver igjen senere.';
    case GatewayErrorCode.ShopRejected:
      return 'Nettbutikken avviste forespørselen.';
    case GatewayErrorCode.OrderNotFound:
      return 'Ordren finnes ikke i nettbutikken.';
    case GatewayErrorCode.OrderLineNotFound:
      return 'En ordrelinje finnes ikke på ordren i nettbutikken.';
    case GatewayErrorCode.FractionalQuantity:
      return 'Nettbutikken støtter bare hele antall. Lever hele antall, eller endre antallet på ordrelinjen.';
    case GatewayErrorCode.CreditExceedsCaptured:
      return 'Kreditbeløpet er større enn det som er trukket fra kunden.';
    case GatewayErrorCode.CaptureDeclined:
      return 'Betalingen kunne ikke trekkes i nettbutikken (kortbetalingen er bare reservert). Sjekk ordren i nettbutikken og send leveringen på nytt.';
    case GatewayErrorCode.UnknownOrderStatus:
      return 'Ukjent ordrestatus fra PCKasse.';
    case GatewayErrorCode.MappingFailed:
      return 'Varen kunne ikke overføres til nettbutikken.';
    case GatewayErrorCode.InvalidProfile:
      return 'Feltmappingen for denne nettbutikken er ugyldig. Kontakt leverandøren av integrasjonen.';
    case GatewayErrorCode.NotSupported:
      return 'Denne funksjonen støttes ikke av nettbutikk-integrasjonen ennå.';
    case GatewayErrorCode.DeliveryNotFound:
      return 'Fant ingen levering med dette sendingsnummeret (sendId).';
    case GatewayErrorCode.ShopAuthFailed:
      return 'Integrasjonen får ikke logget inn i nettbutikken (API-bruker eller passord). Ingenting er tapt; PCKasse prøver igjen senere.';
    case GatewayErrorCode.DeliveryInProgress:
      return 'Leveringen eller krediteringen behandles fortsatt av et tidligere kall. Ingenting blir gjort to ganger; PCKasse prøver igjen om noen minutter.';
    case GatewayErrorCode.ImageTooLarge:
      return 'Bildet er for stort for nettbutikken.';
    case GatewayErrorCode.InternalError:
      return 'Intern feil i integrasjonen. Ingenting er tapt; PCKasse prøver igjen om noen minutter.';
    case GatewayErrorCode.UnusableValue:
      return 'En verdi i denne sendingen kan ikke brukes (for eksempel en dato eller et tall utenfor gyldig område). Rett verdien i PCKasse og send på nytt.';
  }
}

/**
 * The one error type of the gateway. `detail` is appended to the human message (it may be Norwegian too).
 * `technical` is PCK's errorMessage: only text meant to be read outside (a mapping rule's or the shop's message),
 * never a cause's own message, which may carry SQL, file paths or internals; without it PCK gets the code.
 */
export class GatewayError extends PcknopError<GatewayErrorCode> {
  override readonly name = 'GatewayError';
  readonly technical?: string;

  constructor(code: GatewayErrorCode, detail?: string, options?: { cause?: unknown; technical?: string }) {
    super(code, withDetail(gatewayErrorMessage(code), detail), { detail, cause: options?.cause });
    this.technical = options?.technical?.slice(0, 500);
  }

  /** The insertUpdate PCK gets for this error. */
  toResult(technical?: string, deltaId = 0): InsertUpdateResponse {
    const tech = technical ?? this.technical ?? this.code;
    switch (resultKindOf(this.code)) {
      case 'permanent':
        return permanentError(this.message, tech, deltaId);
      case 'retrySoon':
        return retrySoon(this.message, tech, deltaId);
      case 'retryLater':
        return retryLater(this.message, tech, deltaId);
    }
  }
}
