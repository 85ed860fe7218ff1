/**
 * The kinds of record a TwinXML document carries. Every record of these kinds has a stable key
 * (see `recordKey`) so receipts, bindings and retries can address it.
 */
export enum TwinRecordKind {
  Category = 'category',
  Manufacturer = 'manufacturer',
  Product = 'product',
  Stock = 'stock',
  Image = 'image',
  Deletion = 'deletion',
  Order = 'order',
  OrderStatus = 'orderStatus',
}

export const TWIN_RECORD_KINDS: readonly TwinRecordKind[] = Object.values(TwinRecordKind);
