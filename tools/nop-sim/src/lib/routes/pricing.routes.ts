import type { SimSettings } from '../context';
import { Routes, noContent, ok, okEmpty, pathId, pathInt, qBool, qDate, qEnum, qInt, qStr } from '../http';
import { getOr404, registerCrud } from './crud';
import { preferredTierPrice } from '../pricing';

export const DISCOUNT_TYPES = {
  AssignedToOrderTotal: 1,
  AssignedToSkus: 2,
  AssignedToCategories: 5,
  AssignedToManufacturers: 6,
  AssignedToShipping: 10,
  AssignedToOrderSubTotal: 20,
};

export function registerPricingRoutes(r: Routes, settings: SimSettings): void {
  // Create/Delete do NOT touch Product.has_tier_prices: call UpdateHasTierPricesProperty afterwards.
  registerCrud(r, {
    controller: 'TierPrices',
    entity: 'Tier price',
    dto: 'TierPriceDto',
    table: 'tierPrices',
    foreignKeys: [{ field: 'product_id', table: 'products' }],
  });
  r.get('/TierPrices/GetTierPricesByProduct/:productId', (req, ctx) => {
    const productId = pathInt(req, 'productId');
    return ok(ctx.store.t.tierPrices.where((t) => t.product_id === productId).map((t) => ctx.dto('TierPriceDto', t)));
  });
  r.get('/TierPrices/GetPreferredTierPrice/:productId/:customerId/:storeId', (req, ctx) => {
    const product = getOr404(ctx, 'products', pathId(req, 'productId'), 'Product');
    const tier = preferredTierPrice(
      ctx,
      product,
      pathInt(req, 'customerId'),
      pathInt(req, 'storeId'),
      qInt(req, 'quantity', 1),
    );
    return tier ? ok(ctx.dto('TierPriceDto', tier)) : noContent();
  });

  registerCrud(r, { controller: 'Discount', entity: 'Discount', dto: 'DiscountDto', table: 'discounts' });
  r.get('/Discount/GetAll', (req, ctx) => {
    const type = qEnum(req, 'discountType', DISCOUNT_TYPES);
    const coupon = qStr(req, 'couponCode');
    const name = (qStr(req, 'discountName') ?? '').toLowerCase();
    const showHidden = qBool(req, 'showHidden', false);
    const start = qDate(req, 'startDateUtc');
    const end = qDate(req, 'endDateUtc');
    const isActive = qStr(req, 'isActive');
    const now = ctx.now();
    const rows = ctx.store.t.discounts.where(
      (d) =>
        (type === null || d.discount_type_id === type) &&
        (!coupon || d.coupon_code === coupon) &&
        (name === '' ||
          String(d.name ?? '')
            .toLowerCase()
            .includes(name)) &&
        (isActive === undefined || isActive === '' || String(d.is_active) === isActive.toLowerCase()) &&
        (showHidden ||
          ((typeof d.start_date_utc !== 'string' || d.start_date_utc <= now) &&
            (typeof d.end_date_utc !== 'string' || d.end_date_utc >= now))) &&
        (start === null || typeof d.start_date_utc !== 'string' || d.start_date_utc >= start) &&
        (end === null || typeof d.end_date_utc !== 'string' || d.end_date_utc <= end),
    );
    return ok(rows.map((d) => ctx.dto('DiscountDto', d)));
  });

  // Product–discount mapping. Create does not set has_discounts_applied: call UpdateHasDiscountsApplied.
  registerCrud(r, {
    controller: 'ProductDiscounts',
    entity: 'Discount product mapping',
    dto: 'DiscountProductMappingDto',
    table: 'discountProducts',
    actions: ['GetById', 'Create', 'Delete'],
    foreignKeys: [
      { field: 'entity_id', table: 'products' },
      { field: 'discount_id', table: 'discounts' },
    ],
  });
  r.get('/ProductDiscounts/GetAllDiscountsAppliedToProduct/:productId', (req, ctx) => {
    const productId = pathInt(req, 'productId');
    return ok(
      ctx.store.t.discountProducts
        .where((m) => m.entity_id === productId)
        .map((m) => ctx.dto('DiscountProductMappingDto', m)),
    );
  });
  // Clears every product of the discount. The service recomputes the products' flags *before* deleting,
  // so has_discounts_applied stays true until UpdateHasDiscountsApplied is called per product.
  const clear: Parameters<Routes['get']>[1] = (req, ctx) => {
    const discountId = pathId(req, 'discountId');
    for (const m of ctx.store.t.discountProducts.where((x) => x.discount_id === discountId))
      ctx.store.t.discountProducts.remove(m.id);
    return okEmpty();
  };
  r.delete('/ProductDiscounts/ClearDiscountProductMapping/:discountId', clear);
  // The v1.06 (4.40/4.50-era) document has it as a GET; kept on the 4.60 profile.
  if (settings.version === '4.60') r.get('/ProductDiscounts/ClearDiscountProductMapping/:discountId', clear);
}
