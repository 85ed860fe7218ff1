/** Result of every catalogue call, and embedded in every composite response (`insertUpdate`). */
export interface InsertUpdateResponse {
  /** Id of the affected object in the shop (sendCustomerInfo: must echo deltaCustomerId or the new id). */
  deltaId: number;
  /** Not used by PCK yet. */
  errorHelpLink?: string;
  /** Shown by PCK when humanErrorMessage is blank. */
  errorMessage?: string;
  /** Shown to the PCK user when operationResult is not 0 (write it in Norwegian). */
  humanErrorMessage?: string;
  /** See `OperationResult`: 0 ok, 1 permanent, 2/3/4 retry in ~5 min / ~1 h / ~1 day. */
  operationResult: number;
}
