import { PcknopError, withDetail } from '@pcknop/errors';

/** Error codes of the batching engine. */
export enum BatchingErrorCode {
  UnknownKind = 'UNKNOWN_KIND',
  InvalidRecord = 'INVALID_RECORD',
  BatchNotFound = 'BATCH_NOT_FOUND',
  ApplierFailed = 'APPLIER_FAILED',
  Stopping = 'STOPPING',
  LeaseLost = 'LEASE_LOST',
}

export function describeBatchingErrorCode(code: BatchingErrorCode): string {
  switch (code) {
    case BatchingErrorCode.UnknownKind:
      return 'The staged entity has a record kind the engine does not know.';
    case BatchingErrorCode.InvalidRecord:
      return 'The staged record is not a valid TwinXML record.';
    case BatchingErrorCode.BatchNotFound:
      return 'No stored batch has this id.';
    case BatchingErrorCode.ApplierFailed:
      return 'The applier failed for the whole batch.';
    case BatchingErrorCode.Stopping:
      return 'The runner is stopping and takes no new work.';
    case BatchingErrorCode.LeaseLost:
      return 'The batch lost its lease (renewals failed); another worker may apply these records, so nothing more is written.';
    default: {
      const never: never = code;
      return String(never);
    }
  }
}

export class BatchingError extends PcknopError<BatchingErrorCode> {
  override readonly name = 'BatchingError';

  constructor(code: BatchingErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(code, withDetail(describeBatchingErrorCode(code), detail), { detail, cause: options?.cause });
  }
}
