import type { TwinCategory } from './category';
import type { TwinDeletion } from './deletion';
import type { TwinImage } from './image';
import type { TwinManufacturer } from './manufacturer';
import type { TwinOrder, TwinOrderStatusUpdate } from './order';
import type { TwinProduct } from './product';
import { TwinRecordKind } from './record-kind';
import type { TwinStockLevel } from './stock-level';

/** The record type of each kind. */
export interface TwinRecordMap {
  [TwinRecordKind.Category]: TwinCategory;
  [TwinRecordKind.Manufacturer]: TwinManufacturer;
  [TwinRecordKind.Product]: TwinProduct;
  [TwinRecordKind.Stock]: TwinStockLevel;
  [TwinRecordKind.Image]: TwinImage;
  [TwinRecordKind.Deletion]: TwinDeletion;
  [TwinRecordKind.Order]: TwinOrder;
  [TwinRecordKind.OrderStatus]: TwinOrderStatusUpdate;
}

export type TwinRecord = TwinRecordMap[TwinRecordKind];

// Composite keys join parts with `|`; `%` and `|` inside a part are percent-encoded so that
// different parts can never produce the same key.
function part(value: string | undefined): string {
  return (value ?? '').replace(/%/g, '%25').replace(/\|/g, '%7C');
}

/**
 * The stable key of a record within its kind: the source key where the record has one, a
 * composite of its identifying fields otherwise (stock, image, deletion, order status).
 * Unique within a section of a valid document.
 */
export function recordKey<K extends TwinRecordKind>(kind: K, record: TwinRecordMap[K]): string {
  // The generic parameter does not narrow `record`; each branch re-reads it as its kind's type.
  switch (kind) {
    case TwinRecordKind.Category:
    case TwinRecordKind.Manufacturer:
    case TwinRecordKind.Product:
    case TwinRecordKind.Order:
      return (record as TwinCategory | TwinManufacturer | TwinProduct | TwinOrder).key;
    case TwinRecordKind.Stock: {
      const s = record as TwinStockLevel;
      return [part(s.productKey), part(s.variantKey), part(s.warehouse)].join('|');
    }
    case TwinRecordKind.Image: {
      const i = record as TwinImage;
      return [i.ownerKind, part(i.ownerKey), part(i.colour), String(i.position)].join('|');
    }
    case TwinRecordKind.Deletion: {
      const d = record as TwinDeletion;
      return [d.target, part(d.parentKey), part(d.key)].join('|');
    }
    case TwinRecordKind.OrderStatus: {
      const u = record as TwinOrderStatusUpdate;
      return [part(u.orderKey), u.at.toISOString()].join('|');
    }
    default: {
      const unreachable: never = kind as never;
      throw new Error(`unknown record kind ${String(unreachable)}`);
    }
  }
}
