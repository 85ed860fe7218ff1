export * from './lib/model';
export { TwinXmlError, TwinXmlErrorCode, formatIssue, type TwinXmlIssue } from './lib/twinxml-error';
export { DEFAULT_DECODE_LIMITS, DEFAULT_STREAM_LIMITS, type TwinXmlLimits } from './lib/limits';
export { encodeTwinXml, type EncodeOptions } from './lib/codec/encode';
export { decodeTwinXml } from './lib/codec/decode';
export { streamTwinXml, type TwinRecordEvent, type TwinXmlSource } from './lib/codec/stream';
export { validateTwinDocument } from './lib/validate-document';
export {
  recordToJson,
  recordFromJson,
  type TwinRecordJson,
  type TwinRecordOfKind,
  type TwinRecordKindName,
} from './lib/codec/record-json';
