import type { Request } from 'express';
import type { SimContext } from '../context';
import type { Row } from '../dto';
import { parseIdList, parseStringList } from '../id-list';
import {
  Routes,
  bodyString,
  ok,
  okEmpty,
  pageArgs,
  paged,
  pathId,
  pathInt,
  pathStr,
  qBool,
  qBoolOrNull,
  qEnum,
  qInt,
  qIntRepeated,
  qStr,
} from '../http';
import { notFound } from '../nop-sim.exception';
import { parseAttributesXml, sameAttributes } from '../attributes-xml';
import { getOr404, registerCrud } from './crud';

export const PRODUCT_TYPES = { SimpleProduct: 5, GroupedProduct: 10 };
const SORTING = { Position: 0, NameAsc: 5, NameDesc: 6, PriceAsc: 10, PriceDesc: 11, CreatedOn: 15 };

export const MANAGE_STOCK = 1;
export const MANAGE_STOCK_BY_ATTRIBUTES = 2;

/** `FindProductAttributeCombination`: lowest-id combination with the same mapping/value sets. */
export function findCombination(ctx: SimContext, productId: number, xml: string): Row | undefined {
  const wanted = parseAttributesXml(xml);
  return ctx.store.t.combinations
    .where((c) => c.product_id === productId)
    .find((c) => sameAttributes(parseAttributesXml(String(c.attributes_xml ?? '')), wanted));
}

function addHistory(
  ctx: SimContext,
  productId: number,
  adjustment: number,
  stock: number,
  message: string,
  combinationId: number | null,
  warehouseId: number | null,
): void {
  ctx.store.t.stockHistory.insert({
    quantity_adjustment: adjustment,
    stock_quantity: stock,
    message,
    created_on_utc: ctx.now(),
    product_id: productId,
    combination_id: combinationId,
    warehouse_id: warehouseId,
  });
}

/** `ProductService.AdjustInventoryAsync` (single warehouse): change stock, add history, low-stock activity. */
export function adjustInventory(
  ctx: SimContext,
  product: Row,
  quantityToChange: number,
  xml: string,
  message: string,
): void {
  if (quantityToChange === 0) return;
  const method = product.manage_inventory_method_id;
  if (method === MANAGE_STOCK) {
    if (product.use_multiple_warehouses) return; // warehouse records are out of the simulated subset
    const stock = Number(product.stock_quantity) + quantityToChange;
    const changes: Record<string, unknown> = { stock_quantity: stock };
    const min = Number(product.min_stock_quantity);
    if (quantityToChange < 0 && stock <= min) {
      if (product.low_stock_activity_id === 1)
        Object.assign(changes, { disable_buy_button: true, disable_wishlist_button: true });
      if (product.low_stock_activity_id === 2) changes.published = false;
    } else if (quantityToChange > 0 && stock > min) {
      if (product.low_stock_activity_id === 1)
        Object.assign(changes, { disable_buy_button: false, disable_wishlist_button: false });
      if (product.low_stock_activity_id === 2) changes.published = true;
    }
    ctx.store.t.products.patch(product.id, changes);
    addHistory(
      ctx,
      product.id,
      quantityToChange,
      stock,
      message,
      null,
      product.warehouse_id === 0 ? null : Number(product.warehouse_id),
    );
  } else if (method === MANAGE_STOCK_BY_ATTRIBUTES) {
    const combination = findCombination(ctx, product.id, xml);
    if (!combination) return;
    const stock = Number(combination.stock_quantity) + quantityToChange;
    ctx.store.t.combinations.patch(combination.id, { stock_quantity: stock });
    addHistory(ctx, product.id, quantityToChange, stock, message, combination.id, null);
  }
}

function productList(ctx: SimContext, rows: Row[]): Record<string, unknown>[] {
  return rows.map((r) => ctx.dto('ProductDto', r));
}

function searchProducts(req: Request, ctx: SimContext): Row[] {
  const categoryIds = qIntRepeated(req, 'categoryIds').filter((id) => id > 0);
  const manufacturerIds = qIntRepeated(req, 'manufacturerIds').filter((id) => id > 0);
  const vendorId = qInt(req, 'vendorId', 0);
  const productType = qEnum(req, 'productType', PRODUCT_TYPES);
  const visibleOnly = qBool(req, 'visibleIndividuallyOnly', false);
  const keywords = (qStr(req, 'keywords') ?? '').trim();
  const searchSku = qBool(req, 'searchSku', true);
  const searchMpn = qBool(req, 'searchManufacturerPartNumber', true);
  const searchDescriptions = qBool(req, 'searchDescriptions', false);
  const showHidden = qBool(req, 'showHidden', false);
  const overridePublished = qBoolOrNull(req, 'overridePublished');
  const priceMin = qStr(req, 'priceMin');
  const priceMax = qStr(req, 'priceMax');
  const now = ctx.now();

  const inCategory = (p: Row): boolean =>
    categoryIds.length === 0 ||
    ctx.store.t.productCategories.some((m) => m.product_id === p.id && categoryIds.includes(Number(m.category_id)));
  const inManufacturer = (p: Row): boolean =>
    manufacturerIds.length === 0 ||
    ctx.store.t.productManufacturers.some(
      (m) => m.product_id === p.id && manufacturerIds.includes(Number(m.manufacturer_id)),
    );
  const matchesKeywords = (p: Row): boolean => {
    if (!keywords) return true;
    const k = keywords.toLowerCase();
    const has = (v: unknown): boolean => typeof v === 'string' && v.toLowerCase().includes(k);
    if (has(p.name)) return true;
    if (searchDescriptions && (has(p.short_description) || has(p.full_description))) return true;
    // nop matches SKU and MPN exactly, not as substrings.
    if (searchSku && typeof p.sku === 'string' && p.sku.toLowerCase() === k) return true;
    return (
      searchMpn && typeof p.manufacturer_part_number === 'string' && p.manufacturer_part_number.toLowerCase() === k
    );
  };
  const visible = (p: Row): boolean => {
    if (overridePublished === true) return p.published === true;
    if (overridePublished === false) return p.published === false;
    if (showHidden) return true;
    if (!p.published) return false;
    const start = p.available_start_date_time_utc;
    const end = p.available_end_date_time_utc;
    return (typeof start !== 'string' || start < now) && (typeof end !== 'string' || end > now);
  };

  const rows = ctx.store.t.products.where(
    (p) =>
      !p.deleted &&
      visible(p) &&
      (vendorId === 0 || p.vendor_id === vendorId) &&
      (productType === null || p.product_type_id === productType) &&
      (!visibleOnly || p.visible_individually === true) &&
      (priceMin === undefined || priceMin === '' || Number(p.price) >= Number(priceMin)) &&
      (priceMax === undefined || priceMax === '' || Number(p.price) <= Number(priceMax)) &&
      inCategory(p) &&
      inManufacturer(p) &&
      matchesKeywords(p),
  );
  const sort = qEnum(req, 'orderByType', SORTING) ?? 0;
  const byName = (a: Row, b: Row): number => String(a.name).localeCompare(String(b.name));
  switch (sort) {
    case 5:
      return rows.sort(byName);
    case 6:
      return rows.sort((a, b) => byName(b, a));
    case 10:
      return rows.sort((a, b) => Number(a.price) - Number(b.price));
    case 11:
      return rows.sort((a, b) => Number(b.price) - Number(a.price));
    case 15:
      return rows.sort((a, b) => String(b.created_on_utc).localeCompare(String(a.created_on_utc)) || b.id - a.id);
    default:
      return rows.sort((a, b) => Number(a.display_order) - Number(b.display_order) || a.id - b.id);
  }
}

export function registerProductRoutes(r: Routes): void {
  registerCrud(r, { controller: 'Product', entity: 'Product', dto: 'ProductDto', table: 'products', softDelete: true });

  r.get('/Product/GetProductBySku', (req, ctx) => {
    const sku = (qStr(req, 'sku') ?? '').trim();
    // First non-deleted product by lowest id: SKUs are not unique in nop.
    const hit = sku ? ctx.store.t.products.find((p) => !p.deleted && p.sku === sku) : undefined;
    if (!hit) throw notFound(`Product sku=${sku} not found`);
    return ok(ctx.dto('ProductDto', hit));
  });

  r.get('/Product/GetProductsBySku', (req, ctx) => {
    const skus = parseStringList(qStr(req, 'skuArray'));
    const vendorId = qInt(req, 'vendorId', 0);
    const rows = ctx.store.t.products.where(
      (p) =>
        !p.deleted && typeof p.sku === 'string' && skus.includes(p.sku) && (vendorId === 0 || p.vendor_id === vendorId),
    );
    return ok(productList(ctx, rows));
  });

  r.get('/Product/GetProductsByIds/:ids', (req, ctx) => {
    const rows = parseIdList(pathStr(req, 'ids'))
      .map((id) => ctx.store.t.products.get(id))
      .filter((p): p is Row => p !== undefined);
    return ok(productList(ctx, rows));
  });

  r.get('/Product/GetAll', (req, ctx) => {
    const { pageIndex, pageSize } = pageArgs(req);
    return ok(paged(productList(ctx, searchProducts(req, ctx)), pageIndex, pageSize));
  });

  r.delete('/Product/DeleteProducts/:ids', (req, ctx) => {
    for (const id of parseIdList(pathStr(req, 'ids'))) {
      if (ctx.store.t.products.has(id)) ctx.store.t.products.patch(id, { deleted: true });
    }
    return okEmpty();
  });

  // GET requests that write: the derived flags are only recomputed on demand.
  r.get('/Product/UpdateHasTierPricesProperty/:productId', (req, ctx) => {
    const id = pathId(req, 'productId');
    getOr404(ctx, 'products', id, 'Product');
    const has = ctx.store.t.tierPrices.some((t) => t.product_id === id);
    ctx.store.t.products.patch(id, { has_tier_prices: has });
    return okEmpty();
  });

  r.get('/Product/UpdateHasDiscountsApplied/:productId', (req, ctx) => {
    const id = pathId(req, 'productId');
    getOr404(ctx, 'products', id, 'Product');
    const has = ctx.store.t.discountProducts.some((m) => m.entity_id === id);
    ctx.store.t.products.patch(id, { has_discounts_applied: has });
    return okEmpty();
  });

  r.post('/Product/AdjustInventory/:productId', (req, ctx) => {
    const product = getOr404(ctx, 'products', pathId(req, 'productId'), 'Product');
    const quantity = qInt(req, 'quantityToChange', 0);
    adjustInventory(ctx, product, quantity, bodyString(req), qStr(req, 'message') ?? '');
    return okEmpty();
  });

  r.get('/Product/GetTotalStockQuantity/:productId', (req, ctx) => {
    const product = getOr404(ctx, 'products', pathId(req, 'productId'), 'Product');
    if (product.manage_inventory_method_id !== MANAGE_STOCK || product.use_multiple_warehouses) return ok(0);
    return ok(product.stock_quantity);
  });

  r.get('/Product/AddStockQuantityHistoryEntry/:productId', (req, ctx) => {
    const product = getOr404(ctx, 'products', pathId(req, 'productId'), 'Product');
    const combinationId = qInt(req, 'combinationId', 0);
    const warehouseId = qInt(req, 'warehouseId', 0);
    addHistory(
      ctx,
      product.id,
      qInt(req, 'quantityAdjustment', 0),
      qInt(req, 'stockQuantity', 0),
      qStr(req, 'message') ?? '',
      combinationId > 0 ? combinationId : null,
      warehouseId > 0 ? warehouseId : null,
    );
    return okEmpty();
  });

  r.get('/Product/GetStockQuantityHistory/:productId', (req, ctx) => {
    const productId = pathInt(req, 'productId');
    const combinationId = qInt(req, 'combinationId', 0);
    const warehouseId = qInt(req, 'warehouseId', 0);
    const { pageIndex, pageSize } = pageArgs(req);
    const rows = ctx.store.t.stockHistory
      .where(
        (h) =>
          h.product_id === productId &&
          (combinationId === 0 || h.combination_id === combinationId) &&
          (warehouseId === 0 || h.warehouse_id === warehouseId),
      )
      .sort((a, b) => String(b.created_on_utc).localeCompare(String(a.created_on_utc)) || b.id - a.id)
      .map((h) => ctx.dto('StockQuantityHistoryDto', h));
    return ok(paged(rows, pageIndex, pageSize));
  });

  // Order items carry no SKU; this reads it *now*, from the combination when stock is by attributes.
  r.post('/Product/FormatSku/:productId', (req, ctx) => {
    const product = getOr404(ctx, 'products', pathId(req, 'productId'), 'Product');
    let sku = product.sku;
    if (product.manage_inventory_method_id === MANAGE_STOCK_BY_ATTRIBUTES) {
      const combination = findCombination(ctx, product.id, bodyString(req));
      if (combination && typeof combination.sku === 'string' && combination.sku !== '') sku = combination.sku;
    }
    return ok(sku ?? '');
  });
}
