import type { Article } from '@pcknop/pck-contract';
import type { ProductDto } from '@pcknop/nopcommerce-client';
import { ownerOf } from './field-ownership';
import { pckToTwin, type TwinRecords } from './pck-to-twin';
import { OWNABLE_FIELDS, type FieldOwner, type MappingProfile, type OwnableField } from './profile/mapping-profile';
import { NOP_PRODUCT_FIELDS, twinToNop, type NopCatalogPayload } from './twin-to-nop';

export type FieldChange = 'added' | 'changed' | 'unchanged' | 'keptByShop';

/** One nop field of the main product: what the shop has, what it would get, and why. */
export interface FieldDiff {
  /** nop wire field, e.g. `full_description`. */
  field: keyof ProductDto;
  /** The profile's name for it, e.g. `fullDescription` (absent for fields outside ownership, such as `sku`). */
  profileField?: OwnableField;
  owner?: FieldOwner;
  current: unknown;
  next: unknown;
  change: FieldChange;
}

export interface ArticlePreview {
  /** The TwinXML records the article becomes. */
  twin: TwinRecords;
  /** The nopCommerce payloads that would be sent. */
  payload: NopCatalogPayload;
  /** Field-by-field diff of the main product against `currentShopProduct` (every field is `added` without one). */
  diff: FieldDiff[];
  /** Only the fields that would change. */
  changes: FieldDiff[];
  warnings: string[];
}

export interface PreviewOptions {
  /** The clock of the dry run (offer showing now, timestamps). */
  now: Date;
}

const ALWAYS_DIFFED: (keyof ProductDto)[] = ['sku'];

function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown => (v === undefined || v === '' ? null : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/**
 * The dry run a shop owner reads before switching a rule on: what PCK's article becomes in the shop under this
 * profile, and how it differs from the shop's current product. No I/O; a Promise only because rules are async.
 */
export async function previewArticle(
  profile: MappingProfile,
  article: Article,
  currentShopProduct?: ProductDto,
  options: PreviewOptions = { now: new Date(0) },
): Promise<ArticlePreview> {
  const twin = await pckToTwin(profile, { operation: 'sendArticle', article }, { receivedAt: options.now });
  const key = twin.products[0]?.key ?? '';
  const payload = twinToNop(profile, twin, {
    now: options.now,
    current: currentShopProduct ? { [key]: currentShopProduct } : {},
  });
  const next = payload.products.find((p) => p.key === key)?.product ?? {};
  const diff: FieldDiff[] = [];
  for (const field of ALWAYS_DIFFED) diff.push(entry(field, undefined, undefined, currentShopProduct, next));
  for (const pf of OWNABLE_FIELDS) {
    for (const field of NOP_PRODUCT_FIELDS[pf]) {
      if (!(field in next) && !(currentShopProduct && field in currentShopProduct)) continue;
      diff.push(entry(field, pf, ownerOf(profile, pf), currentShopProduct, next));
    }
  }
  return {
    twin,
    payload,
    diff,
    changes: diff.filter((d) => d.change === 'added' || d.change === 'changed'),
    warnings: [...twin.warnings, ...payload.warnings],
  };
}

function entry(
  field: keyof ProductDto,
  profileField: OwnableField | undefined,
  owner: FieldOwner | undefined,
  current: ProductDto | undefined,
  next: ProductDto,
): FieldDiff {
  const cur = current?.[field];
  const nxt = next[field];
  let change: FieldChange;
  if (!current) change = 'added';
  else if (owner === 'shop') change = 'keptByShop';
  else change = same(cur, nxt) ? 'unchanged' : 'changed';
  const d: FieldDiff = { field, current: cur ?? null, next: nxt ?? null, change };
  if (profileField) d.profileField = profileField;
  if (owner) d.owner = owner;
  return d;
}
