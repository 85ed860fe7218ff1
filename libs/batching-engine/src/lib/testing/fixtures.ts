import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import {
  TwinAvailability,
  TwinDeletionTarget,
  TwinImageOwner,
  TwinRecordKind,
  recordKey,
  type TwinCategory,
  type TwinDeletion,
  type TwinImage,
  type TwinProduct,
  type TwinRecord,
  type TwinStockLevel,
} from '@pcknop/twinxml';
import type { BindingRecord } from '@pcknop/staging-store';
import type { BindingStore } from '../applier';
import type { StagedChange } from '../staged-change';

/** A product record as field-mapping would produce it for PCK article `id`. */
export function twinProduct(
  id: number,
  options: {
    name?: string;
    price?: string;
    variants?: number;
    stock?: number;
    offer?: { price: string; from: Date; to: Date };
    categoryKeys?: string[];
    published?: boolean;
  } = {},
): TwinProduct {
  const key = `a:${id}`;
  const sku = `SKU-${id}`;
  const p: TwinProduct = {
    key,
    sku,
    gtins: [],
    name: options.name ?? `Article ${id}`,
    vatRate: new Decimal(25),
    price: new Decimal(options.price ?? '100'),
    published: options.published ?? true,
    hideWhenOutOfStock: false,
    categoryKeys: options.categoryKeys ?? [],
    manufacturerKeys: [],
    variants: [],
  };
  const variants = options.variants ?? 0;
  if (variants === 0) p.stock = new Decimal(options.stock ?? 5);
  for (let v = 1; v <= variants; v++) {
    p.variants.push({
      key: `${key}:sc:${v}`,
      sku: `${sku}-${v}`,
      gtins: [],
      colour: { code: String(100 + ((v - 1) % 2)), name: (v - 1) % 2 === 0 ? 'Red' : 'Blue' },
      size: {
        code: String(200 + Math.floor((v - 1) / 2)),
        name: ['S', 'M', 'L', 'XL', 'XXL'][Math.floor((v - 1) / 2) % 5] ?? 'S',
      },
      stock: new Decimal(options.stock ?? 5),
      availability: TwinAvailability.InStock,
      discontinued: false,
    });
  }
  if (options.offer)
    p.offer = { price: new Decimal(options.offer.price), from: options.offer.from, to: options.offer.to };
  return p;
}

export function twinCategory(id: number, name = `Group ${id}`, parentKey?: string): TwinCategory {
  const c: TwinCategory = {
    key: `wg${parentKey ? 2 : 1}:${id}`,
    level: parentKey ? 2 : 1,
    name,
    sortOrder: 0,
    published: true,
  };
  if (parentKey) c.parentKey = parentKey;
  return c;
}

export function twinStock(articleId: number, count: number, sizeColorId?: number, asOf = new Date()): TwinStockLevel {
  const s: TwinStockLevel = {
    productKey: `a:${articleId}`,
    warehouse: 'total',
    onHand: new Decimal(count),
    available: new Decimal(count),
    asOf,
  };
  if (sizeColorId !== undefined) s.variantKey = `a:${articleId}:sc:${sizeColorId}`;
  return s;
}

/** A tiny valid PNG-like payload whose bytes (and so hash) depend on `seed`. */
export function twinImage(articleId: number, seed: number, position = 1): TwinImage {
  const data = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from(`image-${articleId}-${seed}`),
  ]);
  return {
    ownerKind: TwinImageOwner.Product,
    ownerKey: `a:${articleId}`,
    position,
    contentHash: `sha256:${createHash('sha256').update(data).digest('hex')}`,
    mimeType: 'image/png',
    data,
  };
}

export function productRemoval(articleId: number, at = new Date()): TwinDeletion {
  return { target: TwinDeletionTarget.Product, key: `a:${articleId}`, deletedAt: at, reason: 'removed in PCK' };
}

let ts = 1_700_000_000_000n;
/** A staged change for a record, with a fresh (increasing) timestamp unless given. */
export function change(
  kind: TwinRecordKind,
  record: TwinRecord,
  options: { version?: bigint; pckTimestamp?: bigint | null; arrival?: bigint; deleted?: boolean } = {},
): StagedChange {
  ts += 1n;
  const out: StagedChange = {
    kind,
    key: recordKey(kind, record as never),
    record,
    version: options.version ?? 1n,
    pckTimestamp: options.pckTimestamp === undefined ? ts : options.pckTimestamp,
    deleted: options.deleted ?? false,
  };
  if (options.arrival !== undefined) out.arrival = options.arrival;
  return out;
}

/** Bindings in memory (contract tests of appliers). */
export class MemoryBindingStore implements BindingStore {
  readonly rows = new Map<string, BindingRecord>();
  async get(kind: string, keys: readonly string[]): Promise<Map<string, BindingRecord>> {
    const out = new Map<string, BindingRecord>();
    for (const k of keys) {
      const b = this.rows.get(`${kind}\u0000${k}`);
      if (b) out.set(k, b);
    }
    return out;
  }
  async save(bindings: readonly BindingRecord[]): Promise<void> {
    for (const b of bindings) this.rows.set(`${b.kind}\u0000${b.pckKey}`, b);
  }
  async boundShopIds(kind: string, shopIds: readonly number[]): Promise<Set<number>> {
    const wanted = new Set(shopIds);
    return new Set([...this.rows.values()].filter((b) => b.kind === kind && wanted.has(b.shopId)).map((b) => b.shopId));
  }
}
