import { PcknopError, withDetail } from '@pcknop/errors';

/** Errors of the PCK simulator (bad options, unusable answers). */
export enum PckSimErrorCode {
  InvalidOption = 'INVALID_OPTION',
  UnknownScenario = 'UNKNOWN_SCENARIO',
  BadResponse = 'BAD_RESPONSE',
}

function messageFor(code: PckSimErrorCode): string {
  switch (code) {
    case PckSimErrorCode.InvalidOption:
      return 'Invalid option';
    case PckSimErrorCode.UnknownScenario:
      return 'Unknown scenario';
    case PckSimErrorCode.BadResponse:
      return 'The gateway answered with something that is not a WebshopWS response';
    default: {
      const never: never = code;
      return String(never);
    }
  }
}

export class PckSimError extends PcknopError<PckSimErrorCode> {
  override readonly name = 'PckSimError';

  constructor(code: PckSimErrorCode, detail?: string) {
    super(code, withDetail(messageFor(code), detail, ': '), { detail });
  }
}
