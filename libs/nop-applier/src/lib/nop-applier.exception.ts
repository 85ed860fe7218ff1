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

export class NopApplierError extends Error {
  constructor(
    readonly code: NopApplierErrorCode,
    detail: string,
    readonly retryable = code === NopApplierErrorCode.DependencyMissing,
  ) {
    super(`${describeNopApplierErrorCode(code)} ${detail}`);
    this.name = 'NopApplierError';
  }
}
