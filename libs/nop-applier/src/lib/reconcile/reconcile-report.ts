/** What a reconciliation found wrong: one field of one entity (or one order, delivery, backlog line). */
export interface ReconcileDifference {
  /** product, variant, combination, stock, category, manufacturer, image, price, offer, backlog, order, delivery… */
  kind: string;
  /** PCK key (e.g. `a:1001`), shop order `#42`, delivery ref… */
  key: string;
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface DuplicateProducts {
  sku: string;
  productIds: number[];
}

export interface DuplicatePictures {
  productId: number;
  /** The SEO filename (it carries the content tag), or the binding key when one binding points at several pictures. */
  seoFilename: string;
  pictureIds: number[];
}

export interface OrdersReconciliation {
  /** Paid shop orders looked at. */
  checked: number;
  /** Orders PCK acknowledged (status 4) after exactly one hand-over. */
  handedOverOnce: number;
  /** Deliveries (updateOrderStatus 3/5) looked at, and how many finished with a captured amount. */
  deliveries: { checked: number; done: number };
  differences: ReconcileDifference[];
}

/** The whole picture for one tenant: `ok` when there is no difference and no duplicate. */
export interface ReconcileReport {
  tenantId: string;
  checkedAt: string;
  entities: { checked: number; differences: ReconcileDifference[] };
  orders: OrdersReconciliation;
  duplicates: { products: DuplicateProducts[]; pictures: DuplicatePictures[] };
  ok: boolean;
}

export function isReportOk(r: Omit<ReconcileReport, 'ok'>): boolean {
  return (
    r.entities.differences.length === 0 &&
    r.orders.differences.length === 0 &&
    r.duplicates.products.length === 0 &&
    r.duplicates.pictures.length === 0
  );
}
