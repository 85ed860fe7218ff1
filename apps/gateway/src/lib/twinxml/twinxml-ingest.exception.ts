import { PcknopError, withDetail } from '@pcknop/errors';

/** Why a TwinXML request was refused as a whole (per-record refusals are part of a successful answer). */
export enum TwinXmlIngestErrorCode {
  Unauthorized = 'UNAUTHORIZED',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  TooLarge = 'TOO_LARGE',
  Malformed = 'MALFORMED',
  Invalid = 'INVALID',
  InProgress = 'IN_PROGRESS',
  BadQuery = 'BAD_QUERY',
  Unavailable = 'UNAVAILABLE',
}

export function httpStatusOf(code: TwinXmlIngestErrorCode): number {
  switch (code) {
    case TwinXmlIngestErrorCode.Unauthorized:
      return 401;
    case TwinXmlIngestErrorCode.UnsupportedMediaType:
      return 415;
    case TwinXmlIngestErrorCode.TooLarge:
      return 413;
    case TwinXmlIngestErrorCode.Malformed:
    case TwinXmlIngestErrorCode.BadQuery:
      return 400;
    case TwinXmlIngestErrorCode.Invalid:
      return 422;
    case TwinXmlIngestErrorCode.InProgress:
      return 409;
    case TwinXmlIngestErrorCode.Unavailable:
      return 503;
  }
}

function messageFor(code: TwinXmlIngestErrorCode): string {
  switch (code) {
    case TwinXmlIngestErrorCode.Unauthorized:
      return 'A valid source token is required (Authorization: Bearer <token>).';
    case TwinXmlIngestErrorCode.UnsupportedMediaType:
      return 'Send the document as application/xml.';
    case TwinXmlIngestErrorCode.TooLarge:
      return 'The document is larger than this gateway accepts.';
    case TwinXmlIngestErrorCode.Malformed:
      return 'The document is not well-formed TwinXML; nothing was staged.';
    case TwinXmlIngestErrorCode.Invalid:
      return 'The document breaks the TwinXML schema rules; nothing was staged.';
    case TwinXmlIngestErrorCode.InProgress:
      return 'A document with this BatchId is being received right now; send it again later.';
    case TwinXmlIngestErrorCode.BadQuery:
      return 'Bad query parameter.';
    case TwinXmlIngestErrorCode.Unavailable:
      return 'The staging store is not available; send the document again later.';
  }
}

/** The one error type of the TwinXML endpoint. */
export class TwinXmlIngestError extends PcknopError<TwinXmlIngestErrorCode> {
  override readonly name = 'TwinXmlIngestError';

  constructor(
    code: TwinXmlIngestErrorCode,
    detail?: string,
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(code, withDetail(messageFor(code), detail), { detail });
  }

  get status(): number {
    return httpStatusOf(this.code);
  }
}
