import type { ProbeProduct, ShopProbe } from '@pcknop/batching-engine';
import { nopDateIso, type NopWebApiClient } from '@pcknop/nopcommerce-client';

/**
 * Reads a shop through its own Web API the way the applier contract expects (also what reconciliation and
 * the freshness benchmark look at). Variant children are found by their SKUs in the binding-free way the
 * contract needs: child products whose `parent_grouped_product_id` is the product.
 */
export function nopProbe(client: NopWebApiClient, childSkus: (productId: number) => Promise<string[]>): ShopProbe {
  return {
    async countBySku(sku) {
      return (await client.products.getBySkus([sku])).filter((p) => !p.deleted && p.sku === sku).length;
    },
    async product(sku): Promise<ProbeProduct | undefined> {
      const p = await client.products.getBySku(sku);
      if (!p) return undefined;
      const tiers = (await client.tierPrices.getByProduct(p.id)).filter(
        (t) => t.quantity === 1 && (t.start_date_time_utc || t.end_date_time_utc),
      );
      const pictures = await client.productPictures.getByProductId(p.id);
      const combos = await client.combinations.getAll(p.id);
      return {
        published: p.published ?? false,
        stock: p.stock_quantity ?? 0,
        tierPrices: tiers.map((t) => ({
          from: t.start_date_time_utc ? nopDateIso(t.start_date_time_utc) : null,
          to: t.end_date_time_utc ? nopDateIso(t.end_date_time_utc) : null,
        })),
        pictureCount: pictures.length,
        variantSkus: [...(await childSkus(p.id)), ...combos.map((c) => c.sku ?? '')],
        categoryCount: (await client.productCategories.getByProductId(p.id)).length,
      };
    },
    async categoryCount() {
      let n = 0;
      for await (const c of client.categories.all({ showHidden: true })) if (!c.deleted) n++;
      return n;
    },
  };
}
