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

export class PckSimError extends Error {
  constructor(
    readonly code: PckSimErrorCode,
    detail?: string,
  ) {
    super(detail ? `${messageFor(code)}: ${detail}` : messageFor(code));
    this.name = 'PckSimError';
  }
}
