import { Api, Dto, withEmptyShopEachTest } from './support/api';
import type { NopSim } from '../src';

describe('categories, manufacturers, attributes and combinations', () => {
  let sim: NopSim;
  let api: Api;
  withEmptyShopEachTest((started) => ({ sim, api } = started));
  const product = async (sku: string): Promise<Dto> =>
    (await api.post<Dto>('/Product/Create', { name: sku, sku, product_type_id: 5, published: true })).body;

  it('categories: tree order, substring filter, soft delete, mappings hide unpublished categories', async () => {
    const mk = async (name: string, parent = 0, published = true, display_order = 0): Promise<Dto> =>
      (
        await api.post<Dto>('/Category/Create', {
          name,
          parent_category_id: parent,
          published,
          display_order,
          page_size: 6,
          page_size_options: '6, 3, 9',
        })
      ).body;
    const men = await mk('Men', 0, true, 1);
    const women = await mk('Women', 0, true, 0);
    const shirts = await mk('Men shirts', men.id);
    const hidden = await mk('Hidden', 0, false);
    const list = (await api.get<{ items: Dto[] }>('/Category/GetAll?categoryName=&pageSize=500&showHidden=true')).body
      .items;
    expect(list.map((c) => c.name)).toEqual(['Women', 'Hidden', 'Men', 'Men shirts']);
    expect((await api.get<{ items: Dto[] }>('/Category/GetAll?categoryName=men')).body.items.map((c) => c.id)).toEqual([
      women.id,
      men.id,
      shirts.id,
    ]);
    const p = await product('P');
    for (const c of [shirts, hidden])
      await api.post('/ProductCategory/Create', {
        product_id: p.id,
        category_id: c.id,
        is_featured_product: false,
        display_order: 0,
      });
    expect(
      (await api.get<Dto[]>(`/ProductCategory/GetProductCategoriesByProductId/${p.id}`)).body.map((m) => m.category_id),
    ).toEqual([shirts.id]);
    expect(
      (await api.get<Dto[]>(`/ProductCategory/GetProductCategoriesByProductId/${p.id}?showHidden=true`)).body,
    ).toHaveLength(2);
    await api.del(`/Category/Delete/${women.id}`);
    expect((await api.get<Dto>(`/Category/GetById/${women.id}`)).body.deleted).toBe(true);
    expect((await api.get<{ total_count: number }>('/Category/GetAll?showHidden=true')).body.total_count).toBe(3);
  });

  it('a mapping to a missing row is a database FK error: 500', async () => {
    const p = await product('P');
    const res = await api.post<Record<string, unknown>>('/ProductCategory/Create', {
      product_id: p.id,
      category_id: 42,
    });
    expect(res.status).toBe(500);
    expect(String(res.body.message)).toMatch(/FOREIGN KEY/);
  });

  it('manufacturers and product–manufacturer mappings', async () => {
    const m = (await api.post<Dto>('/Manufacturer/Create', { name: 'Acme', published: true })).body;
    const p = await product('P');
    const pm = (
      await api.post<Dto>('/ProductManufacturer/Create', {
        product_id: p.id,
        manufacturer_id: m.id,
        is_featured_product: false,
        display_order: 0,
      })
    ).body;
    expect(
      (await api.get<Dto[]>(`/ProductManufacturer/GetProductManufacturersByProductId/${p.id}?showHidden=true`)).body,
    ).toEqual([pm]);
    expect(
      (
        await api.get<{ items: Dto[] }>(
          `/ProductManufacturer/GetProductManufacturersByManufacturerId/${m.id}?pageIndex=0&pageSize=10`,
        )
      ).body.items,
    ).toEqual([pm]);
    expect(
      (await api.get<{ items: Dto[] }>('/Manufacturer/GetAll?manufacturerName=ac&pageSize=10')).body.items.map(
        (x) => x.id,
      ),
    ).toEqual([m.id]);
  });

  it('colour × size combinations: attributes, mappings, values, XML, lookup by SKU and by XML, stock by attributes', async () => {
    const p = await product('SHIRT');
    await api.put('/Product/Update', {
      ...p,
      manage_inventory_method_id: 2,
      allow_adding_only_existing_attribute_combinations: true,
    });
    const color = (await api.post<Dto>('/ProductAttribute/Create', { name: 'Color' })).body;
    const size = (await api.post<Dto>('/ProductAttribute/Create', { name: 'Size' })).body;
    expect(
      (await api.get<{ total_count: number }>('/ProductAttribute/GetAll?pageIndex=0&pageSize=500')).body.total_count,
    ).toBe(2);
    const mc = (
      await api.post<Dto>('/ProductAttributeMapping/Create', {
        product_id: p.id,
        product_attribute_id: color.id,
        attribute_control_type_id: 40,
        is_required: true,
        display_order: 0,
      })
    ).body;
    const ms = (
      await api.post<Dto>('/ProductAttributeMapping/Create', {
        product_id: p.id,
        product_attribute_id: size.id,
        attribute_control_type_id: 1,
        is_required: true,
        display_order: 1,
      })
    ).body;
    const red = (
      await api.post<Dto>('/ProductAttributeValue/Create', {
        product_attribute_mapping_id: mc.id,
        attribute_value_type_id: 0,
        name: 'Red',
        color_squares_rgb: '#ff0000',
      })
    ).body;
    const m = (
      await api.post<Dto>('/ProductAttributeValue/Create', {
        product_attribute_mapping_id: ms.id,
        attribute_value_type_id: 0,
        name: 'M',
      })
    ).body;
    await api.post('/ProductAttributeValue/Create', {
      product_attribute_mapping_id: ms.id,
      attribute_value_type_id: 0,
      name: 'L',
    });
    expect((await api.get<Dto[]>(`/ProductAttributeMapping/GetAllByProductId/${p.id}`)).body).toHaveLength(2);
    expect((await api.get<string[]>(`/ProductAttributeParser/GenerateAllCombinations/${p.id}`)).body).toHaveLength(2);
    let xml = (await api.post<string>(`/ProductAttributeParser/AddProductAttribute/${mc.id}?value=${red.id}`, '')).body;
    xml = (await api.post<string>(`/ProductAttributeParser/AddProductAttribute/${ms.id}?value=${m.id}`, xml)).body;
    expect(xml).toBe(
      `<Attributes><ProductAttribute ID="${mc.id}"><ProductAttributeValue><Value>${red.id}</Value></ProductAttributeValue></ProductAttribute><ProductAttribute ID="${ms.id}"><ProductAttributeValue><Value>${m.id}</Value></ProductAttributeValue></ProductAttribute></Attributes>`,
    );
    const combo = {
      product_id: p.id,
      attributes_xml: xml,
      sku: 'SHIRT-RED-M',
      gtin: '7000000000017',
      stock_quantity: 5,
      allow_out_of_stock_orders: false,
      overridden_price: 249,
      notify_admin_for_quantity_below: 1,
      min_stock_quantity: 0,
    };
    expect(api.contract.checkRequest('ProductAttributeCombinationDto', combo)).toEqual([]);
    const c = (await api.post<Dto>('/ProductAttributeCombination/Create', combo)).body;
    expect((await api.get<Dto>('/ProductAttributeCombination/GetBySku?sku=SHIRT-RED-M')).body.id).toBe(c.id);
    // Element order does not matter for the lookup.
    const reversed = `<Attributes><ProductAttribute ID="${ms.id}"><ProductAttributeValue><Value>${m.id}</Value></ProductAttributeValue></ProductAttribute><ProductAttribute ID="${mc.id}"><ProductAttributeValue><Value>${red.id}</Value></ProductAttributeValue></ProductAttribute></Attributes>`;
    expect(
      (await api.post<Dto>(`/ProductAttributeParser/FindProductAttributeCombination/${p.id}`, reversed)).body.id,
    ).toBe(c.id);
    expect(
      (await api.post(`/ProductAttributeParser/FindProductAttributeCombination/${p.id}`, '<Attributes/>')).status,
    ).toBe(204);
    await api.call('POST', `/Product/AdjustInventory/${p.id}?quantityToChange=-2`, reversed);
    expect((await api.get<Dto>(`/ProductAttributeCombination/GetById/${c.id}`)).body.stock_quantity).toBe(3);
    expect((await api.post<string>(`/Product/FormatSku/${p.id}`, xml)).body).toBe('SHIRT-RED-M');
    expect((await api.get<Dto[]>(`/ProductAttributeCombination/GetAll/${p.id}`)).body).toHaveLength(1);
    // The final price uses the combination override.
    expect(sim.state.finalPrice({ productId: p.id, combinationId: c.id })).toBe('249.0000');
  });
});
