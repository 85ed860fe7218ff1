import { PcknopError, withDetail } from '@pcknop/errors';

export enum OrderTriggerErrorCode {
  InvalidOptions = 'INVALID_OPTIONS',
  HttpStatus = 'HTTP_STATUS',
  Timeout = 'TIMEOUT',
  Network = 'NETWORK',
}

function messageFor(code: OrderTriggerErrorCode): string {
  switch (code) {
    case OrderTriggerErrorCode.InvalidOptions:
      return "The tenant's orderTrigger options are invalid.";
    case OrderTriggerErrorCode.HttpStatus:
      return "PCK's order trigger answered with an error status.";
    case OrderTriggerErrorCode.Timeout:
      return "PCK's order trigger did not answer in time.";
    case OrderTriggerErrorCode.Network:
      return "PCK's order trigger could not be reached.";
  }
}

/** The one error type of the order trigger. */
export class OrderTriggerError extends PcknopError<OrderTriggerErrorCode> {
  override readonly name = 'OrderTriggerError';

  constructor(
    code: OrderTriggerErrorCode,
    detail?: string,
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(code, withDetail(messageFor(code), detail), { detail, cause: options?.cause });
  }
}
