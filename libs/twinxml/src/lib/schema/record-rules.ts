import { createHash } from 'node:crypto';
import type { TwinCategory } from '../model/category';
import { TwinDeletionTarget, type TwinDeletion } from '../model/deletion';
import type { TwinImage } from '../model/image';
import { TwinOrderLineKind, type TwinOrder } from '../model/order';
import type { TwinProduct } from '../model/product';

/** Reports one issue at a path. */
export type Report = (path: string, message: string) => void;

// Cross-field rules of single records, beyond what each field's type checks. They run on
// decode (whole document and streaming) and in validateTwinDocument, with the same paths.

export function categoryRules(c: TwinCategory, path: string, report: Report): void {
  // A sub-category (level > 1) may come without its parent: PCK's sendArticleGroup names a web group's level
  // but not its parent, which is learnt from articles. No parent key then means "not stated here", not "root".
  if (c.parentKey !== undefined && c.level === 1)
    report(`${path}/Level`, 'a category with a parent cannot have level 1');
  if (c.parentKey !== undefined && c.parentKey === c.key)
    report(`${path}/ParentKey`, 'a category cannot be its own parent');
}

export function productRules(p: TwinProduct, path: string, report: Report): void {
  const offer = p.offer;
  if (offer?.from && offer.to && offer.from instanceof Date && offer.to instanceof Date && offer.to <= offer.from) {
    report(`${path}/Offer/To`, 'the offer must end after it starts');
  }
  if (!Array.isArray(p.variants)) return;
  const keys = new Set<string>();
  const skus = new Set<string>();
  p.variants.forEach((v, i) => {
    const at = `${path}/Variant[${i + 1}]`;
    if (keys.has(v.key)) report(`${at}/Key`, `duplicate variant key ${v.key}`);
    if (skus.has(v.sku)) report(`${at}/Sku`, `duplicate variant SKU ${v.sku}`);
    if (v.key === p.key) report(`${at}/Key`, 'a variant cannot have its product’s key');
    keys.add(v.key);
    skus.add(v.sku);
  });
}

export function imageRules(i: TwinImage, path: string, report: Report): void {
  const hasData = i.data !== undefined;
  const hasUri = i.uri !== undefined;
  if (hasData === hasUri) {
    report(path, 'an image needs exactly one of Data (the bytes) or Uri (a reference)');
    return;
  }
  if (hasData && i.data instanceof Uint8Array && typeof i.contentHash === 'string') {
    const actual = 'sha256:' + createHash('sha256').update(i.data).digest('hex');
    if (actual !== i.contentHash) report(`${path}/ContentHash`, `does not match the image bytes (${actual})`);
  }
}

export function deletionRules(d: TwinDeletion, path: string, report: Report): void {
  if (d.target === TwinDeletionTarget.Variant && d.parentKey === undefined) {
    report(`${path}/ParentKey`, 'deleting a variant needs the key of its product');
  }
  // An image's parent is the product (or variant) that owns it; the receiver needs it to find the picture.
  if (d.target !== TwinDeletionTarget.Variant && d.target !== TwinDeletionTarget.Image && d.parentKey !== undefined) {
    report(`${path}/ParentKey`, 'only variant and image deletions have a parent key');
  }
}

export function orderRules(o: TwinOrder, path: string, report: Report): void {
  if (!Array.isArray(o.lines)) return;
  const ids = new Set<string>();
  o.lines.forEach((l, i) => {
    const at = `${path}/Line[${i + 1}]`;
    if (ids.has(l.lineId)) report(`${at}/LineId`, `duplicate line id ${l.lineId}`);
    ids.add(l.lineId);
    if (l.kind === TwinOrderLineKind.Product && l.sku === undefined && l.productKey === undefined) {
      report(at, 'a product line needs a SKU or a product key');
    }
  });
}
