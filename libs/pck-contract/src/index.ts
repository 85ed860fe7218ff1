// Public face of @pcknop/pck-contract: the typed WebshopWS model, codec, WSDL and result helpers.
export * from './lib/model';
export {
  parseRequest,
  serializeResponse,
  errorResult,
  errorReply,
  serializeRequest,
  parseResponse,
  type ParseResult,
  type ParsedRequest,
  type FaultResult,
  type InvalidResult,
  type ResponseContext,
  type Reply,
} from './lib/codec/codec';
export {
  serializeFault,
  contentTypeFor,
  WEBSHOP_NS,
  SOAP11_ENVELOPE_NS,
  SOAP12_ENVELOPE_NS,
  type SoapFault,
  type SoapVersion,
} from './lib/codec/soap-envelope';
export { ok, permanentError, retrySoon, retryLater, retryTomorrow } from './lib/codec/result-codes';
export { escapeText as escapeXmlText } from './lib/codec/encode';
export { DEFAULT_LIMITS, type ParseLimits } from './lib/codec/limits';
export { PckContractError, PckContractErrorCode } from './lib/codec/pck-contract.exception';
export type { ValidationIssue } from './lib/codec/validation';
export { renderWsdl } from './lib/wsdl/render-wsdl';
