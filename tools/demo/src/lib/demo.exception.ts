import { PcknopError, withDetail } from '@pcknop/errors';

export enum DemoErrorCode {
  NotRunning = 'NOT_RUNNING',
  NoTenant = 'NO_TENANT',
  AdminApi = 'ADMIN_API',
  Simulator = 'SIMULATOR',
  BadOption = 'BAD_OPTION',
}

export function describeDemoErrorCode(code: DemoErrorCode): string {
  switch (code) {
    case DemoErrorCode.NotRunning:
      return 'The gateway does not answer; start the system with `npm start` first:';
    case DemoErrorCode.NoTenant:
      return 'No tenant with this PCK login:';
    case DemoErrorCode.AdminApi:
      return 'The admin API refused the request:';
    case DemoErrorCode.Simulator:
      return 'The nopCommerce simulator refused the request:';
    case DemoErrorCode.BadOption:
      return 'Invalid option:';
    default: {
      const never: never = code;
      return String(never);
    }
  }
}

export class DemoError extends PcknopError<DemoErrorCode> {
  override readonly name = 'DemoError';

  constructor(code: DemoErrorCode, detail: string) {
    super(code, withDetail(describeDemoErrorCode(code), detail), { detail });
  }
}
