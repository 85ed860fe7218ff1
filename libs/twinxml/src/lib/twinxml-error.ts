import { PcknopError } from '@pcknop/errors';

/** One problem found in a document, addressed by an XPath-like path, e.g. `/TwinXML/Products/Product[132]/Price`. */
export interface TwinXmlIssue {
  path: string;
  message: string;
}

export enum TwinXmlErrorCode {
  /** Not well-formed XML. */
  Malformed = 'MALFORMED',
  /** A DOCTYPE (and with it any entity declaration) is present. */
  DoctypeForbidden = 'DOCTYPE_FORBIDDEN',
  /** A size, depth, element-count or record-size limit was exceeded. */
  LimitExceeded = 'LIMIT_EXCEEDED',
  /** Well-formed XML that is not a valid TwinXML 1 document (see `issues`). */
  Invalid = 'INVALID',
  /** An in-memory document failed validation before encoding (see `issues`). */
  InvalidModel = 'INVALID_MODEL',
}

function describe(code: TwinXmlErrorCode): string {
  switch (code) {
    case TwinXmlErrorCode.Malformed:
      return 'the TwinXML input is not well-formed XML';
    case TwinXmlErrorCode.DoctypeForbidden:
      return 'DOCTYPE and entity declarations are not allowed in TwinXML';
    case TwinXmlErrorCode.LimitExceeded:
      return 'the TwinXML input exceeds a configured limit';
    case TwinXmlErrorCode.Invalid:
      return 'the TwinXML document is not valid';
    case TwinXmlErrorCode.InvalidModel:
      return 'the TwinXML document cannot be encoded: it is not valid';
    default: {
      const unreachable: never = code;
      return String(unreachable);
    }
  }
}

export function formatIssue(issue: TwinXmlIssue): string {
  return `${issue.path}: ${issue.message}`;
}

/** The single error type of this library: a code plus the path-addressed issues behind it. */
export class TwinXmlError extends PcknopError<TwinXmlErrorCode> {
  override readonly name = 'TwinXmlError';

  constructor(
    code: TwinXmlErrorCode,
    readonly issues: readonly TwinXmlIssue[] = [],
  ) {
    const head = describe(code);
    const shown = issues.slice(0, 5).map(formatIssue);
    const more = issues.length > shown.length ? [`… and ${issues.length - shown.length} more`] : [];
    super(code, shown.length > 0 ? `${head}:\n  ${[...shown, ...more].join('\n  ')}` : head);
  }
}
