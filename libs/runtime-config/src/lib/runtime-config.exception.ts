import { PcknopError } from '@pcknop/errors';

/** Why an app refuses to start with its environment; each message names the variable and what it expects. */
export enum RuntimeConfigErrorCode {
  UnknownVariable = 'UNKNOWN_VARIABLE',
  InvalidValue = 'INVALID_VALUE',
}

export function runtimeConfigErrorMessage(code: RuntimeConfigErrorCode): string {
  switch (code) {
    case RuntimeConfigErrorCode.UnknownVariable:
      return "An environment variable with the project's prefix is not one the project knows (a typo?); see the README's configuration table.";
    case RuntimeConfigErrorCode.InvalidValue:
      return 'An environment variable has a value the project cannot use.';
  }
}

/** The one error of the environment parser: `problems` lists every variable at fault, one line each. */
export class RuntimeConfigError extends PcknopError<RuntimeConfigErrorCode> {
  override readonly name = 'RuntimeConfigError';

  constructor(
    code: RuntimeConfigErrorCode,
    readonly problems: readonly string[],
  ) {
    super(code, `${runtimeConfigErrorMessage(code)}\n  ${problems.join('\n  ')}`, { detail: problems.join('; ') });
  }
}
