import type { Row } from '../dto';
import { parseIdList } from '../id-list';
import { Routes, ok, pageArgs, paged, pathInt, pathStr, qBool, qBoolOrNull, qStr } from '../http';
import { registerCrud } from './crud';

/** nop's `SortCategoriesForTree`: parent, then its children (display_order, id), depth-first; orphans last. */
function sortTree(categories: Row[]): Row[] {
  const byOrder = (a: Row, b: Row): number => Number(a.display_order) - Number(b.display_order) || a.id - b.id;
  const out: Row[] = [];
  const seen = new Set<number>();
  const visit = (parentId: number): void => {
    for (const c of categories.filter((x) => x.parent_category_id === parentId).sort(byOrder)) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push(c);
      visit(c.id);
    }
  };
  visit(0);
  out.push(...categories.filter((c) => !seen.has(c.id)).sort(byOrder));
  return out;
}

export function registerCategoryRoutes(r: Routes): void {
  registerCrud(r, {
    controller: 'Category',
    entity: 'Category',
    dto: 'CategoryDto',
    table: 'categories',
    softDelete: true,
  });

  r.get('/Category/GetAll', (req, ctx) => {
    const name = (qStr(req, 'categoryName') ?? '').toLowerCase();
    const showHidden = qBool(req, 'showHidden', false);
    const overridePublished = qBoolOrNull(req, 'overridePublished');
    const { pageIndex, pageSize } = pageArgs(req);
    const rows = ctx.store.t.categories.where(
      (c) =>
        !c.deleted &&
        (name === '' ||
          String(c.name ?? '')
            .toLowerCase()
            .includes(name)) &&
        (overridePublished === null ? showHidden || c.published === true : c.published === overridePublished),
    );
    return ok(
      paged(
        sortTree(rows).map((c) => ctx.dto('CategoryDto', c)),
        pageIndex,
        pageSize,
      ),
    );
  });

  r.get('/Category/GetAllCategoriesByParentCategoryId/:parentCategoryId', (req, ctx) => {
    const parentId = pathInt(req, 'parentCategoryId');
    const showHidden = qBool(req, 'showHidden', false);
    const rows = ctx.store.t.categories
      .where((c) => !c.deleted && c.parent_category_id === parentId && (showHidden || c.published === true))
      .sort((a, b) => Number(a.display_order) - Number(b.display_order) || a.id - b.id);
    return ok(rows.map((c) => ctx.dto('CategoryDto', c)));
  });

  r.get('/Category/GetCategoriesByIds/:ids', (req, ctx) => {
    const rows = parseIdList(pathStr(req, 'ids'))
      .map((id) => ctx.store.t.categories.get(id))
      .filter((c): c is Row => c !== undefined && !c.deleted);
    return ok(rows.map((c) => ctx.dto('CategoryDto', c)));
  });

  registerCrud(r, {
    controller: 'ProductCategory',
    entity: 'Product category',
    dto: 'ProductCategoryDto',
    table: 'productCategories',
    foreignKeys: [
      { field: 'product_id', table: 'products' },
      { field: 'category_id', table: 'categories' },
    ],
  });

  r.get('/ProductCategory/GetProductCategoriesByProductId/:productId', (req, ctx) => {
    const productId = pathInt(req, 'productId');
    const showHidden = qBool(req, 'showHidden', false);
    const rows = ctx.store.t.productCategories
      .where((m) => {
        if (m.product_id !== productId) return false;
        const category = ctx.store.t.categories.get(Number(m.category_id));
        // Mapping reads hide unpublished (and deleted) categories unless showHidden.
        return category !== undefined && !category.deleted && (showHidden || category.published === true);
      })
      .sort((a, b) => Number(a.display_order) - Number(b.display_order) || a.id - b.id);
    return ok(rows.map((m) => ctx.dto('ProductCategoryDto', m)));
  });

  r.get('/ProductCategory/GetProductCategoriesByCategoryId/:categoryId', (req, ctx) => {
    const categoryId = pathInt(req, 'categoryId');
    const showHidden = qBool(req, 'showHidden', false);
    const { pageIndex, pageSize } = pageArgs(req);
    const rows = ctx.store.t.productCategories
      .where((m) => {
        if (m.category_id !== categoryId) return false;
        const product = ctx.store.t.products.get(Number(m.product_id));
        return product !== undefined && !product.deleted && (showHidden || product.published === true);
      })
      .sort((a, b) => Number(a.display_order) - Number(b.display_order) || a.id - b.id);
    return ok(
      paged(
        rows.map((m) => ctx.dto('ProductCategoryDto', m)),
        pageIndex,
        pageSize,
      ),
    );
  });
}
