import { randomUUID } from 'node:crypto';
import {
  TWINXML_SCHEMA_VERSION,
  TwinBatchMode,
  TwinRecordKind,
  emptyDocument,
  encodeTwinXml,
  type TwinCategory,
  type TwinDocument,
  type TwinImage,
  type TwinManufacturer,
  type TwinProduct,
  type TwinStockLevel,
} from '@pcknop/twinxml';
import { deletionOf, type StagedChange } from './staged-change';

export interface DocumentHeaderInput {
  tenantId: string;
  sourceSystem: string;
  currency: string;
  language?: string;
  createdAt: Date;
  batchId?: string;
  sequence?: number;
}

let lastSequence = 0;
/** Strictly increasing within a process and, being time-based, across restarts (safe integer: ms × 1000). */
export function nextSequence(nowMs: number): number {
  lastSequence = Math.max(lastSequence + 1, nowMs * 1000);
  return lastSequence;
}

/** The TwinXML document of a batch: each change in its section, removals as deletions. */
export function buildDocument(header: DocumentHeaderInput, changes: readonly StagedChange[]): TwinDocument {
  const doc = emptyDocument({
    schemaVersion: TWINXML_SCHEMA_VERSION,
    sourceSystem: header.sourceSystem,
    tenant: header.tenantId,
    batchId: header.batchId ?? randomUUID(),
    sequence: header.sequence ?? nextSequence(header.createdAt.getTime()),
    createdAt: header.createdAt,
    mode: TwinBatchMode.Delta,
    currency: header.currency,
    ...(header.language ? { language: header.language } : {}),
  });
  for (const c of changes) {
    const del = deletionOf(c);
    if (del) {
      doc.deletions.push(del);
      continue;
    }
    if (!c.record) continue;
    switch (c.kind) {
      case TwinRecordKind.Category:
        doc.categories.push(c.record as TwinCategory);
        break;
      case TwinRecordKind.Manufacturer:
        doc.manufacturers.push(c.record as TwinManufacturer);
        break;
      case TwinRecordKind.Product:
        doc.products.push(c.record as TwinProduct);
        break;
      case TwinRecordKind.Stock:
        doc.stockLevels.push(c.record as TwinStockLevel);
        break;
      case TwinRecordKind.Image:
        doc.images.push(c.record as TwinImage);
        break;
      default:
        break;
    }
  }
  return doc;
}

/**
 * Encodes the batch's document. Records the schema rejects are returned apart (they would fail the same way on
 * every retry) and the document is encoded without them.
 */
export function encodeBatch(
  header: DocumentHeaderInput,
  changes: readonly StagedChange[],
): { xml: string; invalid: Array<{ change: StagedChange; message: string }>; valid: StagedChange[] } {
  const fixed = {
    ...header,
    batchId: header.batchId ?? randomUUID(),
    sequence: header.sequence ?? nextSequence(header.createdAt.getTime()),
  };
  try {
    return { xml: encodeTwinXml(buildDocument(fixed, changes)), invalid: [], valid: [...changes] };
  } catch {
    const invalid: Array<{ change: StagedChange; message: string }> = [];
    const valid: StagedChange[] = [];
    for (const c of changes) {
      try {
        encodeTwinXml(buildDocument(fixed, [c]));
        valid.push(c);
      } catch (error) {
        invalid.push({ change: c, message: error instanceof Error ? error.message.slice(0, 1000) : String(error) });
      }
    }
    return { xml: encodeTwinXml(buildDocument(fixed, valid)), invalid, valid };
  }
}
