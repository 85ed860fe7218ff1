/**
 * The stable source keys of PCK records (TwinXML `key`; the staging store keeps one row per key).
 *
 * | record | key | why |
 * | --- | --- | --- |
 * | product (article) | `a:<articleId>` | articleId is PCK's primary key; articleNo (the SKU) can be edited |
 * | variant (size×colour) | `a:<articleId>:sc:<sizeColorId>` | sizeColorId is PCK's variant key and the only one updateStock and order lines carry |
 * | article group (varegruppe) | `g:<id>` | |
 * | web group (webgruppe) | `wg<level>:<id>` | the same id may exist on levels 1–3 (key = (groupNumber, id)) |
 * | manufacturer | `m:<manufacturerId>` | |
 *
 * Colour axis values use the PCK colour id as `code` (sendImageColor only carries the id); sizes likewise.
 * Images and stock levels are keyed by twinxml's `recordKey` from these.
 */
export const productKey = (articleId: number): string => `a:${articleId}`;
export const variantKey = (articleId: number, sizeColorId: number): string => `a:${articleId}:sc:${sizeColorId}`;
export const articleGroupKey = (id: number): string => `g:${id}`;
export const webGroupKey = (level: number, id: number): string => `wg${level}:${id}`;
export const manufacturerKey = (id: number): string => `m:${id}`;
/** Warehouse name of the shop-facing total on TwinStockLevel records (PCK sends per-warehouse detail separately). */
export const TOTAL_WAREHOUSE = 'total';

export interface ParsedPckKey {
  articleId: number;
  sizeColorId?: number;
}

/** Reads a product or variant key back into PCK ids (orders carry these keys to PCK). */
export function parsePckProductKey(key: string | undefined): ParsedPckKey | undefined {
  const m = /^a:(-?\d+)(?::sc:(-?\d+))?$/.exec(key ?? '');
  if (!m) return undefined;
  return m[2] === undefined ? { articleId: Number(m[1]) } : { articleId: Number(m[1]), sizeColorId: Number(m[2]) };
}
