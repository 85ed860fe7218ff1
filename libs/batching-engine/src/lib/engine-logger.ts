type LogFn = (obj: object, msg?: string) => void;

/** The pino-shaped logger the engine writes to. */
export interface EngineLogger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

const noop: LogFn = () => undefined;
export const silentLogger: EngineLogger = { debug: noop, info: noop, warn: noop, error: noop };
