import type { TwinCategory } from './category';
import type { TwinDeletion } from './deletion';
import type { TwinHeader } from './header';
import type { TwinImage } from './image';
import type { TwinManufacturer } from './manufacturer';
import type { TwinOrder, TwinOrderStatusUpdate } from './order';
import type { TwinProduct } from './product';
import type { TwinReceipt } from './receipt';
import type { TwinStockLevel } from './stock-level';

/**
 * A TwinXML document. Sections appear on the wire in this order (dependency order); empty
 * sections are omitted. The trailer is not part of the model: the encoder computes it and
 * the decoder checks it (see `countRecords`).
 */
export interface TwinDocument {
  header: TwinHeader;
  categories: TwinCategory[];
  manufacturers: TwinManufacturer[];
  products: TwinProduct[];
  stockLevels: TwinStockLevel[];
  images: TwinImage[];
  deletions: TwinDeletion[];
  orders: TwinOrder[];
  orderStatusUpdates: TwinOrderStatusUpdate[];
  receipts: TwinReceipt[];
}

/** Record counts per section, written as the document's trailer. */
export interface TwinTrailer {
  categories: number;
  manufacturers: number;
  products: number;
  variants: number;
  stockLevels: number;
  images: number;
  deletions: number;
  orders: number;
  orderStatusUpdates: number;
  receipts: number;
  total: number;
}

export function emptyDocument(header: TwinHeader): TwinDocument {
  return {
    header,
    categories: [],
    manufacturers: [],
    products: [],
    stockLevels: [],
    images: [],
    deletions: [],
    orders: [],
    orderStatusUpdates: [],
    receipts: [],
  };
}

/** Counts per section; `total` counts top-level records (variants are part of their product). */
export function countRecords(doc: TwinDocument): TwinTrailer {
  const variants = doc.products.reduce((n, p) => n + p.variants.length, 0);
  const counts = {
    categories: doc.categories.length,
    manufacturers: doc.manufacturers.length,
    products: doc.products.length,
    stockLevels: doc.stockLevels.length,
    images: doc.images.length,
    deletions: doc.deletions.length,
    orders: doc.orders.length,
    orderStatusUpdates: doc.orderStatusUpdates.length,
    receipts: doc.receipts.length,
  };
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return { ...counts, variants, total };
}
