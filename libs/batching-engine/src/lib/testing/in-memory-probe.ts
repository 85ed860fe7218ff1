import type { ShopProbe, ProbeProduct } from './applier-contract';
import type { InMemoryShop } from './in-memory-shop';

/** Reads an InMemoryShop the way the contract suite expects. */
export function inMemoryProbe(shop: InMemoryShop): ShopProbe {
  return {
    async countBySku(sku) {
      return shop.productsBySku(sku).length;
    },
    async product(sku): Promise<ProbeProduct | undefined> {
      const p = shop.productsBySku(sku)[0];
      if (!p) return undefined;
      const children = [...shop.products.values()].filter((c) => c.parentId === p.id && !c.deleted).map((c) => c.sku);
      return {
        published: p.published,
        stock: p.stock,
        tierPrices: p.tierPrices.map((t) => ({ from: t.from, to: t.to })),
        pictureCount: p.pictures.length,
        variantSkus: [...children, ...p.combinations.map((c) => c.sku)],
        categoryCount: p.categoryIds.length,
      };
    },
    async categoryCount() {
      return shop.categories.size;
    },
  };
}
