import Decimal from 'decimal.js';
import type { SimContext } from './context';
import type { Row } from './dto';

/**
 * nop's tier-price selection (ProductService.GetTierPricesAsync + TierPriceExtensions):
 * store → role → date window (both ends exclusive) → cheapest per quantity → last tier with quantity <= qty.
 * Gated by the product's `has_tier_prices` flag, which the API never maintains by itself.
 */
export function preferredTierPrice(
  ctx: SimContext,
  product: Row,
  customerId: number,
  storeId: number,
  quantity: number,
): Row | undefined {
  if (!product.has_tier_prices) return undefined;
  const now = ctx.now();
  const roleIds = new Set(
    ctx.store.t.customerRoleMappings.where((m) => m.customer_id === customerId).map((m) => Number(m.customer_role_id)),
  );
  const eligible = ctx.store.t.tierPrices.where(
    (t) =>
      t.product_id === product.id &&
      (t.store_id === 0 || t.store_id === storeId) &&
      (roleIds.size === 0 ||
        t.customer_role_id === null ||
        t.customer_role_id === 0 ||
        roleIds.has(Number(t.customer_role_id))) &&
      (typeof t.start_date_time_utc !== 'string' || t.start_date_time_utc < now) &&
      (typeof t.end_date_time_utc !== 'string' || t.end_date_time_utc > now),
  );
  const cheapestPerQuantity = new Map<number, Row>();
  for (const t of eligible) {
    const q = Number(t.quantity);
    const current = cheapestPerQuantity.get(q);
    if (!current || new Decimal(Number(t.price)).lt(Number(current.price))) cheapestPerQuantity.set(q, t);
  }
  return [...cheapestPerQuantity.values()]
    .sort((a, b) => Number(a.quantity) - Number(b.quantity))
    .filter((t) => Number(t.quantity) <= quantity)
    .pop();
}

export interface FinalPriceQuery {
  productId: number;
  /** Combination whose `overridden_price` applies (unless a tier price wins). */
  combinationId?: number;
  quantity?: number;
  customerId?: number;
  storeId?: number;
}

/**
 * The unit price nop would charge, for test assertions: combination override, replaced by an active tier
 * price even when that is higher, then product-assigned discounts if `has_discounts_applied` is set.
 * Returns a decimal string (4 places, like the decimal(18,4) columns).
 */
export function finalPrice(ctx: SimContext, q: FinalPriceQuery): string {
  const product = ctx.store.t.products.get(q.productId);
  if (!product) throw new RangeError(`no product ${q.productId}`);
  let price = new Decimal(Number(product.price));
  if (q.combinationId !== undefined) {
    const combination = ctx.store.t.combinations.get(q.combinationId);
    if (combination && typeof combination.overridden_price === 'number')
      price = new Decimal(combination.overridden_price);
  }
  const tier = preferredTierPrice(ctx, product, q.customerId ?? 0, q.storeId ?? 0, q.quantity ?? 1);
  if (tier) price = new Decimal(Number(tier.price));
  if (product.has_discounts_applied) {
    const now = ctx.now();
    const discountIds = new Set(
      ctx.store.t.discountProducts.where((m) => m.entity_id === product.id).map((m) => Number(m.discount_id)),
    );
    let best = new Decimal(0);
    for (const d of ctx.store.t.discounts.where((x) => discountIds.has(x.id))) {
      const active =
        d.discount_type_id === 2 &&
        d.is_active !== false &&
        !d.requires_coupon_code &&
        (typeof d.start_date_utc !== 'string' || d.start_date_utc < now) &&
        (typeof d.end_date_utc !== 'string' || d.end_date_utc > now);
      if (!active) continue;
      let amount = d.use_percentage
        ? price.mul(Number(d.discount_percentage)).div(100)
        : new Decimal(Number(d.discount_amount));
      if (typeof d.maximum_discount_amount === 'number') amount = Decimal.min(amount, d.maximum_discount_amount);
      if (amount.gt(best)) best = amount;
    }
    price = Decimal.max(0, price.minus(best));
  }
  return price.toFixed(4);
}
