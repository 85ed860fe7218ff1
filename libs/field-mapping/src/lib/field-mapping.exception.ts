import { PcknopError } from '@pcknop/errors';

/** Every way a mapping can fail. One code per cause, so callers can branch without parsing text. */
export enum FieldMappingErrorCode {
  /** The profile JSON does not satisfy the schema. */
  INVALID_PROFILE = 'INVALID_PROFILE',
  /** The profile's schemaVersion is not one this library understands. */
  UNSUPPORTED_PROFILE_VERSION = 'UNSUPPORTED_PROFILE_VERSION',
  /** A VAT percentage is used by PCK that has no tax category in the profile. */
  UNMAPPED_VAT_RATE = 'UNMAPPED_VAT_RATE',
  /** A custom JSONata rule does not parse. */
  RULE_SYNTAX = 'RULE_SYNTAX',
  /** A custom rule threw while evaluating. */
  RULE_FAILED = 'RULE_FAILED',
  /** A custom rule ran past its time limit or nested too deep (usually an endless loop/recursion). */
  RULE_TIMEOUT = 'RULE_TIMEOUT',
  /** A custom rule returned a value of the wrong type for its field. */
  RULE_BAD_RESULT = 'RULE_BAD_RESULT',
  /** An input record lacks a value the mapping cannot do without (e.g. an article id). */
  MISSING_VALUE = 'MISSING_VALUE',
  /** A decimal value could not be read as a number. */
  INVALID_NUMBER = 'INVALID_NUMBER',
  /** A mapped value breaks a TwinXML rule that cannot be fixed by cutting text (e.g. a SKU over 128 characters). */
  INVALID_VALUE = 'INVALID_VALUE',
  /** The tenant options do not satisfy their schema (unknown key, wrong type, missing «Webshop kunde» id). */
  INVALID_OPTIONS = 'INVALID_OPTIONS',
}

export interface FieldMappingErrorDetails {
  /** JSON-pointer-like location (profile path, or the mapped field such as `product.name`). */
  path?: string;
  /** The offending VAT rate, rule expression, value… */
  value?: string;
  /** Extra detail, e.g. the profile validation messages or the JSONata error text. */
  detail?: string;
}

/** Friendly text per code. The switch is exhaustive: adding a code without a message fails type-check. */
export function fieldMappingErrorMessage(code: FieldMappingErrorCode, d: FieldMappingErrorDetails = {}): string {
  const at = d.path ? ` (${d.path})` : '';
  const more = d.detail ? `: ${d.detail}` : '';
  switch (code) {
    case FieldMappingErrorCode.INVALID_PROFILE:
      return `The mapping profile is not valid${more}`;
    case FieldMappingErrorCode.UNSUPPORTED_PROFILE_VERSION:
      return `Mapping profile schemaVersion ${d.value ?? '?'} is not supported${more}`;
    case FieldMappingErrorCode.UNMAPPED_VAT_RATE:
      return `MVA-sats ${d.value ?? '?'} % har ingen avgiftsklasse (tax category) i mappingprofilen (/vat/rates); legg den til før varen kan sendes${at}`;
    case FieldMappingErrorCode.RULE_SYNTAX:
      return `Rule for ${d.path ?? '?'} does not parse: ${d.value ?? ''}${more}`;
    case FieldMappingErrorCode.RULE_FAILED:
      return `Rule for ${d.path ?? '?'} failed: ${d.value ?? ''}${more}`;
    case FieldMappingErrorCode.RULE_TIMEOUT:
      return `Rule for ${d.path ?? '?'} was stopped (time or depth limit; does it loop?): ${d.value ?? ''}${more}`;
    case FieldMappingErrorCode.RULE_BAD_RESULT:
      return `Rule for ${d.path ?? '?'} returned a value of the wrong type: ${d.value ?? ''}${more}`;
    case FieldMappingErrorCode.MISSING_VALUE:
      return `Missing value${at}${more}`;
    case FieldMappingErrorCode.INVALID_NUMBER:
      return `Not a valid decimal number: ${d.value ?? '?'}${at}`;
    case FieldMappingErrorCode.INVALID_VALUE:
      return `Value cannot be sent to the shop${at}${more}`;
    case FieldMappingErrorCode.INVALID_OPTIONS:
      return `The tenant options are not valid${more}`;
    default: {
      const never: never = code;
      return `Unknown field-mapping error ${String(never)}`;
    }
  }
}

/** The one error type of this library. */
export class FieldMappingError extends PcknopError<FieldMappingErrorCode> {
  override readonly name = 'FieldMappingError';
  constructor(
    code: FieldMappingErrorCode,
    readonly details: FieldMappingErrorDetails = {},
    readonly issues: readonly ProfileIssue[] = [],
  ) {
    super(code, fieldMappingErrorMessage(code, details), { detail: details.detail });
  }
}

/** One profile validation problem, addressed by JSON pointer (`/variants/mode`). */
export interface ProfileIssue {
  path: string;
  message: string;
}
