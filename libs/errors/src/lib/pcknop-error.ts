/** What a module passes on besides its code and message. */
export interface PcknopErrorOptions {
  /** The part of the message naming the case at hand (a value, a file, a tenant), kept apart for callers. */
  detail?: string;
  cause?: unknown;
}

/**
 * The base of every module's one error type. A module keeps its own code enum (UPPER_SNAKE values) and the
 * exhaustive switch that words each code; this class holds only what all of them share. Each subclass sets
 * `name` itself (`override readonly name = 'StoreError'`): bundlers rename classes, so `constructor.name` lies.
 */
export abstract class PcknopError<Code extends string> extends Error {
  readonly detail?: string;

  protected constructor(
    readonly code: Code,
    message: string,
    options: PcknopErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.detail = options.detail;
  }
}

/** The code's message, then the detail when there is one: `A database migration failed; … 0003_orders`. */
export function withDetail(message: string, detail: string | undefined, separator = ' '): string {
  return detail ? `${message}${separator}${detail}` : message;
}
