import { PcknopError, withDetail } from '@pcknop/errors';

/** Why the codec refused input (or, for InvalidResponseValue, a value the gateway asked us to send). */
export enum PckContractErrorCode {
  TooLarge = 'TOO_LARGE',
  TooDeep = 'TOO_DEEP',
  TooManyElements = 'TOO_MANY_ELEMENTS',
  DtdForbidden = 'DTD_FORBIDDEN',
  MalformedXml = 'MALFORMED_XML',
  BadEncoding = 'BAD_ENCODING',
  NotSoapEnvelope = 'NOT_SOAP_ENVELOPE',
  EmptyBody = 'EMPTY_BODY',
  UnknownOperation = 'UNKNOWN_OPERATION',
  InvalidResponseValue = 'INVALID_RESPONSE_VALUE',
}

export function messageFor(code: PckContractErrorCode): string {
  switch (code) {
    case PckContractErrorCode.TooLarge:
      return 'Request body exceeds the configured size limit';
    case PckContractErrorCode.TooDeep:
      return 'XML nesting exceeds the configured depth limit';
    case PckContractErrorCode.TooManyElements:
      return 'XML exceeds the configured element-count limit';
    case PckContractErrorCode.DtdForbidden:
      return 'DTDs, entity declarations and other markup declarations are not allowed';
    case PckContractErrorCode.MalformedXml:
      return 'Malformed XML';
    case PckContractErrorCode.BadEncoding:
      return 'Body is not valid UTF-8/UTF-16 text';
    case PckContractErrorCode.NotSoapEnvelope:
      return 'Not a SOAP 1.1 or 1.2 envelope';
    case PckContractErrorCode.EmptyBody:
      return 'SOAP Body has no operation element';
    case PckContractErrorCode.UnknownOperation:
      return 'Unknown WebshopWS operation';
    case PckContractErrorCode.InvalidResponseValue:
      return 'Response value does not match the contract';
  }
}

export class PckContractError extends PcknopError<PckContractErrorCode> {
  override readonly name = 'PckContractError';

  constructor(code: PckContractErrorCode, detail?: string) {
    super(code, withDetail(messageFor(code), detail, ': '), { detail });
  }
}
