import { TOTAL_WAREHOUSE } from '@pcknop/field-mapping';
import { TwinDeletionTarget, TwinRecordKind, type TwinProduct, type TwinStockLevel } from '@pcknop/twinxml';
import { rankOf } from './dependency-order';
import { deletionOf, levelOf, productKeyOf, type StagedChange } from './staged-change';

export interface SupersededChange {
  change: StagedChange;
  /** `kind:key` of the change that makes this one unnecessary. */
  by: string;
  /**
   * The change's content travels inside `by` (a stock count folded into its product record): it is applied
   * exactly when `by` is, so it must share `by`'s outcome rather than count as done.
   */
  folded?: boolean;
}

export interface BatchPlan {
  /** What to apply, in dependency order. */
  apply: StagedChange[];
  /** Changes made unnecessary by a newer related change in the same batch: completed without a shop call. */
  superseded: SupersededChange[];
}

const id = (c: StagedChange): string => `${c.kind}:${c.key}`;
const isTotal = (c: StagedChange): boolean => (c.record as TwinStockLevel | null)?.warehouse === TOTAL_WAREHOUSE;

/**
 * The product change with the given stock counts written into its record (the newest per product or variant);
 * undefined when a count names a variant the record does not have (then nothing is folded).
 */
function foldStock(product: StagedChange, counts: readonly StagedChange[]): StagedChange | undefined {
  const record = product.record as TwinProduct | null;
  if (!record) return undefined;
  const next: TwinProduct = { ...record, variants: record.variants.map((v) => ({ ...v })) };
  for (const c of [...counts].sort((a, b) => (newer(a, b) ? 1 : -1))) {
    const s = c.record as TwinStockLevel;
    const qty = s.available ?? s.onHand;
    if (s.variantKey === undefined) {
      if (next.variants.length > 0) return undefined;
      next.stock = qty;
    } else {
      const variant = next.variants.find((v) => v.key === s.variantKey);
      if (!variant) return undefined;
      variant.stock = qty;
    }
  }
  return { ...product, record: next };
}

/**
 * Whether `a` is newer than `b`, by one clock only: PCK's timestamps when both states carry one (stock against its
 * product), otherwise the store's arrival order (a removal or image has no PCK timestamp, and the gateway's clock is
 * never compared with PCK's); then the version.
 */
function newer(a: StagedChange, b: StagedChange): boolean {
  if (a.pckTimestamp !== null && b.pckTimestamp !== null && a.pckTimestamp !== b.pckTimestamp)
    return a.pckTimestamp > b.pckTimestamp;
  const arrivalA = a.arrival ?? 0n;
  const arrivalB = b.arrival ?? 0n;
  if (arrivalA !== arrivalB) return arrivalA > arrivalB;
  return a.version > b.version;
}

/**
 * Plans one batch (pure): coalesces per entity, drops changes a newer related change supersedes, and orders the
 * rest by dependency.
 *
 * - Repeats of one entity: the newest (see `newer`) wins (the store already keeps one row per entity; this makes
 *   the planner correct for any input).
 * - A product removal supersedes older changes of that product (the product itself, its stock, images and
 *   variant or image removals); a newer product record supersedes an older removal (the article came back).
 * - A product record carries its stock: an older stock record of that product is superseded (stock converges
 *   to the latest count, never to an older one applied after a newer).
 * - An image and the removal of that same image: the newer one wins.
 */
export function planBatch(changes: readonly StagedChange[]): BatchPlan {
  const latest = new Map<string, StagedChange>();
  const superseded: SupersededChange[] = [];
  for (const c of changes) {
    const seen = latest.get(id(c));
    if (!seen) latest.set(id(c), c);
    else if (newer(c, seen)) {
      latest.set(id(c), c);
      superseded.push({ change: seen, by: id(c) });
    } else superseded.push({ change: c, by: id(seen) });
  }
  const live = new Set(latest.values());
  const drop = (c: StagedChange, by: StagedChange, folded = false): void => {
    if (live.delete(c)) superseded.push({ change: c, by: id(by), ...(folded ? { folded } : {}) });
  };

  // Group by product for the cross-kind rules.
  const byProduct = new Map<string, StagedChange[]>();
  for (const c of live) {
    const p = productKeyOf(c);
    if (p === undefined) continue;
    const list = byProduct.get(p) ?? [];
    list.push(c);
    byProduct.set(p, list);
  }
  for (const group of byProduct.values()) {
    const removal = group
      .filter((c) => deletionOf(c)?.target === TwinDeletionTarget.Product)
      .reduce<StagedChange | undefined>((a, c) => (!a || newer(c, a) ? c : a), undefined);
    const upsert = group.find((c) => c.kind === TwinRecordKind.Product && !c.deleted);
    if (removal && upsert) {
      if (newer(upsert, removal)) drop(removal, upsert);
      else drop(upsert, removal);
    }
    if (removal && live.has(removal)) {
      for (const c of group) if (c !== removal && !newer(c, removal)) drop(c, removal);
    }
    if (upsert && live.has(upsert)) {
      for (const c of group) if (c.kind === TwinRecordKind.Stock && !c.deleted && newer(upsert, c)) drop(c, upsert);
      // A newer total stock count of the product (or one of its variants) in the same batch is folded into the
      // product record, so the shop gets one write with the final count instead of a create and then a stock
      // update (read + write): the same end state in a third of the calls during a full resend.
      const folds = group.filter(
        (c) => c.kind === TwinRecordKind.Stock && !c.deleted && live.has(c) && isTotal(c) && newer(c, upsert),
      );
      if (folds.length > 0) {
        const folded = foldStock(upsert, folds);
        if (folded) {
          live.delete(upsert);
          live.add(folded);
          for (const c of folds) drop(c, folded, true);
        }
      }
    }
  }
  // An image against the removal of the same image.
  const images = new Map<string, StagedChange>();
  for (const c of live) if (c.kind === TwinRecordKind.Image && !c.deleted) images.set(c.key, c);
  for (const c of [...live]) {
    const d = deletionOf(c);
    if (d?.target !== TwinDeletionTarget.Image || c.kind !== TwinRecordKind.Deletion) continue;
    const img = images.get(d.key);
    if (img && live.has(img)) {
      if (newer(img, c)) drop(c, img);
      else drop(img, c);
    }
  }

  const rank = (c: StagedChange): number => (deletionOf(c) ? rankOf(TwinRecordKind.Deletion) : rankOf(c.kind));
  const apply = [...live].sort(
    (a, b) => rank(a) - rank(b) || levelOf(a) - levelOf(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return { apply, superseded };
}
