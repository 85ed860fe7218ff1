import { Decimal } from 'decimal.js';
import type { ProductDto } from '@pcknop/nopcommerce-client';
import { FieldMappingErrorCode, pckToTwin, twinToNop, type MappingProfile } from '../src';
import { RECEIVED_AT, article, garment, profileWith } from './fixtures';
import type { Article } from '@pcknop/pck-contract';

const NOW = new Date('2025-06-05T12:00:00Z');

async function toNop(profile: MappingProfile, a: Article, current?: Record<string, ProductDto>) {
  const twin = await pckToTwin(profile, { operation: 'sendArticle', article: a }, { receivedAt: RECEIVED_AT });
  return twinToNop(profile, twin, { now: NOW, current });
}

describe('twinToNop (golden)', () => {
  it('creates a simple product with every PCK field under the default profile', async () => {
    const out = await toNop(profileWith(), article());
    expect(out.products).toHaveLength(1);
    const p = out.products[0];
    expect(p).toMatchObject({
      key: 'a:4711',
      isCreate: true,
      categoryKeys: ['wg2:12'],
      manufacturerKeys: ['m:7'],
      tierPrices: [],
    });
    expect(p.product).toEqual({
      product_type_id: 5,
      visible_individually: true,
      product_template_id: 1,
      order_minimum_quantity: 1,
      order_maximum_quantity: 10000,
      is_ship_enabled: true,
      allow_customer_reviews: true,
      display_stock_availability: true,
      backorder_mode_id: 0,
      low_stock_activity_id: 0,
      notify_admin_for_quantity_below: 1,
      has_tier_prices: false,
      has_discounts_applied: false,
      deleted: false,
      created_on_utc: '2025-06-05T12:00:00.000Z',
      updated_on_utc: '2025-06-05T12:00:00.000Z',
      sku: 'BLÅ-100',
      name: 'Blåbærsyltetøy',
      short_description: 'Økologisk, 350 g',
      full_description: 'Laget på norske blåbær.<br />\nPasser til vafler &amp; pannekaker.',
      published: true,
      price: 49.9,
      old_price: 0,
      product_cost: 21.5,
      tax_category_id: 2,
      gtin: '7038010055690',
      weight: 0.35,
      length: 8,
      width: 8,
      height: 11,
      stock_quantity: 10,
      manage_inventory_method_id: 1,
    });
    expect(out.categories.map((c) => [c.key, c.parentKey, c.category.name])).toEqual([
      ['wg1:1', undefined, 'Mat'],
      ['wg2:12', 'wg1:1', 'Syltetøy'],
    ]);
    expect(out.manufacturers[0]).toMatchObject({ key: 'm:7', manufacturer: { name: 'Lerum', published: true } });
  });

  it('offer becomes a dated qty-1 tier price; old_price shows the regular price while it runs', async () => {
    const a = article({
      discount: new Decimal('39.90'),
      discountFrom: Date.UTC(2025, 5, 1),
      discountTo: Date.UTC(2025, 5, 9, 22),
    });
    const p = (await toNop(profileWith(), a)).products[0];
    expect(p.tierPrices).toEqual([
      {
        store_id: 0,
        customer_role_id: null,
        quantity: 1,
        price: 39.9,
        start_date_time_utc: '2025-06-01T00:00:00.000Z',
        end_date_time_utc: '2025-06-10T22:00:00.000Z',
      },
    ]);
    expect(p.product.old_price).toBe(49.9);
  });

  it('net prices at 4 decimals when the shop prices exclude VAT', async () => {
    const p = (
      await toNop(
        profileWith({ articles: { price: { shopPricesIncludeVat: false } } }),
        article({ salesPrice: new Decimal('49.90') }),
      )
    ).products[0];
    expect(p.product.price).toBe(43.3913);
  });

  it('hideWhenOutOfStock unpublishes at zero shown stock', async () => {
    const p = (await toNop(profileWith(), article({ hideWhenOutOfStock: true, stockCount: 2, webstockLimit: 2 })))
      .products[0];
    expect(p.product.published).toBe(false);
    expect(p.product.stock_quantity).toBe(0);
  });

  it('unit pricing uses the profile measure ids', async () => {
    const profile = profileWith({ articles: { unitPricing: { enabled: true, measureIds: { kg: 2 } } } });
    const p = (await toNop(profile, article({ unitPricingQuantity: new Decimal('0.35'), unitPricingUnitCode: 'kg' })))
      .products[0];
    expect(p.product).toMatchObject({
      baseprice_enabled: true,
      baseprice_amount: 0.35,
      baseprice_unit_id: 2,
      baseprice_base_amount: 1,
      baseprice_base_unit_id: 2,
    });
    const unknown = await toNop(
      profile,
      article({ unitPricingQuantity: new Decimal('1'), unitPricingUnitCode: 'stk' }),
    );
    expect(unknown.products[0].product.baseprice_enabled).toBe(false);
    expect(unknown.warnings[0]).toContain('"stk"');
  });

  it('variants as separate products linked to a grouped parent (classic)', async () => {
    const out = await toNop(profileWith(), garment());
    expect(
      out.products.map((p) => [
        p.key,
        p.parentKey,
        p.product.product_type_id,
        p.product.sku,
        p.product.name,
        p.product.published,
        p.product.stock_quantity,
        p.product.gtin,
        p.product.visible_individually,
      ]),
    ).toEqual([
      ['a:900', undefined, 10, 'GENSER-1', 'Strikkegenser', true, 0, '7038010055690', true],
      ['a:900:sc:1', 'a:900', 5, 'GENSER-1-1', 'Strikkegenser Rød S', true, 4, '7038010000010', false],
      ['a:900:sc:2', 'a:900', 5, 'GENSER-1-2', 'Strikkegenser Rød M', true, 0, null, false],
      ['a:900:sc:3', 'a:900', 5, 'GENSER-1-3', 'Strikkegenser Blå M', false, 4, null, false],
    ]);
    expect(out.products[1].product.price).toBe(899);
    expect(out.products[1].product.tax_category_id).toBe(1);
  });

  it('variants as attribute combinations on one product', async () => {
    const out = await toNop(profileWith({ variants: { mode: 'attributeCombinations' } }), garment());
    expect(out.products).toHaveLength(1);
    const p = out.products[0];
    expect(p.product).toMatchObject({
      product_type_id: 5,
      manage_inventory_method_id: 2,
      allow_adding_only_existing_attribute_combinations: true,
    });
    expect(
      p.combinations?.map((c) => [
        c.key,
        c.combination.sku,
        c.combination.stock_quantity,
        c.colour?.name,
        c.size?.name,
        c.discontinued,
      ]),
    ).toEqual([
      ['a:900:sc:1', 'GENSER-1-1', 4, 'Rød', 'S', false],
      ['a:900:sc:2', 'GENSER-1-2', 0, 'Rød', 'M', false],
      ['a:900:sc:3', 'GENSER-1-3', 0, 'Blå', 'M', true],
    ]);
  });

  it('group sync off: no categories, products not re-linked', async () => {
    const out = await toNop(profileWith({ groups: { source: 'off' } }), article());
    expect(out.categories).toEqual([]);
    expect(out.products[0].categoryKeys).toBeUndefined();
  });

  it('an unmapped VAT rate in a twin record is an error naming the rate', async () => {
    const profile = profileWith();
    const twin = await pckToTwin(
      profile,
      { operation: 'sendArticle', article: article() },
      { receivedAt: RECEIVED_AT },
    );
    twin.products[0].vatRate = new Decimal('11.11');
    expect(() => twinToNop(profile, twin, { now: NOW })).toThrow(
      expect.objectContaining({ code: FieldMappingErrorCode.UNMAPPED_VAT_RATE }),
    );
  });

  it('stock levels and images', async () => {
    const profile = profileWith();
    const out = twinToNop(
      profile,
      {
        stockLevels: [
          {
            productKey: 'a:1',
            variantKey: 'a:1:sc:2',
            warehouse: 'total',
            onHand: new Decimal(5),
            available: new Decimal('3.7'),
            asOf: NOW,
          },
        ],
        images: [
          {
            ownerKind: 'product' as never,
            ownerKey: 'a:1',
            colour: '201',
            position: 2,
            contentHash: 'sha256:x',
            mimeType: 'image/jpeg',
            data: new Uint8Array([1]),
          },
        ],
      },
      { now: NOW },
    );
    expect(out.stock).toEqual([{ key: 'a:1:sc:2', target: 'product', stockQuantity: 3 }]);
    expect(out.images[0]).toMatchObject({
      key: 'product|a:1|201|2',
      productKey: 'a:1',
      colour: '201',
      attachToVariants: true,
      displayOrder: 2,
    });
    const noVariantImages = twinToNop(
      profileWith({ images: { colorImagesToVariants: false } }),
      {
        images: [
          {
            ownerKind: 'product' as never,
            ownerKey: 'a:1',
            colour: '201',
            position: 2,
            contentHash: 'sha256:x',
            mimeType: 'image/jpeg',
          },
        ],
      },
      { now: NOW },
    );
    expect(noVariantImages.images[0].attachToVariants).toBe(false);
  });

  it('removals: products and variants as the profile says, images deleted, groups and manufacturers unpublished', () => {
    const deletions = (['product', 'variant', 'image', 'category', 'manufacturer'] as const).map((target) => ({
      target: target as never,
      key: `k:${target}`,
      deletedAt: NOW,
    }));
    const actions = (profile: MappingProfile) =>
      twinToNop(profile, { deletions }, { now: NOW }).deletions.map((d) => d.action);
    expect(actions(profileWith())).toEqual(['unpublish', 'unpublish', 'delete', 'unpublish', 'unpublish']);
    expect(actions(profileWith({ articles: { publish: { removal: 'delete' } } }))).toEqual([
      'delete',
      'delete',
      'delete',
      'unpublish',
      'unpublish',
    ]);
  });
});

describe('field ownership', () => {
  const current: ProductDto = {
    id: 55,
    sku: 'BLÅ-100',
    name: 'Blåbærsyltetøy',
    short_description: 'Kort',
    full_description: '<p>Rik beskrivelse skrevet i nettbutikken</p>',
    price: 45,
    published: true,
    stock_quantity: 1,
    has_tier_prices: true,
    has_discounts_applied: true,
    created_on_utc: '2024-01-01T00:00:00',
    meta_title: 'Beste syltetøyet',
    display_order: 3,
  };

  it('PCK owns everything by default: every field is overwritten, server-owned fields kept', async () => {
    const p = (await toNop(profileWith(), article(), { 'a:4711': current })).products[0];
    expect(p.isCreate).toBe(false);
    expect(p.product).toMatchObject({
      id: 55,
      full_description: 'Laget på norske blåbær.<br />\nPasser til vafler &amp; pannekaker.',
      price: 49.9,
      stock_quantity: 10,
      has_tier_prices: true,
      has_discounts_applied: true,
      created_on_utc: '2024-01-01T00:00:00',
      meta_title: 'Beste syltetøyet',
      display_order: 3,
      updated_on_utc: '2025-06-05T12:00:00.000Z',
    });
  });

  it('shop-owned fields keep the shop value on update but are set on create', async () => {
    const profile = profileWith({
      ownership: { fields: { fullDescription: 'shop', shortDescription: 'shop', categories: 'shop' } },
    });
    const updated = (await toNop(profile, article(), { 'a:4711': current })).products[0];
    expect(updated.product.full_description).toBe('<p>Rik beskrivelse skrevet i nettbutikken</p>');
    expect(updated.product.short_description).toBe('Kort');
    expect(updated.product.price).toBe(49.9);
    expect(updated.categoryKeys).toBeUndefined();
    const created = (await toNop(profile, article())).products[0];
    expect(created.product.full_description).toContain('Laget på norske blåbær');
    expect(created.categoryKeys).toEqual(['wg2:12']);
  });

  it('the shell-product mode of the peers is just ownership: default shop, PCK keeps price and stock', async () => {
    const profile = profileWith({
      ownership: { default: 'shop', fields: { price: 'pck', stock: 'pck', offer: 'pck' } },
    });
    const p = (await toNop(profile, article(), { 'a:4711': current })).products[0];
    expect(p.product).toMatchObject({
      name: 'Blåbærsyltetøy',
      short_description: 'Kort',
      price: 49.9,
      stock_quantity: 10,
    });
    expect(p.manufacturerKeys).toBeUndefined();
    expect(p.tierPrices).toEqual([]);
  });
});
