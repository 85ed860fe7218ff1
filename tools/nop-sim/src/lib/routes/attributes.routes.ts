import type { SimSettings } from '../context';
import type { Row } from '../dto';
import { AttributeSelection, buildAttributesXml, parseAttributesXml } from '../attributes-xml';
import { Routes, bodyString, noContent, ok, pageArgs, paged, pathInt, qBool, qInt, qStr } from '../http';
import { notFound } from '../nop-sim.exception';
import { getOr404, registerCrud } from './crud';
import { findCombination } from './products.routes';

/** Control types that take part in combinations (everything but text boxes, date pickers and uploads). */
const NON_COMBINABLE = new Set([4, 10, 20, 30, 50]);
const MULTI_SELECT = new Set([3, 50]);

export function registerAttributeRoutes(r: Routes, settings: SimSettings): void {
  registerCrud(r, {
    controller: 'ProductAttribute',
    entity: 'Product attribute',
    dto: 'ProductAttributeDto',
    table: 'productAttributes',
  });
  r.get('/ProductAttribute/GetAll', (req, ctx) => {
    const { pageIndex, pageSize } = pageArgs(req);
    const rows = ctx.store.t.productAttributes
      .all()
      .sort((a, b) => String(a.name).localeCompare(String(b.name)) || a.id - b.id)
      .map((a) => ctx.dto('ProductAttributeDto', a));
    return ok(paged(rows, pageIndex, pageSize));
  });

  registerCrud(r, {
    controller: 'ProductAttributeMapping',
    entity: 'Product attribute mapping',
    dto: 'ProductAttributeMappingDto',
    table: 'attributeMappings',
    foreignKeys: [
      { field: 'product_id', table: 'products' },
      { field: 'product_attribute_id', table: 'productAttributes' },
    ],
  });
  r.get('/ProductAttributeMapping/GetAllByProductId/:productId', (req, ctx) => {
    const productId = pathInt(req, 'productId');
    const rows = ctx.store.t.attributeMappings
      .where((m) => m.product_id === productId)
      .sort((a, b) => Number(a.display_order) - Number(b.display_order) || a.id - b.id);
    return ok(rows.map((m) => ctx.dto('ProductAttributeMappingDto', m)));
  });

  registerCrud(r, {
    controller: 'ProductAttributeValue',
    entity: 'Product attribute value',
    dto: 'ProductAttributeValueDto',
    table: 'attributeValues',
    foreignKeys: [{ field: 'product_attribute_mapping_id', table: 'attributeMappings' }],
  });
  r.get('/ProductAttributeValue/GetAll/:mappingId', (req, ctx) => {
    const mappingId = pathInt(req, 'mappingId');
    const rows = ctx.store.t.attributeValues
      .where((v) => v.product_attribute_mapping_id === mappingId)
      .sort((a, b) => Number(a.display_order) - Number(b.display_order) || a.id - b.id);
    return ok(rows.map((v) => ctx.dto('ProductAttributeValueDto', v)));
  });

  registerCrud(r, {
    controller: 'ProductAttributeCombination',
    entity: 'Product attribute combination',
    dto: 'ProductAttributeCombinationDto',
    table: 'combinations',
    foreignKeys: [{ field: 'product_id', table: 'products' }],
  });
  r.get('/ProductAttributeCombination/GetAll/:productId', (req, ctx) => {
    const productId = pathInt(req, 'productId');
    return ok(
      ctx.store.t.combinations
        .where((c) => c.product_id === productId)
        .map((c) => ctx.dto('ProductAttributeCombinationDto', c)),
    );
  });
  r.get('/ProductAttributeCombination/GetBySku', (req, ctx) => {
    const sku = (qStr(req, 'sku') ?? '').trim();
    const hit = sku
      ? ctx.store.t.combinations.find(
          (c) => c.sku === sku && ctx.store.t.products.get(Number(c.product_id))?.deleted === false,
        )
      : undefined;
    if (!hit) throw notFound(`Product attribute combination sku=${sku} not found`);
    return ok(ctx.dto('ProductAttributeCombinationDto', hit));
  });

  // ---- attributes XML helpers ----
  r.post('/ProductAttributeParser/AddProductAttribute/:productAttributeMappingId', (req, ctx) => {
    const mappingId = pathInt(req, 'productAttributeMappingId');
    getOr404(ctx, 'attributeMappings', mappingId, 'Product attribute mapping');
    const selection = parseAttributesXml(bodyString(req));
    const value = qStr(req, 'value') ?? '';
    selection.set(mappingId, [...(selection.get(mappingId) ?? []), value]);
    return ok(buildAttributesXml(selection));
  });
  r.post('/ProductAttributeParser/FindProductAttributeCombination/:productId', (req, ctx) => {
    const hit = findCombination(ctx, pathInt(req, 'productId'), bodyString(req));
    // Ok(null) → ASP.NET Core's no-content formatter answers 204.
    return hit ? ok(ctx.dto('ProductAttributeCombinationDto', hit)) : noContent();
  });
  r.get('/ProductAttributeParser/GenerateAllCombinations/:productId', (req, ctx) => {
    const productId = pathInt(req, 'productId');
    const ignoreNonCombinable = qBool(req, 'ignoreNonCombinableAttributes', false);
    const mappings = ctx.store.t.attributeMappings
      .where((m) => m.product_id === productId)
      .filter((m) => !ignoreNonCombinable || !NON_COMBINABLE.has(Number(m.attribute_control_type_id)))
      .sort((a, b) => Number(a.display_order) - Number(b.display_order) || a.id - b.id);
    let results: AttributeSelection[] = [new Map()];
    for (const m of mappings) {
      const values = ctx.store.t.attributeValues
        .where((v) => v.product_attribute_mapping_id === m.id)
        .map((v) => String(v.id));
      if (values.length === 0) continue;
      const choices: string[][] = MULTI_SELECT.has(Number(m.attribute_control_type_id))
        ? subsets(values)
        : values.map((v) => [v]);
      results = results.flatMap((sel) =>
        choices.map((choice) => {
          const next = new Map(sel);
          if (choice.length > 0) next.set(m.id, choice);
          return next;
        }),
      );
    }
    // Creates nothing: it only returns the XML strings.
    return ok(results.filter((s) => s.size > 0).map(buildAttributesXml));
  });

  if (settings.version !== '4.60') registerPictureMappings(r);
}

function subsets(values: string[]): string[][] {
  const out: string[][] = [];
  for (let mask = 0; mask < 1 << values.length; mask++) out.push(values.filter((_, i) => mask & (1 << i)));
  return out;
}

/** 4.70+: combination and value pictures live in their own tables. */
function registerPictureMappings(r: Routes): void {
  registerCrud(r, {
    controller: 'ProductAttributeCombinationPictures',
    entity: 'Product attribute combination picture',
    dto: 'ProductAttributeCombinationPictureDto',
    table: 'combinationPictures',
    actions: ['GetById', 'Create', 'Delete'],
    foreignKeys: [
      { field: 'product_attribute_combination_id', table: 'combinations' },
      { field: 'picture_id', table: 'pictures' },
    ],
  });
  // 4.70 route bug: the action is bound to the literal segment `combinationId`; the id is in the query.
  r.get('/ProductAttributeCombinationPictures/GetAll/combinationId', (req, ctx) => {
    const id = qInt(req, 'combinationId', 0);
    const rows: Row[] = ctx.store.t.combinationPictures.where((p) => p.product_attribute_combination_id === id);
    return ok(rows.map((p) => ctx.dto('ProductAttributeCombinationPictureDto', p)));
  });
  registerCrud(r, {
    controller: 'ProductAttributeValuePicture',
    entity: 'Product attribute value picture',
    dto: 'ProductAttributeValuePictureDto',
    table: 'valuePictures',
    actions: ['GetById', 'Create', 'Delete'],
    foreignKeys: [
      { field: 'product_attribute_value_id', table: 'attributeValues' },
      { field: 'picture_id', table: 'pictures' },
    ],
  });
  r.get('/ProductAttributeValuePicture/GetAll/valueId', (req, ctx) => {
    const id = qInt(req, 'valueId', 0);
    const rows: Row[] = ctx.store.t.valuePictures.where((p) => p.product_attribute_value_id === id);
    return ok(rows.map((p) => ctx.dto('ProductAttributeValuePictureDto', p)));
  });
}
