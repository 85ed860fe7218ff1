import { PcknopError } from '@pcknop/errors';

/**
 * The one error type of the simulator. Each code stands for one way the real plugin fails, and
 * `errorStatus`/`errorBody` reproduce what its error middleware (or ASP.NET Core) puts on the wire.
 */
export enum NopSimErrorCode {
  /** `NopException` thrown by a nop service: 400 with the error JSON object. */
  BusinessRule = 'BUSINESS_RULE',
  /** A controller's `NotFound("…")`: 404 with a JSON string body. */
  NotFound = 'NOT_FOUND',
  /** A plain `Exception` (workflow violation, NOT NULL or FK violation): 500 with the error object. */
  Unhandled = 'UNHANDLED',
  /** An injected SQL deadlock victim: 500 with the error object. */
  Deadlock = 'DEADLOCK',
  /** A bare `BadRequest()` (e.g. id <= 0): 400 ProblemDetails. */
  BadRequest = 'BAD_REQUEST',
  /** Model binding failed (missing required parameter, bad JSON, wrong type): 400 ValidationProblemDetails. */
  ModelBinding = 'MODEL_BINDING',
  /** Body content type the action cannot bind (e.g. JSON on the 4.70 multipart upload): 415. */
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
}

export class NopSimError extends PcknopError<NopSimErrorCode> {
  override readonly name = 'NopSimError';
  declare readonly detail: string;

  constructor(
    code: NopSimErrorCode,
    detail: string,
    /** For ModelBinding: field name → messages, as in ASP.NET Core's `errors` map. */
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(code, errorMessage(code, detail), { detail });
  }
}

export function errorMessage(code: NopSimErrorCode, detail: string): string {
  switch (code) {
    case NopSimErrorCode.BusinessRule:
    case NopSimErrorCode.NotFound:
    case NopSimErrorCode.Unhandled:
      return detail;
    case NopSimErrorCode.Deadlock:
      return `Transaction (Process ID ${detail}) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.`;
    case NopSimErrorCode.BadRequest:
      return 'Bad Request';
    case NopSimErrorCode.ModelBinding:
      return 'One or more validation errors occurred.';
    case NopSimErrorCode.UnsupportedMediaType:
      return 'Unsupported Media Type';
  }
}

export function errorStatus(code: NopSimErrorCode): number {
  switch (code) {
    case NopSimErrorCode.BusinessRule:
    case NopSimErrorCode.BadRequest:
    case NopSimErrorCode.ModelBinding:
      return 400;
    case NopSimErrorCode.NotFound:
      return 404;
    case NopSimErrorCode.Unhandled:
    case NopSimErrorCode.Deadlock:
      return 500;
    case NopSimErrorCode.UnsupportedMediaType:
      return 415;
  }
}

/** The body the real server sends for this error. */
export function errorBody(err: NopSimError): unknown {
  switch (err.code) {
    case NopSimErrorCode.NotFound:
      return err.detail;
    case NopSimErrorCode.BusinessRule:
    case NopSimErrorCode.Unhandled:
    case NopSimErrorCode.Deadlock:
      // stack_trace is only filled in developer mode; the simulator never has a real one.
      return { message: err.message, inner_exception_message: null, stack_trace: '' };
    case NopSimErrorCode.BadRequest:
      return { type: 'https://tools.ietf.org/html/rfc7231#section-6.5.1', title: 'Bad Request', status: 400 };
    case NopSimErrorCode.ModelBinding:
      return {
        type: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
        title: err.message,
        status: 400,
        errors: err.fieldErrors,
      };
    case NopSimErrorCode.UnsupportedMediaType:
      return { type: 'https://tools.ietf.org/html/rfc7231#section-6.5.13', title: err.message, status: 415 };
  }
}

export const notFound = (detail: string): NopSimError => new NopSimError(NopSimErrorCode.NotFound, detail);
export const businessRule = (detail: string): NopSimError => new NopSimError(NopSimErrorCode.BusinessRule, detail);
export const unhandled = (detail: string): NopSimError => new NopSimError(NopSimErrorCode.Unhandled, detail);
export const badBinding = (field: string, message: string): NopSimError =>
  new NopSimError(NopSimErrorCode.ModelBinding, message, { [field]: [message] });
