import type { Row } from '../dto';
import { parseIdList } from '../id-list';
import { Routes, ok, pageArgs, paged, pathInt, pathStr, qBool, qBoolOrNull, qStr } from '../http';
import { registerCrud } from './crud';

export function registerManufacturerRoutes(r: Routes): void {
  registerCrud(r, {
    controller: 'Manufacturer',
    entity: 'Manufacturer',
    dto: 'ManufacturerDto',
    table: 'manufacturers',
    softDelete: true,
  });

  r.get('/Manufacturer/GetAll', (req, ctx) => {
    const name = (qStr(req, 'manufacturerName') ?? '').toLowerCase();
    const showHidden = qBool(req, 'showHidden', false);
    const overridePublished = qBoolOrNull(req, 'overridePublished');
    const { pageIndex, pageSize } = pageArgs(req);
    const rows = ctx.store.t.manufacturers
      .where(
        (m) =>
          !m.deleted &&
          (name === '' ||
            String(m.name ?? '')
              .toLowerCase()
              .includes(name)) &&
          (overridePublished === null ? showHidden || m.published === true : m.published === overridePublished),
      )
      .sort((a, b) => Number(a.display_order) - Number(b.display_order) || a.id - b.id);
    return ok(
      paged(
        rows.map((m) => ctx.dto('ManufacturerDto', m)),
        pageIndex,
        pageSize,
      ),
    );
  });

  r.get('/Manufacturer/GetManufacturersByIds/:ids', (req, ctx) => {
    const rows = parseIdList(pathStr(req, 'ids'))
      .map((id) => ctx.store.t.manufacturers.get(id))
      .filter((m): m is Row => m !== undefined && !m.deleted);
    return ok(rows.map((m) => ctx.dto('ManufacturerDto', m)));
  });

  registerCrud(r, {
    controller: 'ProductManufacturer',
    entity: 'Product manufacturer',
    dto: 'ProductManufacturerDto',
    table: 'productManufacturers',
    foreignKeys: [
      { field: 'product_id', table: 'products' },
      { field: 'manufacturer_id', table: 'manufacturers' },
    ],
  });

  r.get('/ProductManufacturer/GetProductManufacturersByProductId/:productId', (req, ctx) => {
    const productId = pathInt(req, 'productId');
    const showHidden = qBool(req, 'showHidden', false);
    const rows = ctx.store.t.productManufacturers
      .where((pm) => {
        if (pm.product_id !== productId) return false;
        const m = ctx.store.t.manufacturers.get(Number(pm.manufacturer_id));
        return m !== undefined && !m.deleted && (showHidden || m.published === true);
      })
      .sort((a, b) => Number(a.display_order) - Number(b.display_order) || a.id - b.id);
    return ok(rows.map((pm) => ctx.dto('ProductManufacturerDto', pm)));
  });

  r.get('/ProductManufacturer/GetProductManufacturersByManufacturerId/:manufacturerId', (req, ctx) => {
    const manufacturerId = pathInt(req, 'manufacturerId');
    const showHidden = qBool(req, 'showHidden', false);
    const { pageIndex, pageSize } = pageArgs(req);
    const rows = ctx.store.t.productManufacturers
      .where((pm) => {
        if (pm.manufacturer_id !== manufacturerId) return false;
        const p = ctx.store.t.products.get(Number(pm.product_id));
        return p !== undefined && !p.deleted && (showHidden || p.published === true);
      })
      .sort((a, b) => Number(a.display_order) - Number(b.display_order) || a.id - b.id);
    return ok(
      paged(
        rows.map((pm) => ctx.dto('ProductManufacturerDto', pm)),
        pageIndex,
        pageSize,
      ),
    );
  });
}
