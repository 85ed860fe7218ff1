import { PcknopError, withDetail } from '@pcknop/errors';

/** Error codes of the nopCommerce applier. */
export enum NopApplierErrorCode {
  DependencyMissing = 'DEPENDENCY_MISSING',
  Unsupported = 'UNSUPPORTED',
}

export function describeNopApplierErrorCode(code: NopApplierErrorCode): string {
  switch (code) {
    case NopApplierErrorCode.DependencyMissing:
      return 'A record it depends on is not in the shop yet; retried later.';
    case NopApplierErrorCode.Unsupported:
      return 'The shop cannot take this record.';
    default: {
      const never: never = code;
      return String(never);
    }
  }
}

export class NopApplierError extends PcknopError<NopApplierErrorCode> {
  override readonly name = 'NopApplierError';

  constructor(
    code: NopApplierErrorCode,
    detail: string,
    readonly retryable = code === NopApplierErrorCode.DependencyMissing,
  ) {
    super(code, withDetail(describeNopApplierErrorCode(code), detail), { detail });
  }
}
