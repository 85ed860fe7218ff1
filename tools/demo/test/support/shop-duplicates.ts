import type { NopSim } from '@pcknop/nop-sim';

/** What the simulated shop holds more than once, and how much it holds, for "nothing duplicated" assertions. */
export interface ShopDuplicates {
  /** Live products sharing a SKU, with their count. */
  skus: Array<[string, number]>;
  /** Pictures attached twice to one product (same file name), with their count. */
  pictures: Array<[string, number]>;
  /** Tier prices repeated for one product, role, quantity and store. */
  tierPrices: Array<[string, number]>;
  /** Pictures no product uses (left behind by a reply lost after the upload). */
  orphanPictures: number[];
  liveSkus: number;
  pictureMappings: number;
}

function repeated(keys: Iterable<string>): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1);
}

export function shopDuplicates(sim: NopSim): ShopDuplicates {
  const skus = sim.state
    .products()
    .filter((p) => !p.deleted && typeof p.sku === 'string' && p.sku)
    .map((p) => String(p.sku));
  const pictures = new Map(sim.state.pictures().map((p) => [Number(p.id), p]));
  const mappings = sim.state.list('productPictures');
  const mapped = new Set(mappings.map((m) => Number(m.picture_id)));
  return {
    skus: repeated(skus),
    pictures: repeated(
      mappings.map((m) => `${String(m.product_id)} ${String(pictures.get(Number(m.picture_id))?.seo_filename)}`),
    ),
    tierPrices: repeated(
      sim.state
        .list('tierPrices')
        .map(
          (t) => `${String(t.product_id)} ${String(t.customer_role_id)} ${String(t.quantity)} ${String(t.store_id)}`,
        ),
    ),
    orphanPictures: [...pictures.keys()].filter((id) => !mapped.has(id)),
    liveSkus: new Set(skus).size,
    pictureMappings: mappings.length,
  };
}
