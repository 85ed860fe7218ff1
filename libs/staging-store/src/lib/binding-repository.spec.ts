import { createTestStore } from '../testing';

describe('BindingRepository', () => {
  let ctx: Awaited<ReturnType<typeof createTestStore>>;
  let tenantId: string;
  let other: string;
  beforeAll(async () => {
    ctx = await createTestStore();
    tenantId = (await ctx.repos.tenants.create({ name: 'B', pckLogin: 31, pckPassword: 'p' })).id;
    other = (await ctx.repos.tenants.create({ name: 'C', pckLogin: 32, pckPassword: 'p' })).id;
  });
  afterAll(() => ctx.close());

  it('saves, reads back and updates bindings by PCK key', async () => {
    await ctx.repos.bindings.save(tenantId, [
      { kind: 'product', pckKey: 'a:1', shopId: 10, sku: 'S1', extra: { pictureIds: [3] } },
    ]);
    await ctx.repos.bindings.save(tenantId, [{ kind: 'product', pckKey: 'a:1', shopId: 11, sku: 'S1', extra: {} }]);
    expect((await ctx.repos.bindings.get(tenantId, 'product', ['a:1', 'a:2'])).get('a:1')).toEqual({
      kind: 'product',
      pckKey: 'a:1',
      shopId: 11,
      sku: 'S1',
      extra: {},
    });
  });

  it('tells which shop ids are already owned by some key of a kind, per tenant', async () => {
    await ctx.repos.bindings.save(tenantId, [
      { kind: 'category', pckKey: 'g:16', shopId: 100, sku: null, extra: {} },
      { kind: 'category', pckKey: 'wg1:3', shopId: 101, sku: null, extra: {} },
    ]);
    await ctx.repos.bindings.save(other, [{ kind: 'category', pckKey: 'g:1', shopId: 102, sku: null, extra: {} }]);
    expect(await ctx.repos.bindings.boundShopIds(tenantId, 'category', [100, 102, 103])).toEqual(new Set([100]));
    expect(await ctx.repos.bindings.boundShopIds(tenantId, 'manufacturer', [100])).toEqual(new Set());
    expect(await ctx.repos.bindings.boundShopIds(tenantId, 'category', [])).toEqual(new Set());
  });
});
