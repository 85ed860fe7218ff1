import type { TwinRecordKind } from './record-kind';

export enum TwinReceiptStatus {
  Ok = 'ok',
  Warning = 'warning',
  Failed = 'failed',
  Skipped = 'skipped',
}

/** The result of applying one record: addressed by the record's kind and `recordKey`. */
export interface TwinReceipt {
  kind: TwinRecordKind;
  key: string;
  status: TwinReceiptStatus;
  /** Machine-readable code, e.g. `SKU_CONFLICT`. */
  code?: string;
  /** The id the record has in the target (e.g. the nopCommerce product id). */
  targetId?: string;
  technicalMessage?: string;
  humanMessage?: string;
}
