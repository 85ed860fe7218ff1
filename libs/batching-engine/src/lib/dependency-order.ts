/**
 * Apply order by dependency: groups and manufacturers before the products that link them, products before
 * their variants, prices, stock and images; removals last, after products have been relinked. `variant` and
 * `price` have no record kind of their own in TwinXML 1 (they travel inside products) but other sources may
 * stage them separately, so they have a place in the order.
 */
export const KIND_RANK: Readonly<Record<string, number>> = {
  category: 0,
  manufacturer: 0,
  product: 1,
  variant: 2,
  price: 3,
  stock: 4,
  image: 5,
  deletion: 6,
};

/** Unknown kinds go after everything known. */
export function rankOf(kind: string): number {
  return KIND_RANK[kind] ?? 7;
}
