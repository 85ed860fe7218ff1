import { Api, Dto, withEmptyShopEachTest } from './support/api';
import type { NopSim } from '../src';

const base = {
  product_type_id: 5,
  visible_individually: true,
  published: true,
  order_minimum_quantity: 1,
  order_maximum_quantity: 10000,
  is_ship_enabled: true,
};

describe('products', () => {
  let sim: NopSim;
  let api: Api;
  withEmptyShopEachTest((started) => ({ sim, api } = started));

  const create = async (body: Record<string, unknown>): Promise<Dto> => {
    expect(api.contract.checkRequest('ProductDto', body)).toEqual([]);
    const res = await api.post<Dto>('/Product/Create', body);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('Create returns 200 with the DTO and a new id; nothing is filled in for you', async () => {
    const p = await create({ ...base, name: 'Shirt', sku: 'SH-1', price: 199.5 });
    expect(p.id).toBe(1);
    expect(p.price).toBe(199.5);
    expect(p.created_on_utc).toBe('0001-01-01T00:00:00');
    expect((await api.get<Dto>('/Product/GetById/1')).body).toEqual(p);
  });

  it('Update replaces the whole row (fields left out are reset) and answers an empty 200', async () => {
    const p = await create({
      ...base,
      name: 'Shirt',
      sku: 'SH-1',
      price: 199.5,
      stock_quantity: 7,
      manage_inventory_method_id: 1,
    });
    const res = await api.put('/Product/Update', { id: p.id, name: 'Shirt v2', sku: 'SH-1' });
    expect([res.status, res.text]).toEqual([200, '']);
    const after = (await api.get<Dto>(`/Product/GetById/${p.id}`)).body;
    expect(after).toMatchObject({
      name: 'Shirt v2',
      price: 0,
      stock_quantity: 0,
      published: false,
      manage_inventory_method_id: 0,
    });
    const missing = await api.put('/Product/Update', { ...after, id: 999 });
    expect([missing.status, missing.body]).toEqual([404, 'Product Id=999 not found']);
  });

  it('a null in a NOT NULL column is a 500 with the error body; bad types are a 400 problem', async () => {
    const res = await api.post<Record<string, unknown>>('/Product/Create', { sku: 'X' });
    expect(res.status).toBe(500);
    expect(res.body.message).toMatch(/Cannot insert the value NULL into column 'Name'/);
    const bad = await api.post<Record<string, unknown>>('/Product/Create', { name: 'x', price: 'cheap' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toBeDefined();
  });

  it('GetProductBySku: trimmed, exact, first non-deleted by lowest id; duplicates allowed; 404 string', async () => {
    const a = await create({ ...base, name: 'A', sku: 'DUP' });
    const b = await create({ ...base, name: 'B', sku: 'DUP' });
    expect((await api.get<Dto>('/Product/GetProductBySku?sku=%20DUP%20')).body.id).toBe(a.id);
    expect((await api.del(`/Product/Delete/${a.id}`)).text).toBe('');
    expect((await api.get<Dto>('/Product/GetProductBySku?sku=DUP')).body.id).toBe(b.id);
    const nf = await api.get('/Product/GetProductBySku?sku=NOPE');
    expect([nf.status, nf.body]).toEqual([404, 'Product sku=NOPE not found']);
    // Soft delete: GetById still returns the row.
    expect((await api.get<Dto>(`/Product/GetById/${a.id}`)).body.deleted).toBe(true);
    expect((await api.get<Dto[]>('/Product/GetProductsBySku?skuArray=DUP;OTHER')).body.map((p) => p.id)).toEqual([
      b.id,
    ]);
  });

  it("id lists are ';'-separated; a comma list is silently ignored", async () => {
    await create({ ...base, name: 'A', sku: 'A' });
    await create({ ...base, name: 'B', sku: 'B' });
    expect((await api.get<Dto[]>('/Product/GetProductsByIds/1;2;x')).body.map((p) => p.id)).toEqual([1, 2]);
    expect((await api.get<Dto[]>('/Product/GetProductsByIds/1,2')).body).toEqual([]);
    expect((await api.get('/Product/GetById/0')).status).toBe(400);
  });

  it('GetAll pages (0-based, int.MaxValue default) and hides unpublished unless showHidden', async () => {
    for (let i = 1; i <= 5; i++) await create({ ...base, name: `P${i}`, sku: `P${i}`, published: i !== 5 });
    const page = (await api.get<Record<string, unknown>>('/Product/GetAll?pageIndex=1&pageSize=2')).body;
    expect(page).toMatchObject({
      page_index: 1,
      page_size: 2,
      total_count: 4,
      total_pages: 2,
      has_previous_page: true,
      has_next_page: false,
    });
    const all = (await api.get<Record<string, unknown>>('/Product/GetAll?showHidden=true')).body;
    expect(all).toMatchObject({ page_size: 2147483647, total_count: 5, total_pages: 1 });
  });

  it('stock: AdjustInventory changes stock and writes history; direct Update writes none', async () => {
    const p = await create({ ...base, name: 'S', sku: 'S', manage_inventory_method_id: 1, stock_quantity: 10 });
    const adj = await api.call('POST', `/Product/AdjustInventory/${p.id}?quantityToChange=-3&message=PCK`, '');
    expect(adj.status).toBe(200);
    expect((await api.get(`/Product/GetTotalStockQuantity/${p.id}`)).body).toBe(7);
    const full = (await api.get<Dto>(`/Product/GetById/${p.id}`)).body;
    await api.put('/Product/Update', { ...full, stock_quantity: 20 });
    const history = (await api.get<{ items: Dto[] }>(`/Product/GetStockQuantityHistory/${p.id}`)).body.items;
    expect(history.map((h) => [h.quantity_adjustment, h.stock_quantity, h.message])).toEqual([[-3, 7, 'PCK']]);
  });

  it('tier prices only count after UpdateHasTierPricesProperty; a stale PUT switches them off again', async () => {
    const p = await create({ ...base, name: 'T', sku: 'T', price: 100 });
    const tier = {
      product_id: p.id,
      store_id: 0,
      customer_role_id: null,
      quantity: 1,
      price: 79.9,
      start_date_time_utc: null,
      end_date_time_utc: null,
    };
    expect(api.contract.checkRequest('TierPriceDto', tier)).toEqual([]);
    expect((await api.post<Dto>('/TierPrices/Create', tier)).body.id).toBe(1);
    expect(sim.state.finalPrice({ productId: p.id })).toBe('100.0000');
    expect((await api.get(`/Product/UpdateHasTierPricesProperty/${p.id}`)).text).toBe('');
    expect((await api.get<Dto>(`/Product/GetById/${p.id}`)).body.has_tier_prices).toBe(true);
    expect(sim.state.finalPrice({ productId: p.id })).toBe('79.9000');
    expect((await api.get<Dto>(`/TierPrices/GetPreferredTierPrice/${p.id}/1/0?quantity=1`)).body.price).toBe(79.9);
    await api.put('/Product/Update', { ...p, price: 100 }); // p is the stale Create reply: has_tier_prices=false
    expect(sim.state.finalPrice({ productId: p.id })).toBe('100.0000');
    expect((await api.get<Dto[]>(`/TierPrices/GetTierPricesByProduct/${p.id}`)).body).toHaveLength(1);
  });

  it('discounts: mapping + UpdateHasDiscountsApplied; clearing keeps the flag until recomputed', async () => {
    const p = await create({ ...base, name: 'D', sku: 'D', price: 200 });
    const d = (
      await api.post<Dto>('/Discount/Create', {
        name: 'BF',
        discount_type_id: 2,
        use_percentage: true,
        discount_percentage: 20,
        is_active: true,
      })
    ).body;
    await api.post('/ProductDiscounts/Create', { discount_id: d.id, entity_id: p.id });
    await api.get(`/Product/UpdateHasDiscountsApplied/${p.id}`);
    expect(sim.state.finalPrice({ productId: p.id })).toBe('160.0000');
    expect((await api.get<Dto[]>('/Discount/GetAll?discountType=AssignedToSkus&showHidden=true')).body).toHaveLength(1);
    await api.del(`/ProductDiscounts/ClearDiscountProductMapping/${d.id}`);
    expect((await api.get<Dto>(`/Product/GetById/${p.id}`)).body.has_discounts_applied).toBe(true);
    await api.get(`/Product/UpdateHasDiscountsApplied/${p.id}`);
    expect((await api.get<Dto>(`/Product/GetById/${p.id}`)).body.has_discounts_applied).toBe(false);
  });
});
