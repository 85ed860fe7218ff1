import type { ProductDto } from '@pcknop/nopcommerce-client';
import type { Article } from '@pcknop/pck-contract';
import { pckToTwin, twinToNop, type MappingProfile } from '../src';
import { RECEIVED_AT, article, garment, profileWith } from './fixtures';

const NOW = new Date('2025-06-05T12:00:00Z');

/** PCK's updateStockCount for an article, mapped all the way to the nop stock payload. */
async function stockUpdate(
  profile: MappingProfile,
  count: number,
  sizeColorId?: number,
  current?: Record<string, ProductDto>,
) {
  const twin = await pckToTwin(
    profile,
    {
      operation: 'updateStockCount',
      updateStock: { articleId: 4711, count, stockDetails: [], ...(sizeColorId ? { sizeColorId } : {}) },
    },
    { receivedAt: RECEIVED_AT },
  );
  return twinToNop(profile, twin, { now: NOW, current });
}

/** The shop after an article was sent: each product payload as the shop now holds it. */
async function shopAfterArticle(profile: MappingProfile, a: Article): Promise<Record<string, ProductDto>> {
  const twin = await pckToTwin(profile, { operation: 'sendArticle', article: a }, { receivedAt: RECEIVED_AT });
  return Object.fromEntries(
    twinToNop(profile, twin, { now: NOW }).products.map((p) => [p.key, { ...p.product, id: 1 }]),
  );
}

describe('stock updates and field ownership', () => {
  it('PCK-owned stock (the default) is written by a stock update', async () => {
    const out = await stockUpdate(profileWith(), 7);
    expect(out.stock).toEqual([expect.objectContaining({ key: 'a:4711', target: 'product', stockQuantity: 7 })]);
    expect(out.warnings).toEqual([]);
  });

  it('shop-owned stock is not written by a stock update, and a warning says why', async () => {
    const out = await stockUpdate(profileWith({ ownership: { fields: { stock: 'shop' } } }), 7);
    expect(out.stock).toEqual([]);
    expect(out.warnings).toEqual(['a:4711: stock is owned by the shop; stock update not sent']);
  });

  it('a shop default with PCK-owned stock (the shell-product mode) still writes stock', async () => {
    const out = await stockUpdate(profileWith({ ownership: { default: 'shop', fields: { stock: 'pck' } } }), 3, 12);
    expect(out.stock).toEqual([expect.objectContaining({ key: 'a:4711:sc:12', stockQuantity: 3 })]);
  });
});

describe('stock updates and hideWhenOutOfStock', () => {
  const hides = article({ articleId: 4711, hideWhenOutOfStock: true, stockCount: 12, webstockLimit: 0 });

  it('an article that hides when out of stock gets nop\'s own "unpublish at 0" low-stock activity', async () => {
    const shop = await shopAfterArticle(profileWith(), hides);
    expect(shop['a:4711']).toMatchObject({
      published: true,
      stock_quantity: 12,
      low_stock_activity_id: 2,
      min_stock_quantity: 0,
    });
    const plain = await shopAfterArticle(profileWith(), article({ hideWhenOutOfStock: false }));
    expect(plain['a:4711'].low_stock_activity_id).toBe(0);
  });

  it('selling out through updateStockCount hides it; back in stock shows it again', async () => {
    const profile = profileWith();
    const shop = await shopAfterArticle(profile, hides);
    const soldOut = await stockUpdate(profile, 0, undefined, shop);
    expect(soldOut.stock).toEqual([{ key: 'a:4711', target: 'product', stockQuantity: 0, published: false }]);
    const hidden = { 'a:4711': { ...shop['a:4711'], stock_quantity: 0, published: false } };
    const restocked = await stockUpdate(profile, 5, undefined, hidden);
    expect(restocked.stock).toEqual([{ key: 'a:4711', target: 'product', stockQuantity: 5, published: true }]);
  });

  it('the webstockLimit counts: stock at the limit is out of stock for the shop', async () => {
    const profile = profileWith();
    const shop = await shopAfterArticle(profile, hides);
    const twin = await pckToTwin(
      profile,
      { operation: 'updateStockCount', updateStock: { articleId: 4711, count: 2, stockDetails: [] } },
      { receivedAt: RECEIVED_AT, webstockLimit: 2 },
    );
    expect(twinToNop(profile, twin, { now: NOW, current: shop }).stock[0]).toMatchObject({
      stockQuantity: 0,
      published: false,
    });
  });

  it('leaves published alone when PCK does not show the article, or without hideWhenOutOfStock', async () => {
    const profile = profileWith();
    const notOnWeb = await shopAfterArticle(profile, { ...hides, visibleOnWeb: false });
    expect((await stockUpdate(profile, 5, undefined, notOnWeb)).stock[0].published).toBeUndefined();
    const plain = await shopAfterArticle(profile, article({ hideWhenOutOfStock: false }));
    expect((await stockUpdate(profile, 0, undefined, plain)).stock[0].published).toBeUndefined();
  });

  it('leaves published alone when the shop owns it', async () => {
    const profile = profileWith({ ownership: { fields: { published: 'shop' } } });
    const shop = await shopAfterArticle(profile, hides);
    expect((await stockUpdate(profile, 0, undefined, shop)).stock[0].published).toBeUndefined();
  });

  it('turning hideWhenOutOfStock off in PCK resets the low-stock activity the mapping set', async () => {
    const profile = profileWith();
    const shop = await shopAfterArticle(profile, hides);
    const twin = await pckToTwin(
      profile,
      { operation: 'sendArticle', article: { ...hides, hideWhenOutOfStock: false } },
      { receivedAt: RECEIVED_AT },
    );
    expect(twinToNop(profile, twin, { now: NOW, current: shop }).products[0].product.low_stock_activity_id).toBe(0);
    const disableBuyButton = { 'a:4711': { ...shop['a:4711'], low_stock_activity_id: 1 } };
    expect(
      twinToNop(profile, twin, { now: NOW, current: disableBuyButton }).products[0].product.low_stock_activity_id,
    ).toBe(1);
  });

  it('separateProducts: each variant product hides and shows on its own stock; discontinued ones stay hidden', async () => {
    const profile = profileWith();
    const shop = await shopAfterArticle(
      profile,
      garment({ articleId: 4711, hideWhenOutOfStock: true, webstockLimit: 0 }),
    );
    expect(shop['a:4711'].low_stock_activity_id).toBe(0); // the grouped parent holds no stock
    expect(shop['a:4711:sc:1'].low_stock_activity_id).toBe(2);
    expect(shop['a:4711:sc:3'].low_stock_activity_id).toBe(0);
    expect((await stockUpdate(profile, 0, 1, shop)).stock[0]).toEqual({
      key: 'a:4711:sc:1',
      target: 'product',
      stockQuantity: 0,
      published: false,
    });
    expect((await stockUpdate(profile, 4, 1, shop)).stock[0].published).toBe(true);
    expect((await stockUpdate(profile, 4, 3, shop)).stock[0].published).toBeUndefined();
  });
});
