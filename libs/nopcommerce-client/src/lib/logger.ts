/** The subset of pino's logger the client uses; pass a pino instance or anything shaped like it. */
export type LogFn = (obj: Record<string, unknown>, msg?: string) => void;

export interface NopLogger {
  debug?: LogFn;
  info?: LogFn;
  warn?: LogFn;
  error?: LogFn;
}

const SECRET_KEYS = /authorization|password|token|secret|fileBinary|bytes/i;

/** Drops secrets and binary payloads before anything reaches the logger. */
export function redact(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = SECRET_KEYS.test(k) ? '[redacted]' : v;
  return out;
}

export function logAt(
  logger: NopLogger | undefined,
  level: keyof NopLogger,
  obj: Record<string, unknown>,
  msg: string,
): void {
  const fn = logger?.[level];
  if (fn) fn.call(logger, redact(obj), msg);
}
