import { OperationResult } from '../model/enums';
import type { InsertUpdateResponse } from '../model/insert-update-response';

/** Success; `deltaId` is the shop's id of the affected object. */
export function ok(deltaId = 0): InsertUpdateResponse {
  return { deltaId, operationResult: OperationResult.Ok };
}

function failure(code: number, human: string, technical?: string, deltaId = 0): InsertUpdateResponse {
  const r: InsertUpdateResponse = { deltaId, operationResult: code, humanErrorMessage: human };
  if (technical !== undefined) r.errorMessage = technical;
  return r;
}

/** operationResult 1: PCK shows `human` and does not retry until the user acts. */
export function permanentError(human: string, technical?: string, deltaId = 0): InsertUpdateResponse {
  return failure(OperationResult.PermanentError, human, technical, deltaId);
}
/** operationResult 2: PCK retries in about 5 minutes. */
export function retrySoon(human: string, technical?: string, deltaId = 0): InsertUpdateResponse {
  return failure(OperationResult.RetrySoon, human, technical, deltaId);
}
/** operationResult 3: PCK retries in about 1 hour. */
export function retryLater(human: string, technical?: string, deltaId = 0): InsertUpdateResponse {
  return failure(OperationResult.RetryLater, human, technical, deltaId);
}
/** operationResult 4: PCK retries in about 1 day. */
export function retryTomorrow(human: string, technical?: string, deltaId = 0): InsertUpdateResponse {
  return failure(OperationResult.RetryTomorrow, human, technical, deltaId);
}
