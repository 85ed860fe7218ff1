export enum TwinDeletionTarget {
  Category = 'category',
  Manufacturer = 'manufacturer',
  Product = 'product',
  Variant = 'variant',
  Image = 'image',
}

/** An explicit tombstone: a record missing from a document never means "delete". */
export interface TwinDeletion {
  target: TwinDeletionTarget;
  /** Source key of the deleted record (for an image, its record key, see `recordKey`). */
  key: string;
  /** The owning product's key when `target` is `variant`. */
  parentKey?: string;
  deletedAt: Date;
  reason?: string;
}
