import { PcknopError, withDetail } from '@pcknop/errors';

/** Every way a pcknop command can fail; each maps to one documented exit code. */
export enum CliErrorCode {
  Usage = 'USAGE',
  Auth = 'AUTH',
  NotFound = 'NOT_FOUND',
  Unreachable = 'UNREACHABLE',
  Refused = 'REFUSED',
}

/** Exit codes: 0 ok, 1 differences/problems found, 2 usage, 3 auth, 4 not found, 5 server unreachable. */
export const EXIT = { ok: 0, findings: 1, usage: 2, auth: 3, notFound: 4, unreachable: 5 } as const;

export function exitCodeOf(code: CliErrorCode): number {
  switch (code) {
    case CliErrorCode.Usage:
    case CliErrorCode.Refused:
      return EXIT.usage;
    case CliErrorCode.Auth:
      return EXIT.auth;
    case CliErrorCode.NotFound:
      return EXIT.notFound;
    case CliErrorCode.Unreachable:
      return EXIT.unreachable;
  }
}

function messageFor(code: CliErrorCode): string {
  switch (code) {
    case CliErrorCode.Usage:
      return 'Usage error';
    case CliErrorCode.Auth:
      return 'Not allowed (check --token / ADMIN_TOKEN)';
    case CliErrorCode.NotFound:
      return 'Not found';
    case CliErrorCode.Unreachable:
      return 'The admin API cannot be reached (check --url / ADMIN_URL)';
    case CliErrorCode.Refused:
      return 'The admin API refused the request';
  }
}

/** The one error type of the CLI. */
export class CliError extends PcknopError<CliErrorCode> {
  override readonly name = 'CliError';

  constructor(code: CliErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(code, withDetail(messageFor(code), detail, ': '), { detail, cause: options?.cause });
  }

  get exitCode(): number {
    return exitCodeOf(this.code);
  }
}
