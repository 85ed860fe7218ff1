import { TwinRecordKind, recordKey, type TwinDocument, type TwinRecord } from '@pcknop/twinxml';
import type { StagedChange } from './staged-change';

/** The changes a stored document carries (replay): version and timestamp 0, so they never outrank staged state. */
export function documentChanges(doc: TwinDocument): StagedChange[] {
  const out: StagedChange[] = [];
  const add = <K extends TwinRecordKind>(kind: K, records: readonly TwinRecord[]): void => {
    for (const r of records) {
      out.push({ kind, key: recordKey(kind, r as never), version: 0n, pckTimestamp: 0n, deleted: false, record: r });
    }
  };
  add(TwinRecordKind.Category, doc.categories);
  add(TwinRecordKind.Manufacturer, doc.manufacturers);
  add(TwinRecordKind.Product, doc.products);
  add(TwinRecordKind.Stock, doc.stockLevels);
  add(TwinRecordKind.Image, doc.images);
  add(TwinRecordKind.Deletion, doc.deletions);
  return out;
}
